/**
 * The learning platform fixture (shared/fixtures) read as a practitioner would review it.
 * A missing fixture file fails this suite; it is never skipped.
 */
import { readFixture } from '../testing/fixture';
import { sequentialIds } from '../testing/model-builder';
import { reviewModel } from './completeness';
import { buildCtaMatrix } from './cta-matrix';
import { nowOnly } from './filters';
import { fromInterchange } from './interchange';
import { buildNestedObjectMatrix } from './nested-object-matrix';
import { objectsInOrder } from './queries';
import { validateModel } from './validation';

function learningPlatform() {
  const result = fromInterchange(readFixture('learning-platform.orca.json'), {
    generateId: sequentialIds('lp'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

describe('the learning platform fixture', () => {
  const model = learningPlatform();
  const review = reviewModel(model);
  const messages = review.findings.map((f) => f.message);

  it('is a valid model', () => {
    expect(validateModel(model)).toEqual([]);
  });

  it('has no contradictions, so nothing of severity error', () => {
    expect(review.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('shows the NOM gaps: cells filled in one direction only', () => {
    expect(messages).toContain(
      'Lesson → Discussion Post is filled but Discussion Post → Lesson is empty.',
    );
    expect(messages).toContain(
      'Review → Learner Profile is filled but Learner Profile → Review is empty.',
    );
    expect(
      review.findings.filter((f) => f.rule === 'relationship-one-way'),
    ).toHaveLength(2);
  });

  it('notices the profiles nobody acts on', () => {
    expect(
      review.findings
        .filter((f) => f.rule === 'object-missing-ctas')
        .map((f) => f.message),
    ).toEqual([
      'No role can do anything with Learner Profile: it has no CTAs.',
      'No role can do anything with Instructor Profile: it has no CTAs.',
    ]);
  });

  it('asks whether Course ↔ Topic needs a junction object', () => {
    expect(
      review.findings
        .filter((f) => f.rule === 'many-to-many-without-junction')
        .map((f) => f.message),
    ).toEqual([
      expect.stringContaining(
        'Course ↔ Topic is many-to-many with no junction object',
      ),
    ]);
  });

  it('catches Now objects nesting Later ones', () => {
    expect(
      review.findings
        .filter((f) => f.rule === 'now-depends-on-later')
        .map((f) => f.message),
    ).toEqual([
      'Lesson (Now) nests Discussion Post, which is planned for Later.',
      'Enrollment (Now) nests Certificate, which is planned for Later.',
    ]);
  });

  it('finds the states no CTA reaches: nobody publishes lessons or reviews, completes enrollments or flags posts', () => {
    expect(
      review.findings
        .filter((f) => f.rule === 'state-unreachable')
        .map((f) => f.message.split(',')[0]),
    ).toEqual([
      'Lesson can be Published',
      'Enrollment can be Completed',
      'Review can be Published',
      'Discussion Post can be Flagged',
    ]);
  });

  it('needs work before hand-off, and says how far each round has come', () => {
    expect(review.readiness.status).toBe('needs-work');
    expect(review.completeness.discovery).toBe(93);
    expect(review.completeness.prioritization).toBe(15);
    expect(review.completeness.representation).toBe(85);
  });

  it('keeps the Now release to five objects', () => {
    expect(objectsInOrder(nowOnly(model)).map((o) => o.name)).toEqual([
      'Course',
      'Lesson',
      'Learner Profile',
      'Enrollment',
      'Topic',
    ]);
  });

  it('draws the NOM and the CTA Matrix in the order of the document', () => {
    const nom = buildNestedObjectMatrix(model);
    expect(nom.rows).toHaveLength(9);
    expect(nom.rows.every((row) => row.cells.length === 9)).toBe(true);
    const courseToLesson = nom.rows[0].cells[1];
    expect(courseToLesson.relationship).toMatchObject({
      label: 'has',
      cardinality: 'one-to-many',
    });
    expect(courseToLesson.reverseFilled).toBe(true);
    const ctas = buildCtaMatrix(model);
    expect(ctas.rows[0].role.name).toBe('Learner');
    expect(ctas.rows[0].cells[0].ctas.map((c) => c.verb)).toEqual([
      'Enroll in',
      'Browse',
    ]);
    expect(
      buildCtaMatrix(model, { primaryOnly: true }).rows[0].cells[0].ctas.map(
        (c) => c.verb,
      ),
    ).toEqual(['Enroll in']);
  });
});

import { ModelBuilder } from '../testing/model-builder';
import { checkModel } from './checks';
import {
  assessReadiness,
  measureCompleteness,
  reviewModel,
} from './completeness';
import { emptyModel, type SipCheck } from './model';

const answered: SipCheck = {
  structure: { answer: 'yes', note: '' },
  instances: { answer: 'yes', note: '' },
  purpose: { answer: 'yes', note: '' },
};

/** A model that passes every check and fills every slot of every round. */
function finished() {
  const b = new ModelBuilder();
  const learner = b.role('Learner');
  const course = b.object('Course', {
    definition: 'A course.',
    sip: answered,
    priority: 'now',
  });
  const lesson = b.object('Lesson', {
    definition: 'A lesson.',
    sip: answered,
    priority: 'now',
  });
  b.relationship(course, lesson, 'one-to-many', {
    mechanics: 'Instructor adds lessons',
  });
  b.relationship(lesson, course, 'many-to-one', { mechanics: 'System links' });
  for (const object of [course, lesson]) {
    b.attribute(object, 'Title', 'text', { priority: 'now' });
    b.attribute(object, 'Published on', 'date', {
      kind: 'metadata',
      priority: 'now',
    });
    b.cta(learner, object, 'Open', 'read', {
      primary: true,
      userStory: 'As a Learner I can open it.',
      priority: 'now',
    });
  }
  return b.build();
}

describe('measureCompleteness', () => {
  it('is zero for every round of an empty model', () => {
    expect(measureCompleteness(emptyModel())).toEqual({
      discovery: 0,
      requirements: 0,
      prioritization: 0,
      representation: 0,
    });
  });

  it('is 100% for every round of a finished model', () => {
    expect(measureCompleteness(finished())).toEqual({
      discovery: 100,
      requirements: 100,
      prioritization: 100,
      representation: 100,
    });
  });

  it('counts the slots of each round', () => {
    const b = new ModelBuilder();
    const course = b.object('Course', {
      definition: 'A course.',
      priority: 'now',
    });
    b.object('Lesson');
    b.attribute(course, 'Title');
    b.attribute(course, 'Level', 'list');
    // discovery: no role (0/1), Course: not nested, attribute, no CTA (1/3), Lesson (0/3) → 1/7
    // requirements: definitions 1/2, SIP 0/2, attributes 1/2 (the list has no values) → 2/6
    // prioritization: objects 1/2, attributes 0/2 → 1/4
    // representation: Course core only (1/3), Lesson (0/3) → 1/6
    expect(measureCompleteness(b.build())).toEqual({
      discovery: 14,
      requirements: 33,
      prioritization: 25,
      representation: 17,
    });
  });
});

describe('assessReadiness', () => {
  it('calls a finished model ready', () => {
    expect(reviewModel(finished())).toEqual({
      findings: [],
      completeness: {
        discovery: 100,
        requirements: 100,
        prioritization: 100,
        representation: 100,
      },
      readiness: { status: 'ready', reasons: [] },
    });
  });

  it('calls an empty model, or one with errors, not ready', () => {
    expect(reviewModel(emptyModel()).readiness).toEqual({
      status: 'not-ready',
      reasons: ['The model has no objects yet.', 'The model has no roles yet.'],
    });
    const model = finished();
    const [first] = Object.values(model.relationships);
    const contradictory = {
      ...model,
      relationships: {
        ...model.relationships,
        [first.id]: { ...first, cardinality: 'one-to-one' as const },
      },
    };
    const review = reviewModel(contradictory);
    expect(review.readiness).toEqual({
      status: 'not-ready',
      reasons: ['1 error to fix.'],
    });
  });

  it('lists what is missing when the model needs work', () => {
    const model = finished();
    const [course] = Object.values(model.objects);
    const unphased = {
      ...model,
      objects: {
        ...model.objects,
        [course.id]: { ...course, priority: null, definition: '' },
      },
    };
    const findings = checkModel(unphased);
    expect(
      assessReadiness(unphased, findings, measureCompleteness(unphased)),
    ).toEqual({
      status: 'needs-work',
      reasons: [
        '1 warning to look at.',
        '1 object not yet phased Now, Next or Later.',
      ],
    });
  });

  it('honours switched-off rules in its verdict', () => {
    const b = new ModelBuilder();
    b.role('Learner');
    const course = b.object('Course');
    const lesson = b.object('Lesson');
    b.relationship(course, lesson, 'one-to-many');
    b.relationship(lesson, course, 'one-to-many');
    b.attribute(course, 'Title');
    b.attribute(lesson, 'Title');
    expect(reviewModel(b.build()).readiness.status).toBe('not-ready');
    expect(
      reviewModel(b.build(), {
        disabledRules: ['relationship-cardinality-contradiction'],
      }).readiness.status,
    ).toBe('needs-work');
  });
});

import fc from 'fast-check';
import { modelArbitrary } from '../testing/arbitraries';
import { ModelBuilder } from '../testing/model-builder';
import {
  CHECK_RULES,
  CHECK_RULE_IDS,
  checkModel,
  mirrorCardinality,
  type CheckRuleId,
  type Finding,
} from './checks';
import type { ProjectModel } from './model';

const messagesOf = (model: ProjectModel, rule: CheckRuleId) =>
  checkModel(model)
    .filter((f) => f.rule === rule)
    .map((f) => f.message);

/** Two objects that satisfy every rule about a single object. */
function wellFormedPair(b = new ModelBuilder()) {
  const role = b.role('Learner');
  const course = b.object('Course', { definition: 'A course.' });
  const lesson = b.object('Lesson', { definition: 'A lesson.' });
  b.nest(course, lesson);
  for (const object of [course, lesson]) {
    b.attribute(object, 'Title');
    b.cta(role, object, 'Browse');
  }
  return { b, role, course, lesson };
}

describe('checkModel', () => {
  it('finds nothing to say about a well-formed model', () => {
    expect(checkModel(wellFormedPair().b.build())).toEqual([]);
  });

  it('reports a relationship filled one way only, in words a practitioner reads', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    const lesson = b.object('Lesson');
    const id = b.relationship(course, lesson, 'one-to-many');
    b.relationship(lesson, lesson, 'one-to-one'); // a self-relationship has no mirror to miss
    const findings = checkModel(b.build()).filter(
      (f) => f.rule === 'relationship-one-way',
    );
    expect(findings).toEqual<Finding[]>([
      {
        rule: 'relationship-one-way',
        severity: 'warning',
        message: 'Course → Lesson is filled but Lesson → Course is empty.',
        target: { itemKind: 'relationship', id },
      },
    ]);
  });

  it('reports contradictory cardinality once per pair', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    const lesson = b.object('Lesson');
    b.relationship(course, lesson, 'one-to-many');
    b.relationship(lesson, course, 'one-to-many');
    const findings = checkModel(b.build()).filter(
      (f) => f.rule === 'relationship-cardinality-contradiction',
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].message).toBe(
      'Course → Lesson is one-to-many but Lesson → Course is one-to-many; the mirror of one-to-many is many-to-one.',
    );
    expect(mirrorCardinality('many-to-many')).toBe('many-to-many');
    expect(mirrorCardinality('one-to-one')).toBe('one-to-one');
  });

  it('reports isolated objects and objects without definition, attributes, core content or CTAs', () => {
    const b = new ModelBuilder();
    const badge = b.object('Badge');
    b.relationship(badge, badge, 'one-to-many');
    const tag = b.object('Tag', { definition: 'A label.' });
    b.attribute(tag, 'Created on', 'date', { kind: 'metadata' });
    const model = b.build();
    expect(messagesOf(model, 'object-isolated')).toEqual([
      'Badge has no relationships: nothing nests it and it nests nothing.',
      'Tag has no relationships: nothing nests it and it nests nothing.',
    ]);
    expect(messagesOf(model, 'object-missing-definition')).toEqual([
      'Badge has no definition.',
    ]);
    expect(messagesOf(model, 'object-missing-attributes')).toEqual([
      'Badge has no attributes.',
    ]);
    expect(messagesOf(model, 'object-missing-core-attribute')).toEqual([
      'Tag has only metadata attributes; what is its core content?',
    ]);
    expect(messagesOf(model, 'object-missing-ctas')).toEqual([
      'No role can do anything with Badge: it has no CTAs.',
      'No role can do anything with Tag: it has no CTAs.',
    ]);
  });

  it('reports CTAs of archived roles', () => {
    const { b, course } = wellFormedPair();
    const guest = b.role('Guest');
    b.cta(guest, course, 'Preview');
    const model = b.build();
    const archived = {
      ...model,
      roles: {
        ...model.roles,
        [guest]: { ...model.roles[guest], archived: true },
      },
    };
    expect(messagesOf(archived, 'cta-archived-role')).toEqual([
      'Guest is archived but still has the CTA "Preview" on Course.',
    ]);
  });

  it('reports synonyms colliding with names, and one name used twice (for models that bypassed validation)', () => {
    const { b, course, lesson } = wellFormedPair();
    const model = b.build();
    const broken: ProjectModel = {
      ...model,
      objects: {
        ...model.objects,
        [course]: {
          ...model.objects[course],
          synonyms: ['Lesson', 'Unit', 'course'],
        },
        [lesson]: { ...model.objects[lesson], synonyms: ['unit'] },
        twin: {
          ...model.objects[lesson],
          id: 'twin',
          orderKey: 'b5',
          synonyms: [],
        },
      },
    };
    expect(messagesOf(broken, 'synonym-collision')).toEqual([
      'Course\'s synonym "Lesson" is the name of Lesson.',
      '"Unit" is a synonym of both Course and Lesson.',
    ]);
    expect(messagesOf(broken, 'object-name-duplicate')).toEqual([
      '"Lesson" names two objects.',
    ]);
    expect(messagesOf(broken, 'synonym-repeats-name')).toEqual([
      'Course lists its own name as a synonym.',
    ]);
  });

  it('flags collection nouns modelled as objects, singular or plural, as the last word of the name', () => {
    const b = new ModelBuilder();
    for (const name of [
      'Library',
      'Course Catalog',
      'Calendars',
      'Reading List',
      'Galleries',
      'Listing',
      'Price list item',
    ]) {
      b.object(name);
    }
    expect(
      messagesOf(b.build(), 'collection-noun').map((m) => m.split('"')[1]),
    ).toEqual([
      'Library',
      'Course Catalog',
      'Calendars',
      'Reading List',
      'Galleries',
    ]);
    expect(messagesOf(b.build(), 'collection-noun')[0]).toBe(
      '"Library" sounds like a collection: a library is usually a list of other objects, not an object. ' +
        'Model what it holds instead, unless it has content of its own.',
    );
  });

  it('asks for a junction object on many-to-many pairs, and is satisfied by one', () => {
    const b = new ModelBuilder();
    const learner = b.object('Learner Profile');
    const course = b.object('Course');
    b.nest(learner, course, 'many-to-many');
    expect(messagesOf(b.build(), 'many-to-many-without-junction')).toEqual([
      'Learner Profile ↔ Course is many-to-many with no junction object; if the link carries data of its own (dates, status, role), model it as an object.',
    ]);
    const enrollment = b.object('Enrollment');
    b.relationship(enrollment, learner, 'many-to-one');
    b.relationship(course, enrollment, 'one-to-many'); // the other direction counts too
    expect(messagesOf(b.build(), 'many-to-many-without-junction')).toEqual([]);
  });

  it('reports reference attributes without a matching relationship, or without a target', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    const teacher = b.object('Teacher');
    b.attribute(course, 'Taught by', 'reference', {
      referencedObjectId: teacher,
    });
    b.attribute(course, 'Prerequisite', 'reference');
    expect(messagesOf(b.build(), 'reference-without-relationship')).toEqual([
      'Course\'s attribute "Taught by" refers to Teacher but Course → Teacher is empty in the NOM.',
    ]);
    expect(messagesOf(b.build(), 'reference-unset')).toEqual([
      'Course\'s attribute "Prerequisite" is a reference but does not say to which object.',
    ]);
    b.relationship(course, teacher, 'many-to-one');
    expect(messagesOf(b.build(), 'reference-without-relationship')).toEqual([]);
  });

  it('reports Now items that depend on Later objects', () => {
    const b = new ModelBuilder();
    const role = b.role('Learner');
    const lesson = b.object('Lesson', { priority: 'now' });
    const post = b.object('Discussion Post', { priority: 'later' });
    const topic = b.object('Topic', { priority: 'next' });
    b.relationship(lesson, post, 'one-to-many');
    b.relationship(lesson, topic, 'many-to-one'); // Next is a phase, not a dependency on Later
    b.cta(role, post, 'Reply', 'create', { priority: 'now' });
    b.attribute(post, 'Body', 'text', { priority: 'now' });
    b.attribute(lesson, 'Top post', 'reference', {
      referencedObjectId: post,
      priority: 'now',
    });
    expect(messagesOf(b.build(), 'now-depends-on-later')).toEqual([
      'Lesson (Now) nests Discussion Post, which is planned for Later.',
      'The Now CTA "Reply" acts on Discussion Post, which is planned for Later.',
      'Lesson\'s "Top post" (Now) refers to Discussion Post, which is planned for Later.',
      '"Body" is planned for Now but its object Discussion Post is planned for Later.',
    ]);
  });

  describe('state-unreachable', () => {
    const states = (...names: string[]) =>
      names.map((name) => ({ name, description: '', transitions: [] }));

    it('treats the first state as where instances start and looks for CTAs reaching the others', () => {
      const b = new ModelBuilder();
      const role = b.role('Instructor');
      const course = b.object('Course', {
        states: states('Draft', 'Published', 'Archived', 'Hidden'),
      });
      b.cta(role, course, 'Publish', 'update'); // the verb names the state
      b.cta(role, course, 'Retire', 'update', {
        postconditions: 'Course is archived',
      });
      b.cta(role, course, 'Hide', 'read'); // reading never changes state
      expect(messagesOf(b.build(), 'state-unreachable')).toEqual([
        'Course can be Hidden, but no CTA gets it there (no CTA names "Hidden" in its verb or postconditions).',
      ]);
    });

    it('counts CTAs on other objects whose postconditions name this object and the state', () => {
      const b = new ModelBuilder();
      const role = b.role('Learner');
      const course = b.object('Course');
      b.object('Enrollment', {
        states: states('Pending', 'Active'),
        synonyms: ['Registration'],
      });
      b.cta(role, course, 'Enroll in', 'other', {
        postconditions: 'An Enrollment exists in Active state',
      });
      expect(messagesOf(b.build(), 'state-unreachable')).toEqual([]);
      const other = new ModelBuilder();
      const r = other.role('Learner');
      const c = other.object('Course');
      other.object('Enrollment', { states: states('Pending', 'Active') });
      other.cta(r, c, 'Start', 'other', { postconditions: 'Course is Active' });
      expect(messagesOf(other.build(), 'state-unreachable')).toHaveLength(1);
    });
  });

  it('reports objects failing the SIP check', () => {
    const b = new ModelBuilder();
    b.object('Rating', {
      sip: {
        structure: { answer: 'no', note: 'just a number' },
        instances: { answer: 'yes', note: '' },
        purpose: { answer: 'unsure', note: '' },
      },
    });
    expect(messagesOf(b.build(), 'sip-failing')).toEqual([
      'Rating fails the SIP check (structure answered no): it may be an attribute or not an object at all.',
    ]);
  });

  it('runs without the rules a project switched off', () => {
    const b = new ModelBuilder();
    b.object('Library');
    const all = checkModel(b.build()).map((f) => f.rule);
    expect(all).toContain('collection-noun');
    const some = checkModel(b.build(), {
      disabledRules: new Set<CheckRuleId>([
        'collection-noun',
        'object-isolated',
      ]),
    });
    expect(some.map((f) => f.rule)).not.toContain('collection-noun');
    expect(some.map((f) => f.rule)).not.toContain('object-isolated');
    expect(checkModel(b.build(), { disabledRules: CHECK_RULE_IDS })).toEqual(
      [],
    );
  });

  it('gives every finding the severity of its rule, and is deterministic', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const findings = checkModel(model);
        for (const f of findings)
          expect(f.severity).toBe(CHECK_RULES[f.rule].severity);
        // The same model built in another insertion order reports the same findings.
        const reversed: ProjectModel = {
          objects: Object.fromEntries(Object.entries(model.objects).reverse()),
          relationships: Object.fromEntries(
            Object.entries(model.relationships).reverse(),
          ),
          roles: Object.fromEntries(Object.entries(model.roles).reverse()),
          ctas: Object.fromEntries(Object.entries(model.ctas).reverse()),
          attributes: Object.fromEntries(
            Object.entries(model.attributes).reverse(),
          ),
        };
        expect(checkModel(reversed)).toEqual(findings);
      }),
      { numRuns: 100 },
    );
  });
});

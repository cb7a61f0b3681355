import fc from 'fast-check';
import { testId } from '../testing/ids';
import { ModelBuilder } from '../testing/model-builder';
import {
  changeSeedArbitrary,
  modelArbitrary,
  toChange,
} from '../testing/arbitraries';
import type { Change } from './changes';
import {
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
  type ProjectModel,
} from './model';
import { validateChange, validateModel } from './validation';

/** A small learning platform: Course ⇄ Lesson, Learner with a CTA on Course. */
function platform() {
  const b = new ModelBuilder();
  const course = b.object('Course', {
    synonyms: ['Class'],
    states: [
      { name: 'Draft', description: '', transitions: ['Published'] },
      { name: 'Published', description: '', transitions: [] },
    ],
  });
  const lesson = b.object('Lesson');
  const [courseToLesson] = b.nest(course, lesson);
  const learner = b.role('Learner');
  const enroll = b.cta(learner, course, 'Enroll in', 'other');
  const title = b.attribute(course, 'Title');
  return {
    model: b.build(),
    course,
    lesson,
    courseToLesson,
    learner,
    enroll,
    title,
  };
}

const codes = (model: ProjectModel, change: unknown) =>
  validateChange(model, change).map((p) => `${p.field}:${p.code}`);

describe('validateChange: bad inputs are refused, naming the field', () => {
  const { model, course, lesson, courseToLesson, learner, enroll, title } =
    platform();

  it('refuses a second object with the same name, ignoring case and spaces around it', () => {
    const change: Change = {
      kind: 'object.create',
      object: newObject({
        id: testId('o-new'),
        name: 'COURSE',
        orderKey: 'a5',
      }),
    };
    const [problem] = validateChange(model, change);
    expect(problem).toEqual({
      field: 'object.name',
      code: 'duplicate_name',
      message: 'Another object is already named "Course".',
    });
    expect(
      codes(model, {
        kind: 'object.update',
        id: lesson,
        patch: { name: 'course' },
      }),
    ).toEqual(['patch.name:duplicate_name']);
  });

  it('refuses duplicate role names and duplicate attribute names within one object', () => {
    expect(
      codes(model, {
        kind: 'role.create',
        role: newRole({ id: testId('r-new'), name: 'learner', orderKey: 'a5' }),
      }),
    ).toEqual(['role.name:duplicate_name']);
    expect(
      codes(model, {
        kind: 'attribute.create',
        attribute: newAttribute({
          id: testId('a-new'),
          objectId: course,
          name: 'title',
          type: 'text',
          orderKey: 'a5',
        }),
      }),
    ).toEqual(['attribute.name:duplicate_name']);
    // The same attribute name on another object is fine.
    expect(
      codes(model, {
        kind: 'attribute.create',
        attribute: newAttribute({
          id: testId('a-new'),
          objectId: lesson,
          name: 'Title',
          type: 'text',
          orderKey: 'a5',
        }),
      }),
    ).toEqual([]);
  });

  it('refuses a synonym that is another object’s name or synonym, and a name that is one', () => {
    expect(
      codes(model, {
        kind: 'object.update',
        id: lesson,
        patch: { synonyms: ['Unit', 'class'] },
      }),
    ).toEqual(['patch.synonyms[1]:synonym_collision']);
    expect(
      codes(model, {
        kind: 'object.update',
        id: lesson,
        patch: { synonyms: ['Course'] },
      }),
    ).toEqual(['patch.synonyms[0]:synonym_collision']);
    expect(
      codes(model, {
        kind: 'object.update',
        id: lesson,
        patch: { name: 'Class' },
      }),
    ).toEqual(['patch.name:synonym_collision']);
    expect(
      codes(model, {
        kind: 'object.update',
        id: lesson,
        patch: { synonyms: ['Unit', 'unit'] },
      }),
    ).toEqual(['patch.synonyms[1]:duplicate_value']);
  });

  it('refuses a relationship to an unknown object, and a second relationship in one NOM cell', () => {
    const relationship = newRelationship({
      id: testId('rel-new'),
      fromObjectId: course,
      toObjectId: testId('nowhere'),
      cardinality: 'one-to-many',
    });
    expect(
      validateChange(model, { kind: 'relationship.create', relationship }),
    ).toEqual([
      {
        field: 'relationship.toObjectId',
        code: 'unknown_object',
        message: `No object has the id ${testId('nowhere')}.`,
      },
    ]);
    const twin = newRelationship({
      id: testId('rel-new'),
      fromObjectId: course,
      toObjectId: lesson,
      cardinality: 'one-to-one',
    });
    expect(
      validateChange(model, {
        kind: 'relationship.create',
        relationship: twin,
      }),
    ).toEqual([
      {
        field: 'relationship.toObjectId',
        code: 'duplicate_relationship',
        message: 'Course → Lesson is already filled; edit that cell instead.',
      },
    ]);
    // A self-relationship is allowed.
    const self = newRelationship({
      id: testId('rel-self'),
      fromObjectId: lesson,
      toObjectId: lesson,
      cardinality: 'one-to-many',
    });
    expect(
      validateChange(model, {
        kind: 'relationship.create',
        relationship: self,
      }),
    ).toEqual([]);
  });

  it('refuses a CTA for a role that does not exist', () => {
    const cta = newCta({
      id: testId('c-new'),
      roleId: testId('r-ghost'),
      objectId: course,
      verb: 'Browse',
      crud: 'read',
      orderKey: 'a5',
    });
    expect(codes(model, { kind: 'cta.create', cta })).toEqual([
      'cta.roleId:unknown_role',
    ]);
  });

  it('refuses score 11 (and 0, 2.5, "7"): scores are whole numbers from 1 to 10', () => {
    const [problem] = validateChange(model, {
      kind: 'object.update',
      id: course,
      patch: { score: 11 },
    });
    expect(problem).toEqual({
      field: 'patch.score',
      code: 'out_of_range',
      message: 'score must be a whole number from 1 to 10 or empty, not 11.',
    });
    for (const score of [0, 2.5, '7', -1]) {
      expect(
        codes(model, { kind: 'cta.update', id: enroll, patch: { score } }),
      ).toEqual(['patch.score:out_of_range']);
    }
    expect(
      codes(model, {
        kind: 'object.update',
        id: course,
        patch: { score: null },
      }),
    ).toEqual([]);
    expect(
      codes(model, {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: course }],
        priority: 'now',
        score: 11,
      }),
    ).toEqual(['score:out_of_range']);
  });

  it('refuses a cardinality that is not one of the four', () => {
    const [problem] = validateChange(model, {
      kind: 'relationship.update',
      id: courseToLesson,
      patch: { cardinality: 'some-to-few' },
    });
    expect(problem.field).toBe('patch.cardinality');
    expect(problem.code).toBe('invalid_value');
    expect(problem.message).toBe(
      'cardinality must be one of one-to-one, one-to-many, many-to-one, many-to-many, not "some-to-few".',
    );
    const relationship = {
      ...newRelationship({
        id: testId('rel-x'),
        fromObjectId: lesson,
        toObjectId: lesson,
        cardinality: 'one-to-one',
      }),
      cardinality: 'lots',
    };
    expect(codes(model, { kind: 'relationship.create', relationship })).toEqual(
      ['relationship.cardinality:invalid_value'],
    );
  });

  it('refuses an attribute referencing a deleted object, saying it was deleted when the caller knows', () => {
    const attribute = newAttribute({
      id: testId('a-ref'),
      objectId: lesson,
      name: 'Teacher',
      type: 'reference',
      orderKey: 'a5',
      referencedObjectId: testId('o-gone'),
    });
    expect(codes(model, { kind: 'attribute.create', attribute })).toEqual([
      'attribute.referencedObjectId:unknown_object',
    ]);
    expect(
      validateChange(
        model,
        { kind: 'attribute.create', attribute },
        { deletedIds: new Set([testId('o-gone')]) },
      ).map((p) => p.code),
    ).toEqual(['item_deleted']);
  });

  it('refuses a reference from an attribute that is not of type reference', () => {
    expect(
      codes(model, {
        kind: 'attribute.update',
        id: title,
        patch: { referencedObjectId: lesson },
      }),
    ).toEqual(['patch.referencedObjectId:reference_mismatch']);
    expect(
      codes(model, {
        kind: 'attribute.update',
        id: title,
        patch: { type: 'reference', referencedObjectId: lesson },
      }),
    ).toEqual([]);
  });

  it('refuses an empty name, a name of spaces, one with spaces around it, and one over 120 characters', () => {
    const create = (name: string) => ({
      kind: 'object.create',
      object: newObject({ id: testId('o-new'), name, orderKey: 'a5' }),
    });
    expect(validateChange(model, create(''))).toEqual([
      {
        field: 'object.name',
        code: 'empty',
        message: 'name must not be empty.',
      },
    ]);
    expect(codes(model, create('   '))).toEqual(['object.name:empty']);
    expect(codes(model, create(' Quiz'))).toEqual(['object.name:untrimmed']);
    expect(validateChange(model, create('x'.repeat(121)))).toEqual([
      {
        field: 'object.name',
        code: 'too_long',
        message: 'name must be at most 120 characters (it has 121).',
      },
    ]);
    expect(codes(model, create('x'.repeat(120)))).toEqual([]);
    expect(
      codes(model, { kind: 'cta.update', id: enroll, patch: { verb: '' } }),
    ).toEqual(['patch.verb:empty']);
  });

  it('refuses text PostgreSQL cannot keep (a NUL, a lone surrogate) in any field, naming it', () => {
    const create = (name: string) => ({
      kind: 'object.create',
      object: newObject({ id: testId('o-new'), name, orderKey: 'a5' }),
    });
    expect(codes(model, create('Quiz\u0000'))).toEqual([
      'object.name:unstorable_text',
    ]);
    expect(
      codes(model, {
        kind: 'cta.update',
        id: enroll,
        patch: { preconditions: 'paid \uD800' },
      }),
    ).toEqual(['patch.preconditions:unstorable_text']);
    expect(codes(model, create('Quiz 🧩'))).toEqual([]);
  });

  it('refuses unknown fields, in the change, its patch and the items it creates', () => {
    expect(
      codes(model, {
        kind: 'object.update',
        id: course,
        patch: { colour: 'blue' },
      }),
    ).toEqual(['patch.colour:unknown_field']);
    expect(
      codes(model, { kind: 'object.delete', id: course, force: true }),
    ).toEqual(['force:unknown_field']);
    const object = {
      ...newObject({ id: testId('o-new'), name: 'Quiz', orderKey: 'a5' }),
      colour: 'blue',
    };
    expect(codes(model, { kind: 'object.create', object })).toEqual([
      'object.colour:unknown_field',
    ]);
    expect(
      codes(model, {
        kind: 'object.update',
        id: course,
        patch: {
          sip: {
            structure: { answer: 'yes', note: '', extra: 1 },
            instances: { answer: null, note: '' },
            purpose: { answer: null, note: '' },
          },
        },
      }),
    ).toEqual(['patch.sip.structure.extra:unknown_field']);
  });

  it('points at the change meant for fields a patch may not set', () => {
    const problems = validateChange(model, {
      kind: 'cta.update',
      id: enroll,
      patch: { roleId: learner, orderKey: 'a3' },
    });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'patch.roleId:read_only_field',
      'patch.orderKey:read_only_field',
    ]);
    expect(problems[0].message).toBe('roleId cannot be patched; use cta.move.');
    expect(
      codes(model, {
        kind: 'relationship.update',
        id: courseToLesson,
        patch: { toObjectId: course },
      }),
    ).toEqual(['patch.toObjectId:read_only_field']);
  });

  it('reports every problem of a change, not only the first', () => {
    const object = {
      ...newObject({ id: testId('o-new'), name: '', orderKey: 'nope!' }),
      score: 11,
      priority: 'soon',
    };
    expect(codes(model, { kind: 'object.create', object }).sort()).toEqual([
      'object.name:empty',
      'object.orderKey:invalid_order_key',
      'object.priority:invalid_value',
      'object.score:out_of_range',
    ]);
  });

  it('refuses missing fields and malformed ids', () => {
    expect(codes(model, { kind: 'object.update', id: course })).toEqual([
      'patch:required',
    ]);
    const partial: Record<string, unknown> = {
      ...newObject({ id: testId('o-new'), name: 'Quiz', orderKey: 'a5' }),
    };
    delete partial['definition'];
    expect(codes(model, { kind: 'object.create', object: partial })).toEqual([
      'object.definition:required',
    ]);
    expect(codes(model, { kind: 'object.delete', id: '__proto__' })).toEqual([
      'id:invalid_id',
    ]);
    expect(codes(model, { kind: 'object.delete', id: 7 })).toEqual([
      'id:invalid_type',
    ]);
    // Ids are UUIDs: anything else could not name a stored row.
    expect(validateChange(model, { kind: 'object.delete', id: 'o1' })).toEqual([
      {
        field: 'id',
        code: 'invalid_id',
        message:
          'id must be a UUID in lowercase (like 0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c), not "o1".',
      },
    ]);
    expect(
      codes(model, {
        kind: 'relationship.create',
        relationship: newRelationship({
          id: course.toUpperCase(),
          fromObjectId: course,
          toObjectId: 'lesson',
          cardinality: 'one-to-many',
        }),
      }),
    ).toEqual([
      'relationship.id:invalid_id',
      'relationship.toObjectId:invalid_id',
    ]);
  });

  it('tells a deleted target from an unknown one (delete beats edit)', () => {
    expect(
      codes(model, {
        kind: 'object.update',
        id: testId('o-gone'),
        patch: { name: 'X' },
      }),
    ).toEqual(['id:not_found']);
    const problems = validateChange(
      model,
      { kind: 'object.update', id: testId('o-gone'), patch: { name: 'X' } },
      { deletedIds: new Set([testId('o-gone')]) },
    );
    expect(problems).toEqual([
      {
        field: 'id',
        code: 'item_deleted',
        message: `The object ${testId('o-gone')} was deleted.`,
      },
    ]);
    expect(
      codes(model, {
        kind: 'object.move',
        id: testId('o-gone'),
        orderKey: 'a1',
      }),
    ).toEqual(['id:not_found']);
  });

  it('accepts the echo of a create it already holds, but not another item under a taken id', () => {
    const existing = model.objects[course];
    expect(
      validateChange(model, { kind: 'object.create', object: existing }),
    ).toEqual([]);
    expect(
      codes(model, {
        kind: 'object.create',
        object: { ...existing, definition: 'Other' },
      }),
    ).toEqual(['object.id:duplicate_id']);
  });

  it('refuses to delete a role CTAs use, and to give an archived role new CTAs', () => {
    expect(validateChange(model, { kind: 'role.delete', id: learner })).toEqual(
      [
        {
          field: 'id',
          code: 'role_in_use',
          message:
            'Learner is used by 1 CTA; archive the role instead of deleting it.',
        },
      ],
    );
    const archived = {
      ...model,
      roles: {
        ...model.roles,
        [learner]: { ...model.roles[learner], archived: true },
      },
    };
    const cta = newCta({
      id: testId('c-new'),
      roleId: learner,
      objectId: course,
      verb: 'Browse',
      crud: 'read',
      orderKey: 'a5',
    });
    expect(codes(archived, { kind: 'cta.create', cta })).toEqual([
      'cta.roleId:role_archived',
    ]);
    // Editing a CTA the archived role already has is fine.
    expect(
      codes(archived, {
        kind: 'cta.update',
        id: enroll,
        patch: { verb: 'Join' },
      }),
    ).toEqual([]);
  });

  it('refuses a required state the object does not have, and transitions to unknown states', () => {
    expect(
      codes(model, {
        kind: 'cta.update',
        id: enroll,
        patch: { requiredState: 'Retired' },
      }),
    ).toEqual(['patch.requiredState:unknown_state']);
    expect(
      codes(model, {
        kind: 'cta.update',
        id: enroll,
        patch: { requiredState: 'published' },
      }),
    ).toEqual([]);
    const states = [{ name: 'Draft', description: '', transitions: ['Gone'] }];
    expect(
      codes(model, { kind: 'object.update', id: lesson, patch: { states } }),
    ).toEqual(['patch.states[0].transitions[0]:unknown_state']);
  });

  it('refuses moves to invalid keys and attribute moves into an object that has that name', () => {
    expect(
      codes(model, { kind: 'object.move', id: course, orderKey: 'a0!' }),
    ).toEqual(['orderKey:invalid_order_key']);
    const b = new ModelBuilder();
    const a = b.object('A');
    const z = b.object('Z');
    const titleOfA = b.attribute(a, 'Title');
    b.attribute(z, 'Title');
    expect(
      codes(b.build(), {
        kind: 'attribute.move',
        id: titleOfA,
        orderKey: 'a3',
        objectId: z,
      }),
    ).toEqual(['objectId:duplicate_name']);
    expect(
      codes(b.build(), {
        kind: 'attribute.move',
        id: titleOfA,
        orderKey: 'a3',
        objectId: testId('ghost'),
      }),
    ).toEqual(['objectId:unknown_object']);
  });

  it('checks bulk priority changes', () => {
    expect(
      codes(model, { kind: 'priority.set', items: [], priority: 'now' }),
    ).toEqual(['items:empty']);
    expect(
      codes(model, {
        kind: 'priority.set',
        items: [{ itemKind: 'role', id: learner }],
        priority: 'soon',
      }),
    ).toEqual(['priority:invalid_value', 'items[0].itemKind:invalid_value']);
    // An item deleted meanwhile is not a problem: it is skipped when applied.
    expect(
      codes(model, {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: testId('o-gone') }],
        priority: null,
      }),
    ).toEqual([]);
  });

  it('checks text edits: the field, the ops, and that they fit the current text', () => {
    const edit = (field: string, ops: unknown) => ({
      kind: 'text.edit',
      target: { itemKind: 'object', id: course, field },
      ops,
    });
    expect(codes(model, edit('definition', [{ insert: 'A course.' }]))).toEqual(
      [],
    );
    expect(codes(model, edit('name', [{ insert: 'x' }]))).toEqual([
      'target.field:invalid_value',
    ]);
    expect(codes(model, edit('definition', [{ retain: 3 }]))).toEqual([
      'ops:text_out_of_range',
    ]);
    expect(
      codes(
        model,
        edit('definition', [
          { retain: 0 },
          { insert: '' },
          { delete: 1, insert: 'x' },
          'x',
        ]),
      ),
    ).toEqual([
      'ops[0].retain:invalid_value',
      'ops[1].insert:invalid_value',
      'ops[2]:invalid_value',
      'ops[3]:invalid_value',
    ]);
    expect(
      codes(model, {
        kind: 'text.edit',
        target: { itemKind: 'object', id: testId('gone'), field: 'definition' },
        ops: [],
      }),
    ).toEqual(['target.id:not_found']);
    expect(
      codes(model, edit('definition', [{ insert: 'x'.repeat(20_001) }])),
    ).toEqual(['ops:too_long']);
  });

  it('refuses what is not a change at all', () => {
    expect(codes(model, null)).toEqual(['kind:invalid_type']);
    expect(codes(model, { kind: 'object.rename' })).toEqual([
      'kind:unknown_change_kind',
    ]);
    expect(codes(model, [])).toEqual(['kind:invalid_type']);
  });
});

describe('validateModel', () => {
  it('finds nothing wrong with a model built through changes', () => {
    expect(validateModel(platform().model)).toEqual([]);
  });

  it('finds dangling references, clashes and bad fields, each at collection.id.field', () => {
    const { model, course, enroll, title } = platform();
    const broken: ProjectModel = {
      ...model,
      ctas: {
        ...model.ctas,
        [enroll]: { ...model.ctas[enroll], roleId: testId('r-gone') },
      },
      attributes: {
        ...model.attributes,
        [title]: { ...model.attributes[title], score: 11 },
      },
      objects: {
        ...model.objects,
        [testId('dup')]: { ...model.objects[course], id: testId('dup') },
      },
    };
    expect(validateModel(broken).map((p) => `${p.field}:${p.code}`)).toEqual([
      `objects.${course}.name:duplicate_name`,
      `objects.${course}.synonyms[0]:synonym_collision`,
      `objects.${testId('dup')}.name:duplicate_name`,
      `objects.${testId('dup')}.synonyms[0]:synonym_collision`,
      `ctas.${enroll}.roleId:unknown_role`,
      `attributes.${title}.score:out_of_range`,
    ]);
  });
});

describe('validateChange (properties)', () => {
  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(
          'object.update',
          'cta.move',
          'text.edit',
          'priority.set',
          'attribute.create',
        ),
        (model, garbage, kind) => {
          expect(Array.isArray(validateChange(model, garbage))).toBe(true);
          const shaped =
            typeof garbage === 'object' &&
            garbage !== null &&
            !Array.isArray(garbage)
              ? { ...garbage, kind }
              : { kind, id: garbage, patch: garbage };
          expect(Array.isArray(validateChange(model, shaped))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on the changes of random editing sessions', () => {
    fc.assert(
      fc.property(modelArbitrary, changeSeedArbitrary, (model, seed) => {
        let n = 0;
        const problems = validateChange(
          model,
          toChange(model, seed, () => testId(`fresh-${++n}`)),
        );
        expect(
          problems.every(
            (p) => typeof p.field === 'string' && p.message.length > 0,
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('holds for every generated model', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) =>
        expect(validateModel(model)).toEqual([]),
      ),
      { numRuns: 100 },
    );
  });
});

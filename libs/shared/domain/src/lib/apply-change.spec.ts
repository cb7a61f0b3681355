import { testId } from '../testing/ids';
import { ModelBuilder } from '../testing/model-builder';
import { applyChange } from './apply-change';
import type { Change } from './changes';
import {
  emptyModel,
  newAttribute,
  newObject,
  type ProjectModel,
} from './model';
import { orderKeyForIndex } from './ordering';
import { DomainError } from './problems';
import { attributesOf, objectsInOrder } from './queries';
import { validateModel } from './validation';

function platform() {
  const b = new ModelBuilder();
  const course = b.object('Course', {
    states: [
      { name: 'Draft', description: '', transitions: [] },
      { name: 'Published', description: '', transitions: [] },
    ],
  });
  const lesson = b.object('Lesson');
  const teacher = b.object('Teacher');
  const [courseToLesson, lessonToCourse] = b.nest(course, lesson);
  const selfLink = b.relationship(lesson, lesson, 'one-to-many', {
    label: 'follows',
  });
  const learner = b.role('Learner');
  const admin = b.role('Admin');
  const enroll = b.cta(learner, course, 'Enroll in', 'other', {
    requiredState: 'Published',
  });
  const complete = b.cta(learner, lesson, 'Complete', 'update');
  const title = b.attribute(course, 'Title');
  const lessonTitle = b.attribute(lesson, 'Title');
  const taughtBy = b.attribute(teacher, 'Teaches', 'reference', {
    referencedObjectId: course,
  });
  return {
    model: b.build(),
    ids: {
      course,
      lesson,
      teacher,
      courseToLesson,
      lessonToCourse,
      selfLink,
      learner,
      admin,
      enroll,
      complete,
      title,
      lessonTitle,
      taughtBy,
    },
  };
}

/** The DomainError a call throws; fails the test when it throws nothing or something else. */
function domainErrorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, but nothing was thrown.');
}

describe('applyChange', () => {
  it('creates an item from a client-generated id, leaving the model given untouched', () => {
    const model = emptyModel();
    const object = newObject({
      id: testId('o-1'),
      name: 'Course',
      orderKey: 'a0',
    });
    const result = applyChange(model, { kind: 'object.create', object });
    expect(result.model.objects[testId('o-1')]).toEqual(object);
    expect(result.changed).toBe(true);
    expect(result.effects).toEqual([]);
    expect(model).toEqual(emptyModel());
  });

  it('treats the echo of a create as a no-op and returns the very same model', () => {
    const object = newObject({
      id: testId('o-1'),
      name: 'Course',
      orderKey: 'a0',
    });
    const once = applyChange(emptyModel(), {
      kind: 'object.create',
      object,
    }).model;
    const twice = applyChange(once, { kind: 'object.create', object });
    expect(twice.model).toBe(once);
    expect(twice.changed).toBe(false);
  });

  it('sets only the fields a patch carries, so concurrent edits of other fields survive', () => {
    const { model, ids } = platform();
    const ana: Change = {
      kind: 'object.update',
      id: ids.course,
      patch: { definition: 'A sequence of lessons.' },
    };
    const ben: Change = {
      kind: 'object.update',
      id: ids.course,
      patch: { score: 9, priority: 'now' },
    };
    const anaFirst = applyChange(applyChange(model, ana).model, ben).model;
    const benFirst = applyChange(applyChange(model, ben).model, ana).model;
    expect(anaFirst).toEqual(benFirst);
    expect(anaFirst.objects[ids.course]).toMatchObject({
      definition: 'A sequence of lessons.',
      score: 9,
      priority: 'now',
      name: 'Course',
    });
  });

  it('lets the last writer win on one field', () => {
    const { model, ids } = platform();
    const first = applyChange(model, {
      kind: 'object.update',
      id: ids.course,
      patch: { score: 3 },
    }).model;
    const second = applyChange(first, {
      kind: 'object.update',
      id: ids.course,
      patch: { score: 8 },
    }).model;
    expect(second.objects[ids.course].score).toBe(8);
  });

  it('throws a DomainError with every problem, coded item_deleted when the target was deleted', () => {
    const { model, ids } = platform();
    const deleted = applyChange(model, {
      kind: 'object.delete',
      id: ids.teacher,
    }).model;
    const edit: Change = {
      kind: 'object.update',
      id: ids.teacher,
      patch: { name: 'Tutor' },
    };
    expect(() => applyChange(deleted, edit)).toThrow(DomainError);
    const deletedError = domainErrorOf(() =>
      applyChange(deleted, edit, { deletedIds: new Set([ids.teacher]) }),
    );
    expect(deletedError.code).toBe('item_deleted');
    expect(deletedError.problems).toEqual([
      {
        field: 'id',
        code: 'item_deleted',
        message: `The object ${ids.teacher} was deleted.`,
      },
    ]);
    const invalid = domainErrorOf(() =>
      applyChange(model, {
        kind: 'object.update',
        id: ids.course,
        patch: { name: '', score: 11 },
      }),
    );
    expect(invalid.code).toBe('validation_failed');
    expect(invalid.problems.map((p) => p.field)).toEqual([
      'patch.name',
      'patch.score',
    ]);
    expect(invalid.message).toBe(
      'patch.name: name must not be empty. patch.score: score must be a whole number from 1 to 10 or empty, not 11.',
    );
  });

  describe('deleting an object', () => {
    it('takes its relationships, attributes and CTAs with it, and says so', () => {
      const { model, ids } = platform();
      const result = applyChange(model, {
        kind: 'object.delete',
        id: ids.lesson,
      });
      expect(Object.keys(result.model.objects).sort()).toEqual(
        [ids.course, ids.teacher].sort(),
      );
      expect(Object.keys(result.model.relationships)).toEqual([]);
      expect(result.model.attributes[ids.lessonTitle]).toBeUndefined();
      expect(result.model.ctas[ids.complete]).toBeUndefined();
      const removed = result.effects.map((e) =>
        e.kind === 'removed'
          ? `${e.reason}:${e.removed.itemKind}:${e.removed.item.id}`
          : e.kind,
      );
      expect(removed).toEqual([
        `deleted:object:${ids.lesson}`,
        ...[ids.courseToLesson, ids.lessonToCourse, ids.selfLink]
          .sort()
          .map((id) => `cascade:relationship:${id}`),
        `cascade:attribute:${ids.lessonTitle}`,
        `cascade:cta:${ids.complete}`,
      ]);
      expect(validateModel(result.model)).toEqual([]);
    });

    it('clears references to it from other objects’ attributes instead of leaving them dangling', () => {
      const { model, ids } = platform();
      const result = applyChange(model, {
        kind: 'object.delete',
        id: ids.course,
      });
      expect(result.model.attributes[ids.taughtBy]).toMatchObject({
        type: 'reference',
        referencedObjectId: null,
      });
      expect(result.effects).toContainEqual({
        kind: 'referenceCleared',
        attributeId: ids.taughtBy,
        objectId: ids.course,
      });
      expect(validateModel(result.model)).toEqual([]);
    });

    it('is a no-op when the object is already gone (the echo of a delete)', () => {
      const { model, ids } = platform();
      const once = applyChange(model, {
        kind: 'object.delete',
        id: ids.lesson,
      }).model;
      const twice = applyChange(once, {
        kind: 'object.delete',
        id: ids.lesson,
      });
      expect(twice.model).toBe(once);
      expect(twice.effects).toEqual([]);
    });
  });

  it('refuses to delete a role CTAs use, deletes an unused one, and archives instead', () => {
    const { model, ids } = platform();
    expect(() =>
      applyChange(model, { kind: 'role.delete', id: ids.learner }),
    ).toThrow(/archive the role/);
    const archived = applyChange(model, {
      kind: 'role.update',
      id: ids.learner,
      patch: { archived: true },
    }).model;
    expect(archived.roles[ids.learner].archived).toBe(true);
    const withoutAdmin = applyChange(model, {
      kind: 'role.delete',
      id: ids.admin,
    });
    expect(withoutAdmin.model.roles[ids.admin]).toBeUndefined();
    expect(withoutAdmin.effects).toEqual([
      {
        kind: 'removed',
        reason: 'deleted',
        removed: { itemKind: 'role', item: model.roles[ids.admin] },
      },
    ]);
  });

  it('clears a CTA’s required state when its object loses that state, and reports it', () => {
    const { model, ids } = platform();
    const result = applyChange(model, {
      kind: 'object.update',
      id: ids.course,
      patch: { states: [{ name: 'Draft', description: '', transitions: [] }] },
    });
    expect(result.model.ctas[ids.enroll].requiredState).toBeNull();
    expect(result.effects).toEqual([
      { kind: 'requiredStateCleared', ctaId: ids.enroll, state: 'Published' },
    ]);
  });

  it('moves objects by order key', () => {
    const { model, ids } = platform();
    const orderKey = orderKeyForIndex(objectsInOrder(model), 0, ids.teacher);
    const moved = applyChange(model, {
      kind: 'object.move',
      id: ids.teacher,
      orderKey,
    }).model;
    expect(objectsInOrder(moved).map((o) => o.name)).toEqual([
      'Teacher',
      'Course',
      'Lesson',
    ]);
  });

  it('moves a CTA to another cell, dropping a required state the new object lacks', () => {
    const { model, ids } = platform();
    const result = applyChange(model, {
      kind: 'cta.move',
      id: ids.enroll,
      orderKey: 'a0',
      roleId: ids.admin,
      objectId: ids.lesson,
    });
    expect(result.model.ctas[ids.enroll]).toMatchObject({
      roleId: ids.admin,
      objectId: ids.lesson,
      requiredState: null,
    });
    expect(result.effects).toEqual([
      { kind: 'requiredStateCleared', ctaId: ids.enroll, state: 'Published' },
    ]);
  });

  it('moves an attribute to another object, at the rank given', () => {
    const { model, ids } = platform();
    const summary = newAttribute({
      id: testId('a-sum'),
      objectId: ids.course,
      name: 'Summary',
      type: 'text',
      orderKey: 'a5',
    });
    const withSummary = applyChange(model, {
      kind: 'attribute.create',
      attribute: summary,
    }).model;
    const orderKey = orderKeyForIndex(attributesOf(withSummary, ids.lesson), 0);
    const moved = applyChange(withSummary, {
      kind: 'attribute.move',
      id: testId('a-sum'),
      orderKey,
      objectId: ids.lesson,
    }).model;
    expect(attributesOf(moved, ids.lesson).map((a) => a.name)).toEqual([
      'Summary',
      'Title',
    ]);
  });

  it('sets priority (and score) on items of mixed kinds at once, skipping the ones deleted meanwhile', () => {
    const { model, ids } = platform();
    const result = applyChange(
      model,
      {
        kind: 'priority.set',
        items: [
          { itemKind: 'object', id: ids.course },
          { itemKind: 'cta', id: ids.enroll },
          { itemKind: 'attribute', id: ids.title },
          { itemKind: 'object', id: testId('o-gone') },
        ],
        priority: 'later',
        score: 4,
      },
      { deletedIds: new Set([testId('o-gone')]) },
    );
    expect(result.model.objects[ids.course]).toMatchObject({
      priority: 'later',
      score: 4,
    });
    expect(result.model.ctas[ids.enroll]).toMatchObject({
      priority: 'later',
      score: 4,
    });
    expect(result.model.attributes[ids.title]).toMatchObject({
      priority: 'later',
      score: 4,
    });
    expect(result.effects).toEqual([
      {
        kind: 'skipped',
        target: { itemKind: 'object', id: testId('o-gone') },
        code: 'item_deleted',
      },
    ]);
    // Without a score, scores stay as they were.
    const phased = applyChange(result.model, {
      kind: 'priority.set',
      items: [{ itemKind: 'object', id: ids.course }],
      priority: 'now',
    }).model;
    expect(phased.objects[ids.course]).toMatchObject({
      priority: 'now',
      score: 4,
    });
  });

  it('applies text ops to one long field', () => {
    const { model, ids } = platform();
    const written = applyChange(model, {
      kind: 'text.edit',
      target: { itemKind: 'object', id: ids.course, field: 'definition' },
      ops: [{ insert: 'A course.' }],
    }).model;
    const edited = applyChange(written, {
      kind: 'text.edit',
      target: { itemKind: 'object', id: ids.course, field: 'definition' },
      ops: [{ retain: 2 }, { insert: 'short ' }],
    }).model;
    expect(edited.objects[ids.course].definition).toBe('A short course.');
    const cta = applyChange(edited, {
      kind: 'text.edit',
      target: { itemKind: 'cta', id: ids.enroll, field: 'postconditions' },
      ops: [{ insert: 'An Enrollment exists' }],
    }).model;
    expect(cta.ctas[ids.enroll].postconditions).toBe('An Enrollment exists');
  });

  it('reports no change for an update that sets what is already there', () => {
    const { model, ids } = platform();
    const result = applyChange(model, {
      kind: 'object.update',
      id: ids.course,
      patch: { name: 'Course' },
    });
    expect(result.changed).toBe(false);
    expect(result.model).toBe(model);
  });

  it('ignores patch keys whose value is undefined, as JSON would drop them', () => {
    const { model, ids } = platform();
    const result = applyChange(model, {
      kind: 'object.update',
      id: ids.course,
      patch: { name: undefined, score: 5 },
    });
    expect(result.model.objects[ids.course]).toMatchObject({
      name: 'Course',
      score: 5,
    });
  });

  it('never lets an invalid change through to the model', () => {
    const model: ProjectModel = platform().model;
    const attempts: unknown[] = [
      { kind: 'object.update', id: 'nope', patch: {} },
      { kind: 'relationship.create', relationship: { id: 'x' } },
      {
        kind: 'attribute.update',
        id: platform().ids.title,
        patch: { type: 'colour' },
      },
    ];
    for (const change of attempts) {
      expect(() => applyChange(model, change as Change)).toThrow(DomainError);
    }
  });
});

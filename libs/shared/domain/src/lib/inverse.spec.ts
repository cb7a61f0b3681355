import { testId } from '../testing/ids';
import fc from 'fast-check';
import {
  changeSeedArbitrary,
  modelArbitrary,
  toChange,
} from '../testing/arbitraries';
import { ModelBuilder } from '../testing/model-builder';
import { applyChange } from './apply-change';
import type { Change, ChangeKind } from './changes';
import { rebaseTextEdit } from './concurrency';
import { invertTextOps, inverseOf } from './inverse';
import { findItem, type ProjectModel } from './model';
import { applyTextOps } from './text-ops';
import { validateChange } from './validation';

/** Applies changes one after the other, as the server does with an undo's changes. */
function applyAll(model: ProjectModel, changes: readonly Change[]) {
  return changes.reduce((current, change) => {
    const problems = validateChange(current, change);
    if (problems.length > 0)
      throw new Error(
        `${change.kind} refused: ${JSON.stringify(problems)} in ${JSON.stringify(changes)}`,
      );
    return applyChange(current, change).model;
  }, model);
}

function undoing(model: ProjectModel, change: Change) {
  const result = applyChange(model, change);
  const inverse = inverseOf(model, change, result);
  return {
    after: result.model,
    inverse,
    undone: applyAll(result.model, inverse),
  };
}

function school() {
  const b = new ModelBuilder();
  const course = b.object('Course', {
    definition: 'A series of lessons on one subject.',
    states: [
      { name: 'Draft', description: '', transitions: ['Published'] },
      { name: 'Published', description: '', transitions: [] },
    ],
    priority: 'now',
    score: 8,
  });
  const lesson = b.object('Lesson', { priority: 'next' });
  const teacher = b.object('Teacher');
  b.nest(course, lesson);
  const learner = b.role('Learner');
  const admin = b.role('Admin');
  const enroll = b.cta(learner, course, 'Enroll in', 'other', {
    requiredState: 'Published',
  });
  const archive = b.cta(admin, course, 'Archive', 'update');
  const title = b.attribute(course, 'Title', 'text', { priority: 'now' });
  const teaches = b.attribute(teacher, 'Teaches', 'reference', {
    referencedObjectId: course,
  });
  let model = b.build();
  // Archived after its CTAs exist, as people do.
  model = applyChange(model, {
    kind: 'role.update',
    id: learner,
    patch: { archived: true },
  }).model;
  return {
    model,
    ids: {
      course,
      lesson,
      teacher,
      learner,
      admin,
      enroll,
      archive,
      title,
      teaches,
    },
  };
}

describe('inverseOf', () => {
  it('undoes an object delete: the object, its relationships, attributes and CTAs and the references to it come back', () => {
    const { model, ids } = school();
    const { after, inverse, undone } = undoing(model, {
      kind: 'object.delete',
      id: ids.course,
    });
    expect(Object.keys(after.ctas)).toEqual([]);
    expect(findItem(after, 'attribute', ids.teaches)?.referencedObjectId).toBe(
      null,
    );
    expect(undone).toEqual(model);
    // The CTA of the archived Learner needs the role open while it is re-created.
    expect(inverse.map((c) => c.kind)).toEqual([
      'object.create',
      'relationship.create',
      'relationship.create',
      'attribute.create',
      'role.update',
      'cta.create',
      'cta.create',
      'role.update',
      'attribute.update',
    ]);
  });

  it('restores only the fields an update altered, long text as text ops', () => {
    const { model, ids } = school();
    const { inverse, undone } = undoing(model, {
      kind: 'object.update',
      id: ids.course,
      patch: {
        name: 'Class',
        priority: 'now', // unchanged: not restored, so no one else's later write is undone
        definition: 'A series of classes on one subject.',
      },
    });
    expect(undone).toEqual(model);
    expect(inverse).toEqual([
      { kind: 'object.update', id: ids.course, patch: { name: 'Course' } },
      {
        kind: 'text.edit',
        target: { itemKind: 'object', id: ids.course, field: 'definition' },
        ops: [{ retain: 12 }, { delete: 6 }, { insert: 'lesson' }],
      },
    ]);
  });

  it('gives back the required state a CTA lost when its object lost that state', () => {
    const { model, ids } = school();
    const { after, undone } = undoing(model, {
      kind: 'object.update',
      id: ids.course,
      patch: { states: [] },
    });
    expect(findItem(after, 'cta', ids.enroll)?.requiredState).toBe(null);
    expect(undone).toEqual(model);
  });

  it('moves a CTA back to the cell of its archived role', () => {
    const { model, ids } = school();
    const { inverse, undone } = undoing(model, {
      kind: 'cta.move',
      id: ids.enroll,
      orderKey: 'a5',
      roleId: ids.admin,
      objectId: ids.lesson,
    });
    expect(undone).toEqual(model);
    expect(inverse.map((c) => c.kind)).toEqual([
      'role.update',
      'cta.move',
      'role.update',
      'cta.update',
    ]);
  });

  it('restores each item of a bulk priority change to its own previous value, grouped', () => {
    const { model, ids } = school();
    const { inverse, undone } = undoing(model, {
      kind: 'priority.set',
      items: [
        { itemKind: 'object', id: ids.course },
        { itemKind: 'object', id: ids.lesson },
        { itemKind: 'object', id: ids.teacher },
        { itemKind: 'attribute', id: ids.title },
        { itemKind: 'object', id: testId('gone') },
      ],
      priority: 'later',
    });
    expect(undone).toEqual(model);
    expect(inverse).toEqual([
      {
        kind: 'priority.set',
        items: [
          { itemKind: 'object', id: ids.course },
          { itemKind: 'attribute', id: ids.title },
        ],
        priority: 'now',
      },
      {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: ids.lesson }],
        priority: 'next',
      },
      {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: ids.teacher }],
        priority: null,
      },
    ]);
  });

  it('undoes a text edit without losing what was typed after it', () => {
    const { model, ids } = school();
    const target = {
      itemKind: 'object' as const,
      id: ids.course,
      field: 'definition' as const,
    };
    const { after, inverse } = undoing(model, {
      kind: 'text.edit',
      target,
      ops: [{ retain: 2 }, { delete: 6 }, { insert: 'handful' }],
    });
    expect(findItem(after, 'object', ids.course)?.definition).toBe(
      'A handful of lessons on one subject.',
    );
    // Someone types at the end afterwards; the undo is rebased over it, as the server does.
    const later = [{ retain: 36 }, { insert: ' Self-paced.' }];
    const typed = applyChange(after, {
      kind: 'text.edit',
      target,
      ops: later,
    }).model;
    const undo = rebaseTextEdit(
      inverse[0] as Extract<Change, { kind: 'text.edit' }>,
      [later],
    );
    expect(
      findItem(applyChange(typed, undo).model, 'object', ids.course)
        ?.definition,
    ).toBe('A series of lessons on one subject. Self-paced.');
  });

  it('answers nothing for a change that altered nothing', () => {
    const { model, ids } = school();
    const change: Change = {
      kind: 'object.update',
      id: ids.course,
      patch: { name: 'Course' },
    };
    expect(inverseOf(model, change, applyChange(model, change))).toEqual([]);
  });

  it('inverts text ops across characters outside the Basic Multilingual Plane', () => {
    const text = 'a😀b😀c';
    const ops = [
      { retain: 1 },
      { delete: 2 },
      { retain: 1 },
      { insert: '🎉x' },
    ];
    const edited = applyTextOps(text, ops);
    expect(edited).toBe('a😀🎉xc');
    expect(applyTextOps(edited, invertTextOps(text, ops))).toBe(text);
  });
});

describe('inverseOf (properties)', () => {
  const session = fc.tuple(
    modelArbitrary,
    fc.array(changeSeedArbitrary, {
      minLength: 1,
      maxLength: 30,
      size: 'medium',
    }),
  );

  it('takes any valid change of a random session back to the model before it', () => {
    const undoneKinds = new Set<ChangeKind>();
    fc.assert(
      fc.property(session, ([start, seeds]) => {
        let n = 0;
        const freshId = () => testId(`new-${++n}`);
        seeds.reduce((model, seed) => {
          const change = toChange(model, seed, freshId);
          if (validateChange(model, change).length > 0) return model;
          const result = applyChange(model, change as Change);
          const inverse = inverseOf(model, change as Change, result);
          expect(applyAll(result.model, inverse)).toEqual(model);
          expect(inverse.length > 0).toBe(result.changed);
          if (result.changed) undoneKinds.add((change as Change).kind);
          return result.model;
        }, start);
      }),
      { numRuns: 200 },
    );
    // Every kind of change was undone at least once.
    expect(undoneKinds.size).toBe(21);
  });

  it('inverts any text ops that fit the text', () => {
    const edit = fc.string({ maxLength: 30, unit: 'binary' }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc.oneof(
            fc.record({ retain: fc.integer({ min: 1, max: 5 }) }),
            fc.record({ delete: fc.integer({ min: 1, max: 5 }) }),
            fc.record({
              insert: fc.string({ minLength: 1, maxLength: 5, unit: 'binary' }),
            }),
          ),
          { maxLength: 8 },
        ),
      ),
    );
    fc.assert(
      fc.property(edit, ([text, ops]) => {
        let room = Array.from(text).length;
        const fitting = ops.filter((op) => {
          const length =
            'insert' in op ? 0 : 'retain' in op ? op.retain : op.delete;
          if (length > room) return false;
          room -= length;
          return true;
        });
        const edited = applyTextOps(text, fitting);
        expect(applyTextOps(edited, invertTextOps(text, fitting))).toBe(text);
      }),
    );
  });
});

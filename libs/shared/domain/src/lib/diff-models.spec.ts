import { testId } from '../testing/ids';
import fc from 'fast-check';
import {
  changeSeedArbitrary,
  modelArbitrary,
  toChange,
} from '../testing/arbitraries';
import { ModelBuilder } from '../testing/model-builder';
import { applyChange } from './apply-change';
import type { Change } from './changes';
import { diffModels, isEmptyDiff, type ModelDiff } from './diff-models';
import { COLLECTION_OF, ITEM_KINDS, type Id, type ProjectModel } from './model';
import { validateChange } from './validation';

function school() {
  const b = new ModelBuilder();
  const course = b.object('Course', { definition: 'A series of lessons.' });
  const lesson = b.object('Lesson');
  const [courseToLesson] = b.nest(course, lesson);
  const learner = b.role('Learner');
  const enroll = b.cta(learner, course, 'Enroll in', 'other');
  const title = b.attribute(course, 'Title');
  return {
    model: b.build(),
    ids: { course, lesson, courseToLesson, learner, enroll, title },
  };
}

function apply(model: ProjectModel, ...changes: Change[]): ProjectModel {
  return changes.reduce((m, change) => applyChange(m, change).model, model);
}

/** Rebuilds `b` from `a` and the diff alone: the diff is complete when this gives `b` back. */
function replay(a: ProjectModel, diff: ModelDiff): ProjectModel {
  const out: Record<string, Record<Id, unknown>> = {};
  for (const itemKind of ITEM_KINDS) {
    const key = COLLECTION_OF[itemKind];
    const collection: Record<Id, unknown> = { ...a[key] };
    const part = diff[key];
    for (const { id } of part.removed) delete collection[id];
    for (const { id, item } of part.added) collection[id] = item;
    for (const { id, fields } of part.changed) {
      const item = { ...(collection[id] as object) } as Record<string, unknown>;
      for (const { field, after } of fields) item[field] = after;
      collection[id] = item;
    }
    out[key] = collection;
  }
  return out as unknown as ProjectModel;
}

describe('diffModels', () => {
  it('lists what was added, removed and changed, field by field with before and after', () => {
    const { model, ids } = school();
    const later = apply(
      model,
      {
        kind: 'object.update',
        id: ids.course,
        patch: { name: 'Class', definition: 'A series of classes.' },
      },
      { kind: 'cta.delete', id: ids.enroll },
      {
        kind: 'attribute.create',
        attribute: {
          ...model.attributes[ids.title],
          id: testId('attribute-new'),
          name: 'Price',
          type: 'currency',
          orderKey: 'a1',
        },
      },
    );
    const diff = diffModels(model, later);
    expect(diff.objects.changed).toEqual([
      {
        id: ids.course,
        label: 'Class',
        fields: [
          { field: 'name', before: 'Course', after: 'Class' },
          {
            field: 'definition',
            before: 'A series of lessons.',
            after: 'A series of classes.',
          },
        ],
      },
    ]);
    expect(diff.ctas.removed).toEqual([
      expect.objectContaining({
        id: ids.enroll,
        label: 'Learner › Course › Enroll in',
      }),
    ]);
    expect(diff.attributes.added).toEqual([
      expect.objectContaining({
        id: testId('attribute-new'),
        label: 'Class › Price',
      }),
    ]);
    expect(diff.relationships.changed).toEqual([]);
    expect(diff.totals).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('names relationships by the objects they join, even when one of them is gone', () => {
    const { model, ids } = school();
    const later = apply(model, { kind: 'object.delete', id: ids.lesson });
    const diff = diffModels(model, later);
    expect(diff.relationships.removed.map((r) => r.label)).toEqual([
      'Course → Lesson',
      'Lesson → Course',
    ]);
    expect(diff.objects.removed.map((o) => o.label)).toEqual(['Lesson']);
  });

  it('finds nothing between a model and itself, or an equal copy of it', () => {
    const { model } = school();
    expect(isEmptyDiff(diffModels(model, model))).toBe(true);
    expect(
      isEmptyDiff(diffModels(model, JSON.parse(JSON.stringify(model)))),
    ).toBe(true);
  });
});

describe('diffModels (properties)', () => {
  const pair = fc
    .tuple(
      modelArbitrary,
      fc.array(changeSeedArbitrary, { maxLength: 25, size: 'medium' }),
    )
    .map(([start, seeds]) => {
      let n = 0;
      const freshId = () => testId(`new-${++n}`);
      const end = seeds.reduce((model, seed) => {
        const change = toChange(model, seed, freshId);
        return validateChange(model, change).length > 0
          ? model
          : applyChange(model, change as Change).model;
      }, start);
      return [start, end] as const;
    });

  it('is complete: the first model plus the diff is the second', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(replay(a, diffModels(a, b))).toEqual(b);
      }),
      { numRuns: 150 },
    );
  });

  it('is the mirror image of the diff the other way round, in the same stable order', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const forward = diffModels(a, b);
        const backward = diffModels(b, a);
        for (const itemKind of ITEM_KINDS) {
          const key = COLLECTION_OF[itemKind];
          expect(backward[key].added.map((x) => x.id)).toEqual(
            forward[key].removed.map((x) => x.id),
          );
          expect(backward[key].changed.map((x) => x.id).sort()).toEqual(
            forward[key].changed.map((x) => x.id).sort(),
          );
          for (const entry of forward[key].changed) {
            const mirror = backward[key].changed.find((x) => x.id === entry.id);
            expect(mirror?.fields).toEqual(
              entry.fields.map(({ field, before, after }) => ({
                field,
                before: after,
                after: before,
              })),
            );
          }
        }
        // The order depends on the models only, not on the order their records were filled in.
        const shuffled = JSON.parse(
          JSON.stringify(b, (_key, value: unknown) =>
            value && typeof value === 'object' && !Array.isArray(value)
              ? Object.fromEntries(Object.entries(value).reverse())
              : value,
          ),
        ) as ProjectModel;
        expect(diffModels(a, shuffled)).toEqual(forward);
      }),
      { numRuns: 100 },
    );
  });
});

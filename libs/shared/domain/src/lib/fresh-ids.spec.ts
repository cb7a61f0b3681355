import { readFixture } from '../testing/fixture';
import { sequentialIds } from '../testing/model-builder';
import { diffModels, isEmptyDiff } from './diff-models';
import { withFreshIds } from './fresh-ids';
import { fromInterchange } from './interchange';
import { COLLECTION_OF, ITEM_KINDS, type ProjectModel } from './model';
import { validateModel } from './validation';

function learningPlatform(): ProjectModel {
  const result = fromInterchange(readFixture('learning-platform.orca.json'), {
    generateId: sequentialIds('lp'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

describe('withFreshIds', () => {
  const model = learningPlatform();
  const copy = withFreshIds(model, sequentialIds('copy'));

  it('shares no id with the original and is still a valid model', () => {
    const idsOf = (m: ProjectModel) =>
      ITEM_KINDS.flatMap((kind) => Object.keys(m[COLLECTION_OF[kind]]));
    const original = new Set(idsOf(model));
    expect(idsOf(copy.model).filter((id) => original.has(id))).toEqual([]);
    expect(idsOf(copy.model)).toHaveLength(original.size);
    expect(validateModel(copy.model)).toEqual([]);
  });

  it('is the same model once the ids are mapped back', () => {
    const back = new Map([...copy.ids].map(([from, to]) => [to, from]));
    // Every id (as an item's key, its id or a reference) mapped back through the table.
    const mappedBack = JSON.parse(
      JSON.stringify(copy.model, (_key, value: unknown) =>
        typeof value === 'string' && back.has(value) ? back.get(value) : value,
      ),
    ) as ProjectModel;
    const rekeyed = Object.fromEntries(
      ITEM_KINDS.map((kind) => [
        COLLECTION_OF[kind],
        Object.fromEntries(
          Object.values(mappedBack[COLLECTION_OF[kind]]).map((item) => [
            item.id,
            item,
          ]),
        ),
      ]),
    ) as unknown as ProjectModel;
    expect(isEmptyDiff(diffModels(model, rekeyed))).toBe(true);
    expect(rekeyed).toEqual(model);
  });
});

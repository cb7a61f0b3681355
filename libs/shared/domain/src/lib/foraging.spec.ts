import { testId } from '../testing/ids';
import { applyChange } from './apply-change';
import type { Change } from './changes';
import {
  candidateMatcher,
  foragingNameKey,
  matchCandidate,
  promotionChange,
} from './foraging';
import { emptyModel, newObject, newRole, type ProjectModel } from './model';
import { orderKeysFor } from './ordering';
import { attributesOf, ctasInCell, objectsInOrder } from './queries';

const apply = (model: ProjectModel, change: Change) =>
  applyChange(model, change).model;

let ids = 0;
const newId = () =>
  `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

function garden(): ProjectModel {
  const [a, b] = orderKeysFor(2);
  let model = emptyModel();
  model = apply(model, {
    kind: 'object.create',
    object: newObject({
      id: testId('plot'),
      name: 'Plot',
      synonyms: ['Bed'],
      orderKey: a,
    }),
  });
  model = apply(model, {
    kind: 'object.create',
    object: newObject({
      id: testId('work-day'),
      name: 'Work day',
      orderKey: b,
    }),
  });
  model = apply(model, {
    kind: 'role.create',
    role: newRole({ id: testId('gardener'), name: 'Gardener', orderKey: a }),
  });
  return apply(model, {
    kind: 'role.create',
    role: newRole({
      id: testId('old'),
      name: 'Old',
      orderKey: b,
      archived: true,
    }),
  });
}

describe('matching candidates to the model', () => {
  it('finds an object by name whatever the case, spaces or hyphens', () => {
    expect(foragingNameKey(' Work-Day ')).toBe(foragingNameKey('workday'));
    const model = garden();
    expect(matchCandidate(model, { name: 'Work Day' })).toEqual({
      objectId: testId('work-day'),
      objectName: 'Work day',
      via: 'name',
    });
    expect(matchCandidate(model, { name: 'PLOT' })?.objectId).toBe(
      testId('plot'),
    );
  });

  it('finds an object by one of its synonyms, or by a synonym of the candidate', () => {
    const model = garden();
    expect(matchCandidate(model, { name: 'Bed' })).toEqual({
      objectId: testId('plot'),
      objectName: 'Plot',
      via: 'synonym',
    });
    expect(
      matchCandidate(model, {
        name: 'Allotment',
        synonyms: [{ name: 'plot' }],
      }),
    ).toEqual({ objectId: testId('plot'), objectName: 'Plot', via: 'synonym' });
  });

  it('finds nothing for a new word, and one matcher answers many candidates', () => {
    const match = candidateMatcher(garden());
    expect(match({ name: 'Tool' })).toBeNull();
    expect(match({ name: 'Plots' })).toBeNull();
    expect(match({ name: 'plot' })?.via).toBe('name');
  });
});

describe('promoting a candidate', () => {
  it('makes a new object at the end of the list, with its synonyms and examples', () => {
    const model = garden();
    const result = promotionChange(
      model,
      {
        name: 'Tool',
        synonyms: [{ name: 'Implement' }, { name: 'bed' }],
        examples: ['wheelbarrow', 'hose', 'hose'],
      },
      { as: 'object' },
      newId,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.change.kind).toBe('object.create');
    const after = apply(model, result.change);
    const last = objectsInOrder(after).at(-1);
    expect(last).toMatchObject({
      name: 'Tool',
      // "bed" is Plot's already: a synonym may belong to one object only.
      synonyms: ['Implement'],
      examples: ['wheelbarrow', 'hose'],
    });
    expect(result.summary).toBe('Tool is now an object.');
  });

  it('refuses to make an object of what is already one, by name or synonym', () => {
    const model = garden();
    expect(
      promotionChange(model, { name: 'Work Day' }, { as: 'object' }, newId),
    ).toEqual({
      ok: false,
      code: 'already_in_model',
      reason: 'Work day is already an object.',
    });
    const bed = promotionChange(
      model,
      { name: 'Bed' },
      { as: 'object' },
      newId,
    );
    expect(bed).toMatchObject({ ok: false, code: 'already_in_model' });
  });

  it('adds a synonym to an object, keeping the ones it had', () => {
    const model = garden();
    const result = promotionChange(
      model,
      { name: 'Allotment' },
      { as: 'synonym', objectId: testId('plot') },
      newId,
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.change).toEqual({
      kind: 'object.update',
      id: testId('plot'),
      patch: { synonyms: ['Bed', 'Allotment'] },
    });
    expect(
      promotionChange(
        model,
        { name: 'Work Day' },
        { as: 'synonym', objectId: testId('plot') },
        newId,
      ),
    ).toMatchObject({ ok: false, code: 'already_in_model' });
    expect(
      promotionChange(
        model,
        { name: 'X' },
        { as: 'synonym', objectId: testId('gone') },
        newId,
      ),
    ).toMatchObject({ ok: false, code: 'unknown_object' });
  });

  it('adds an attribute at the end of the object, and refuses a second one of the same name', () => {
    let model = garden();
    const first = promotionChange(
      model,
      { name: 'Fee' },
      { as: 'attribute', objectId: testId('plot'), type: 'currency' },
      newId,
    );
    if (!first.ok) throw new Error(first.reason);
    model = apply(model, first.change);
    expect(
      attributesOf(model, testId('plot')).map((a) => [a.name, a.type]),
    ).toEqual([['Fee', 'currency']]);
    const again = promotionChange(
      model,
      { name: 'fee' },
      { as: 'attribute', objectId: testId('plot') },
      newId,
    );
    expect(again).toMatchObject({ ok: false, code: 'invalid' });
    if (!again.ok) expect(again.reason).toMatch(/already has an attribute/);
  });

  it('adds a CTA with the verb that implied the candidate, in the role × object cell', () => {
    const model = garden();
    const result = promotionChange(
      model,
      { name: 'Comment', verbs: ['comment on'] },
      { as: 'cta', roleId: testId('gardener'), objectId: testId('plot') },
      newId,
    );
    if (!result.ok) throw new Error(result.reason);
    const after = apply(model, result.change);
    expect(
      ctasInCell(after, testId('gardener'), testId('plot')).map((c) => [
        c.verb,
        c.crud,
      ]),
    ).toEqual([['comment on', 'other']]);
    expect(result.summary).toBe('Gardener can now “comment on” on Plot.');

    const named = promotionChange(
      model,
      { name: 'Booking' },
      {
        as: 'cta',
        roleId: testId('gardener'),
        objectId: testId('plot'),
        verb: ' book ',
        crud: 'create',
      },
      newId,
    );
    expect(named.ok && named.change).toMatchObject({
      cta: { verb: 'book', crud: 'create' },
    });
    expect(
      promotionChange(
        model,
        { name: 'x' },
        { as: 'cta', roleId: testId('old'), objectId: testId('plot') },
        newId,
      ),
    ).toMatchObject({ ok: false, code: 'role_archived' });
  });
});

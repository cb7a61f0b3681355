import { newRelationship } from '@orca/shared/domain';
import { draftOf, mergeLive, relationshipChange } from './relationship-draft';

const current = newRelationship({
  id: 'r1',
  fromObjectId: 'a',
  toObjectId: 'b',
  label: 'has',
  cardinality: 'one-to-many',
});

describe('relationshipChange', () => {
  it('creates an empty cell with the draft, one-line fields trimmed', () => {
    const change = relationshipChange('a', 'b', null, draftOf(null), {
      ...draftOf(null),
      label: ' has many ',
    });
    expect(change).toMatchObject({
      kind: 'relationship.create',
      relationship: {
        fromObjectId: 'a',
        toObjectId: 'b',
        label: 'has many',
        cardinality: 'one-to-many',
      },
    });
  });

  it('patches only what this person changed, leaving what someone else changed meanwhile', () => {
    const baseline = draftOf(current);
    const theirs = { ...current, sort: 'By date' };
    const change = relationshipChange('a', 'b', theirs, baseline, {
      ...baseline,
      label: 'owns',
    });
    expect(change).toEqual({
      kind: 'relationship.update',
      id: 'r1',
      patch: { label: 'owns' },
    });
  });

  it('has nothing to save when the draft matches', () => {
    const baseline = draftOf(current);
    expect(
      relationshipChange('a', 'b', current, baseline, baseline),
    ).toBeNull();
  });
});

describe('draftOf', () => {
  it('starts a new cell as the mirror of its filled counterpart', () => {
    const reverse = { ...current, cardinality: 'one-to-many' as const };
    expect(draftOf(null, reverse).cardinality).toBe('many-to-one');
  });
});

describe('mergeLive', () => {
  it('takes live values for untouched fields and keeps what this person is typing', () => {
    const baseline = draftOf(current);
    const state = { draft: { ...baseline, label: 'owns' }, baseline };
    const merged = mergeLive(
      state,
      draftOf({ ...current, label: 'has many', sort: 'By date' }),
    );
    expect(merged.draft.label).toBe('owns');
    expect(merged.baseline.label).toBe('has');
    expect(merged.draft.sort).toBe('By date');
    expect(merged.baseline.sort).toBe('By date');
  });
});

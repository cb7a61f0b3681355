import { testId } from '../testing/ids';
import fc from 'fast-check';
import {
  changeSeedArbitrary,
  modelArbitrary,
  toChange,
} from '../testing/arbitraries';
import { applyChange } from './apply-change';
import type { Change } from './changes';
import type { ProjectModel } from './model';
import { isOrderKey, sortByOrder, type Ordered } from './ordering';
import { DomainError } from './problems';
import { validateChange, validateModel } from './validation';

/** A random editing session: a valid starting model and a sequence of change seeds. */
const session = fc.tuple(
  modelArbitrary,
  fc.array(changeSeedArbitrary, {
    minLength: 1,
    maxLength: 40,
    size: 'medium',
  }),
);

/** Plays a session, calling `step` for each change with the model before it. */
function play(
  [start, seeds]: [ProjectModel, ChangeSeedList],
  step: (model: ProjectModel, change: unknown) => ProjectModel,
): ProjectModel {
  let n = 0;
  const freshId = () => testId(`new-${++n}`);
  return seeds.reduce(
    (model, seed) => step(model, toChange(model, seed, freshId)),
    start,
  );
}
type ChangeSeedList = Parameters<typeof toChange>[1][];

describe('applyChange (properties)', () => {
  it('never makes the model invalid: a valid change yields a valid model, an invalid one throws and changes nothing', () => {
    let applied = 0;
    let refused = 0;
    fc.assert(
      fc.property(session, (input) => {
        play(input, (model, change) => {
          const problems = validateChange(model, change);
          if (problems.length > 0) {
            refused++;
            const snapshot = JSON.stringify(model);
            expect(() => applyChange(model, change as Change)).toThrow(
              DomainError,
            );
            expect(JSON.stringify(model)).toBe(snapshot);
            return model;
          }
          applied++;
          const next = applyChange(model, change as Change).model;
          expect(validateModel(next)).toEqual([]);
          return next;
        });
      }),
      { numRuns: 150 },
    );
    // The generator must exercise both paths substantially.
    expect(applied).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(400);
  });

  it('is idempotent for a change and its server echo (every kind but text.edit, whose echo the client matches by mutation id)', () => {
    fc.assert(
      fc.property(session, (input) => {
        play(input, (model, change) => {
          if (validateChange(model, change).length > 0) return model;
          const once = applyChange(model, change as Change);
          if ((change as Change).kind === 'text.edit') return once.model;
          const echo = applyChange(once.model, change as Change);
          expect(echo.model).toEqual(once.model);
          expect(echo.changed).toBe(false);
          return once.model;
        });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every list in a strict order: valid keys, sorted, ties broken by id', () => {
    fc.assert(
      fc.property(session, (input) => {
        const final = play(input, (model, change) =>
          validateChange(model, change).length > 0
            ? model
            : applyChange(model, change as Change).model,
        );
        const lists: Ordered[][] = [
          Object.values(final.objects),
          Object.values(final.roles),
          ...groups(Object.values(final.attributes), (a) => a.objectId),
          ...groups(
            Object.values(final.ctas),
            (c) => `${c.roleId}/${c.objectId}`,
          ),
        ];
        for (const list of lists) {
          expect(list.every((item) => isOrderKey(item.orderKey))).toBe(true);
          const sorted = sortByOrder(list);
          for (let i = 1; i < sorted.length; i++) {
            const [a, b] = [sorted[i - 1], sorted[i]];
            expect(
              a.orderKey < b.orderKey ||
                (a.orderKey === b.orderKey && a.id < b.id),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('converges when two replicas apply the same changes in the same order', () => {
    fc.assert(
      fc.property(session, (input) => {
        const replay = () =>
          play(input, (model, change) =>
            validateChange(model, change).length > 0
              ? model
              : applyChange(model, change as Change).model,
          );
        expect(replay()).toEqual(replay());
      }),
      { numRuns: 50 },
    );
  });
});

function groups<T>(items: T[], keyOf: (item: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items)
    map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item]);
  return [...map.values()];
}

import fc from 'fast-check';
import {
  compareByOrder,
  isOrderKey,
  keyBetween,
  keysBetween,
  orderKeyAtEnd,
  orderKeyForIndex,
  orderKeysFor,
  sortByOrder,
  type Ordered,
} from './ordering';

const list = (...keys: string[]): Ordered[] =>
  keys.map((orderKey, i) => ({ id: `i${i}`, orderKey }));
const ids = (items: readonly Ordered[]) =>
  sortByOrder(items).map((item) => item.id);

describe('order keys', () => {
  it('makes ascending keys for a fresh list', () => {
    const keys = orderKeysFor(4);
    expect(keys).toHaveLength(4);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(4);
  });

  it('finds a key strictly between two keys, or at either end', () => {
    const [a, b] = orderKeysFor(2);
    const middle = keyBetween(a, b);
    expect(a < middle && middle < b).toBe(true);
    expect(keyBetween(null, a) < a).toBe(true);
    expect(keyBetween(b, null) > b).toBe(true);
    expect(keysBetween(a, b, 3).every((k) => a < k && k < b)).toBe(true);
  });

  it('refuses bounds in the wrong order or equal, instead of silently swapping them', () => {
    const [a, b] = orderKeysFor(2);
    expect(() => keyBetween(b, a)).toThrow(RangeError);
    expect(() => keyBetween(a, a)).toThrow(RangeError);
    expect(() => keysBetween(b, a, 2)).toThrow(RangeError);
  });

  it('tells order keys from other strings', () => {
    expect(isOrderKey('a0')).toBe(true);
    expect(isOrderKey('a1V')).toBe(true);
    expect(isOrderKey('a10')).toBe(false); // trailing zero
    expect(isOrderKey('a0!')).toBe(false);
    expect(isOrderKey('')).toBe(false);
    expect(isOrderKey('hello world')).toBe(false);
    expect(isOrderKey(42)).toBe(false);
    expect(isOrderKey('a' + '1'.repeat(2000))).toBe(false);
  });

  it('sorts by key, then by id (never by locale)', () => {
    const items = [
      { id: 'b', orderKey: 'a1' },
      { id: 'a', orderKey: 'a1' },
      { id: 'c', orderKey: 'Zz' },
      { id: 'd', orderKey: 'a0' },
    ];
    expect(ids(items)).toEqual(['c', 'd', 'a', 'b']);
    expect(compareByOrder(items[1], items[0])).toBeLessThan(0);
  });

  it('puts an item at an index counted without itself', () => {
    const items = list(...orderKeysFor(4)); // i0 i1 i2 i3
    const moved = { id: 'i0', orderKey: orderKeyForIndex(items, 2, 'i0') };
    expect(ids([...items.filter((i) => i.id !== 'i0'), moved])).toEqual([
      'i1',
      'i2',
      'i0',
      'i3',
    ]);
    const inserted = { id: 'new', orderKey: orderKeyForIndex(items, 0) };
    expect(ids([...items, inserted])[0]).toBe('new');
    expect(orderKeyAtEnd(items) > items[3].orderKey).toBe(true);
    expect(orderKeyAtEnd([])).toBe('a0');
  });

  it('places an item after a group of tied keys when asked to go between them', () => {
    const items = [
      { id: 'x', orderKey: 'a0' },
      { id: 'y', orderKey: 'a1' },
      { id: 'z', orderKey: 'a1' },
      { id: 'w', orderKey: 'a2' },
    ];
    const key = orderKeyForIndex(items, 2, 'new');
    expect(key > 'a1' && key < 'a2').toBe(true);
  });
});

describe('order keys under random moves (property)', () => {
  const moves = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 });

  it('puts each moved item exactly where asked and keeps keys unique, valid and sorted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), moves, (size, steps) => {
        let items: Ordered[] = orderKeysFor(size).map((orderKey, i) => ({
          id: `i${i}`,
          orderKey,
        }));
        let expected = items.map((i) => i.id);
        for (const [from, to] of steps) {
          const id = expected[from % size];
          const target = to % size;
          const orderKey = orderKeyForIndex(items, target, id);
          items = items.map((item) =>
            item.id === id ? { id, orderKey } : item,
          );
          expected = expected.filter((x) => x !== id);
          expected.splice(target, 0, id);
          const sorted = sortByOrder(items);
          expect(sorted.map((i) => i.id)).toEqual(expected);
          expect(new Set(items.map((i) => i.orderKey)).size).toBe(size);
          expect(items.every((i) => isOrderKey(i.orderKey))).toBe(true);
          for (let k = 1; k < sorted.length; k++)
            expect(sorted[k - 1].orderKey < sorted[k].orderKey).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('converges when two people move items concurrently, whatever order the moves arrive in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), {
          maxLength: 25,
        }),
        (size, rounds) => {
          let items: Ordered[] = orderKeysFor(size).map((orderKey, i) => ({
            id: `i${i}`,
            orderKey,
          }));
          for (const [a, toA, b, toB] of rounds) {
            // Both compute their move against the same list, as two browsers would.
            const idA = `i${a % size}`;
            // The same item moved twice is last-writer-wins: server order decides, not convergence.
            const idB = `i${(a + 1 + (b % (size - 1))) % size}`;
            const moveA = {
              id: idA,
              orderKey: orderKeyForIndex(items, toA % size, idA),
            };
            const moveB = {
              id: idB,
              orderKey: orderKeyForIndex(items, toB % size, idB),
            };
            const apply = (list: Ordered[], move: Ordered) =>
              list.map((i) => (i.id === move.id ? move : i));
            const ab = sortByOrder(apply(apply(items, moveA), moveB));
            const ba = sortByOrder(apply(apply(items, moveB), moveA));
            expect(ab).toEqual(ba);
            expect(ab.every((i) => isOrderKey(i.orderKey))).toBe(true);
            // Others keep their relative order.
            const others = (list: Ordered[]) =>
              list.map((i) => i.id).filter((id) => id !== idA && id !== idB);
            expect(others(ab)).toEqual(others(sortByOrder(items)));
            items = ab;
            // Ties (same gap chosen by both) are broken by id and stay insertable.
            const next = orderKeyForIndex(items, toA % size);
            expect(isOrderKey(next)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

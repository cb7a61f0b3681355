import fc from 'fast-check';
import { BoxIndex, overlapArea, type Box } from './geometry';

const box = fc.record({
  x: fc.integer({ min: -2000, max: 2000 }),
  y: fc.integer({ min: -2000, max: 2000 }),
  width: fc.integer({ min: 0, max: 600 }),
  height: fc.integer({ min: 0, max: 300 }),
});

describe('BoxIndex', () => {
  it('says how much a box covers exactly as summing overlapArea over every box does', () => {
    fc.assert(
      fc.property(
        fc.array(box, { maxLength: 60 }),
        fc.array(box, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 20, max: 400 }),
        (placed, queries, gap, cell) => {
          const index = new BoxIndex(cell);
          for (const b of placed) index.add(b);
          for (const q of queries) {
            const expected = placed.reduce(
              (sum, other) => sum + overlapArea(q, other, gap),
              0,
            );
            expect(index.coveredArea(q, gap)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a box added twice twice, a touching box only within the gap, and nothing when empty', () => {
    const index = new BoxIndex();
    const a: Box = { x: 0, y: 0, width: 100, height: 50 };
    expect(index.coveredArea(a, 2)).toBe(0);
    index.add(a);
    index.add(a);
    expect(index.coveredArea(a)).toBe(2 * 100 * 50);
    const beside: Box = { x: 101, y: 0, width: 20, height: 50 };
    expect(index.coveredArea(beside)).toBe(0);
    expect(index.coveredArea(beside, 2)).toBe(2 * (1 * 52));
  });
});

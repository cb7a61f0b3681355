import fc from 'fast-check';
import {
  applyTextOps,
  diffToTextOps,
  normalizeTextOps,
  textOpsBaseLength,
  transformTextOps,
  TextOpsError,
  type TextOp,
} from './text-ops';

describe('applyTextOps', () => {
  it('retains, inserts and deletes from the start, keeping the rest', () => {
    expect(
      applyTextOps('A course', [{ retain: 2 }, { insert: 'short ' }]),
    ).toBe('A short course');
    expect(applyTextOps('A short course', [{ retain: 2 }, { delete: 6 }])).toBe(
      'A course',
    );
    expect(applyTextOps('abc', [])).toBe('abc');
    expect(applyTextOps('', [{ insert: 'hi' }])).toBe('hi');
  });

  it('counts code points, so emoji and accents are one character each', () => {
    expect(
      applyTextOps('🎓 Kurs', [{ retain: 1 }, { delete: 1 }, { insert: '-' }]),
    ).toBe('🎓-Kurs');
    expect(
      textOpsBaseLength([{ retain: 2 }, { insert: 'x' }, { delete: 3 }]),
    ).toBe(5);
  });

  it('refuses ops that walk past the end of the text', () => {
    expect(() => applyTextOps('abc', [{ retain: 2 }, { delete: 2 }])).toThrow(
      TextOpsError,
    );
  });
});

describe('normalizeTextOps and diffToTextOps', () => {
  it('merges neighbours and drops empty ops and the trailing retain', () => {
    expect(
      normalizeTextOps([
        { retain: 1 },
        { retain: 2 },
        { insert: 'a' },
        { insert: 'b' },
        { delete: 0 },
        { retain: 4 },
      ]),
    ).toEqual([{ retain: 3 }, { insert: 'ab' }]);
  });

  it('describes an edit as one replaced span', () => {
    expect(diffToTextOps('The course', 'The short course')).toEqual([
      { retain: 4 },
      { insert: 'short ' },
    ]);
    expect(diffToTextOps('abc', 'abc')).toEqual([]);
    expect(diffToTextOps('abcdef', 'abXef')).toEqual([
      { retain: 2 },
      { delete: 2 },
      { insert: 'X' },
    ]);
  });
});

describe('transformTextOps', () => {
  it('lets two people type in one definition and both keep their words', () => {
    const text = 'A course.';
    const ana: TextOp[] = [{ retain: 2 }, { insert: 'short ' }];
    const ben: TextOp[] = [{ retain: 8 }, { insert: ' on SQL' }];
    const viaAna = applyTextOps(
      applyTextOps(text, ana),
      transformTextOps(ben, ana, 'right'),
    );
    const viaBen = applyTextOps(
      applyTextOps(text, ben),
      transformTextOps(ana, ben, 'left'),
    );
    expect(viaAna).toBe('A short course on SQL.');
    expect(viaBen).toBe(viaAna);
  });

  it('puts the left side first when both insert at the same place', () => {
    const a: TextOp[] = [{ insert: 'A' }];
    const b: TextOp[] = [{ insert: 'B' }];
    expect(
      applyTextOps(applyTextOps('', b), transformTextOps(a, b, 'left')),
    ).toBe('AB');
    expect(
      applyTextOps(applyTextOps('', a), transformTextOps(b, a, 'right')),
    ).toBe('AB');
  });

  it('drops a delete of text the other side already deleted', () => {
    const a: TextOp[] = [{ retain: 1 }, { delete: 3 }];
    const b: TextOp[] = [{ retain: 2 }, { delete: 3 }];
    expect(transformTextOps(a, b, 'left')).toEqual([
      { retain: 1 },
      { delete: 1 },
    ]);
    expect(
      applyTextOps(applyTextOps('abcdefg', b), transformTextOps(a, b, 'left')),
    ).toBe('afg');
  });
});

/** Random ops that fit a text of `length` code points. */
function opsFor(length: number): fc.Arbitrary<TextOp[]> {
  return fc
    .array(
      fc.oneof(
        fc.record({
          type: fc.constant('retain' as const),
          n: fc.integer({ min: 1, max: 5 }),
        }),
        fc.record({
          type: fc.constant('delete' as const),
          n: fc.integer({ min: 1, max: 5 }),
        }),
        fc.record({
          type: fc.constant('insert' as const),
          s: fc.string({ minLength: 1, maxLength: 4, unit: 'binary' }),
        }),
      ),
      { maxLength: 8 },
    )
    .map((steps) => {
      let left = length;
      const ops: TextOp[] = [];
      for (const step of steps) {
        if (step.type === 'insert') ops.push({ insert: step.s });
        else if (left > 0) {
          const n = Math.min(step.n, left);
          left -= n;
          ops.push(step.type === 'retain' ? { retain: n } : { delete: n });
        }
      }
      return ops;
    });
}

const textAndTwoEdits = fc
  .string({ maxLength: 20, unit: 'binary' })
  .chain((text) => {
    const length = Array.from(text).length;
    return fc.tuple(fc.constant(text), opsFor(length), opsFor(length));
  });

describe('text ops (properties)', () => {
  it('converge whichever concurrent edit the server applies first (TP1)', () => {
    fc.assert(
      fc.property(textAndTwoEdits, ([text, a, b]) => {
        const aThenB = applyTextOps(
          applyTextOps(text, a),
          transformTextOps(b, a, 'right'),
        );
        const bThenA = applyTextOps(
          applyTextOps(text, b),
          transformTextOps(a, b, 'left'),
        );
        expect(aThenB).toBe(bThenA);
      }),
      { numRuns: 1000 },
    );
  });

  it('keep what both sides inserted', () => {
    fc.assert(
      fc.property(textAndTwoEdits, ([text, a, b]) => {
        const merged = applyTextOps(
          applyTextOps(text, a),
          transformTextOps(b, a, 'right'),
        );
        for (const op of [...a, ...b])
          if ('insert' in op) expect(merged).toContain(op.insert);
      }),
      { numRuns: 300 },
    );
  });

  it('mean the same after normalising, and a diff rebuilds the target text', () => {
    fc.assert(
      fc.property(
        textAndTwoEdits,
        fc.string({ maxLength: 20, unit: 'binary' }),
        ([text, a], other) => {
          expect(applyTextOps(text, normalizeTextOps(a))).toBe(
            applyTextOps(text, a),
          );
          expect(applyTextOps(text, diffToTextOps(text, other))).toBe(other);
        },
      ),
      { numRuns: 300 },
    );
  });
});

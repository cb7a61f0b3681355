import fc from 'fast-check';
import { findUnstorableText, unstorableReason } from './storable-text';

describe('text PostgreSQL cannot keep', () => {
  it('lets every well-formed Unicode text through, emoji and all', () => {
    expect(unstorableReason('Plot 🌱 — Ünïcode, 中文, \t\n')).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\u0000'));
        expect(unstorableReason(text)).toBeNull();
      }),
    );
  });

  it('refuses a NUL anywhere in a text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(unstorableReason(`${before}\u0000${after}`)).toBe('nul');
      }),
    );
  });

  it('refuses a lone surrogate, high or low, but not a pair', () => {
    expect(unstorableReason('a\uD83Db')).toBe('lone_surrogate');
    expect(unstorableReason('a\uDE00')).toBe('lone_surrogate');
    expect(unstorableReason('\uD83D')).toBe('lone_surrogate');
    expect(unstorableReason('\uDE00\uD83D')).toBe('lone_surrogate');
    expect(unstorableReason('\uD83D\uDE00')).toBeNull();
  });

  it('names the field of the first bad text in a body, however deep', () => {
    expect(
      findUnstorableText({
        kind: 'object.create',
        object: { name: 'Plot', synonyms: ['Bed', 'Allot\u0000ment'] },
      }),
    ).toEqual({
      field: 'object.synonyms.1',
      reason: 'nul',
      message: expect.stringContaining('object.synonyms.1 contains a NUL'),
    });
    expect(findUnstorableText({ name: 'x\uDC00' }, 'change')?.field).toBe(
      'change.name',
    );
    expect(findUnstorableText('bad\u0000')?.field).toBe('the text');
  });

  it('refuses a bad key as well as a bad value', () => {
    expect(
      findUnstorableText({ patch: { 'na\u0000me': 'Plot' } }),
    ).toMatchObject({ field: 'patch.na\u0000me', reason: 'nul' });
  });

  it('finds nothing in clean bodies of any shape', () => {
    fc.assert(
      fc.property(
        fc
          .jsonValue()
          .filter((value) => !JSON.stringify(value).includes('\\u0000')),
        (value) => {
          fc.pre(!/\\ud[89a-f]/i.test(JSON.stringify(value)));
          expect(findUnstorableText(value)).toBeNull();
        },
      ),
    );
  });

  it('refuses a body nested past the depth limit instead of walking it', () => {
    let deep: unknown = 'fine';
    for (let level = 0; level < 200; level++) deep = { child: deep };
    expect(findUnstorableText(deep)).toMatchObject({ reason: 'too_deep' });
    expect(findUnstorableText(deep, '', 1000)).toBeNull();
  });
});

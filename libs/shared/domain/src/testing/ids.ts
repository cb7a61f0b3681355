/**
 * Readable, deterministic UUIDs for tests: `testId('course')` is the same UUID in every run and
 * every file, and distinct labels give distinct UUIDs. A label of up to 16 ASCII characters is
 * spelled out in the UUID's hex digits (`testId('o1')` is `00000000-0000-0000-0000-000000006f31`),
 * so a failing assertion still says which item it is; longer labels are hashed.
 */
import type { Id } from '../lib/model';

export function testId(label: string): Id {
  const ascii = [...label].every((c) => c.charCodeAt(0) < 0x80);
  const hex =
    ascii && label.length > 0 && label.length <= 16
      ? [...label]
          .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
          .join('')
          .padStart(32, '0')
      : hashed(label);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

/** 128 bits of FNV-1a over the label, as four 32-bit lanes with different offsets; the first
 * hex digit is forced to 'f' so a hashed id never equals a spelled-out one (which starts with 0-7). */
function hashed(label: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x6b43a9b5].map((seed) => {
    let h = seed;
    for (const unit of label) {
      h ^= unit.codePointAt(0) ?? 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  });
  return `f${lanes.join('').slice(1)}`;
}

/** A counter of test ids (`${prefix}-1`, `${prefix}-2`, …), e.g. for fromInterchange's generateId. */
export function sequentialTestIds(prefix = 'id'): () => Id {
  let n = 0;
  return () => testId(`${prefix}-${++n}`);
}

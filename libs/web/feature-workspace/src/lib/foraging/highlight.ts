import type { ForagingRange } from '@orca/shared/contracts';

/** A piece of a sentence, highlighted or not. */
export interface SentencePart {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * Cuts a sentence into plain and highlighted parts. Ranges may overlap or arrive in any order;
 * ranges outside the sentence are clipped.
 */
export function highlightParts(
  sentence: string,
  ranges: readonly ForagingRange[],
): SentencePart[] {
  const sorted = ranges
    .map((r) => ({
      start: Math.max(0, Math.min(sentence.length, r.start)),
      end: Math.max(0, Math.min(sentence.length, r.end)),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end)
      last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const parts: SentencePart[] = [];
  let at = 0;
  for (const range of merged) {
    if (range.start > at)
      parts.push({ text: sentence.slice(at, range.start), marked: false });
    parts.push({ text: sentence.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < sentence.length)
    parts.push({ text: sentence.slice(at), marked: false });
  return parts;
}

/** "12 KB", "1.0 MB" */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

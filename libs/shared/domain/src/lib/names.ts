/**
 * How names compare: trimmed, Unicode-normalised and case-insensitive, the same way in every
 * browser and on the server (no locale-dependent lower-casing).
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** Length in Unicode code points, the unit of every length limit and of text operations. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/** Lower-case words of a text, for the heuristics of the model checks. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A rough English stem, enough to see that "Publish" leads to "Published", "Hide" to "Hidden",
 * "Drop" to "Dropped" and "reviews" to "Review".
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of ['ing', 'ed', 'en', 'es', 's', 'e']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "dropp" → "drop", "hidd" → "hid"
  if (
    w.length > 3 &&
    w.at(-1) === w.at(-2) &&
    !/[aeiou]/.test(w.at(-1) ?? '')
  ) {
    w = w.slice(0, -1);
  }
  return w;
}

/**
 * Text for diagrams drawn without a browser to measure it: an approximate width per character
 * (in em of a sans-serif font, on the generous side so text fits whatever font renders it), greedy
 * word wrapping on those widths, and XML escaping. Deterministic: the server and the browser wrap
 * the same text into the same lines.
 */

/** The font every diagram names; PDF renderers fall back to Roboto, which is in the list. */
export const DIAGRAM_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Advance widths in em, measured on DejaVu Sans (what `system-ui` is on Debian and many Linux
 * desktops, and wider than Segoe UI, San Francisco or Roboto): text sized by them fits anywhere.
 */
const EM: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Array.from('ijl').map((c) => [c, 0.28])),
  f: 0.34,
  t: 0.39,
  r: 0.4,
  s: 0.52,
  z: 0.52,
  c: 0.55,
  ...Object.fromEntries(Array.from('kvxy').map((c) => [c, 0.59])),
  w: 0.82,
  m: 0.97,
  ...Object.fromEntries(Array.from('IJ').map((c) => [c, 0.3])),
  L: 0.56,
  ...Object.fromEntries(Array.from('FTPY').map((c) => [c, 0.61])),
  ...Object.fromEntries(Array.from('DGOQ').map((c) => [c, 0.79])),
  M: 0.86,
  W: 0.99,
  ' ': 0.32,
  ...Object.fromEntries(Array.from(".,:;·!|'`").map((c) => [c, 0.34])),
  ...Object.fromEntries(Array.from('()[]{}/-"*').map((c) => [c, 0.4])),
  '→': 0.84,
  '&': 0.78,
  '@': 1,
  '%': 0.95,
};

/** East Asian wide and full-width characters, and emoji: about one em each. */
const FULL_WIDTH =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

function charEm(char: string): number {
  const known = EM[char];
  if (known !== undefined) return known;
  if (/[0-9]/.test(char)) return 0.64;
  if (/[a-z]/.test(char)) return 0.62;
  if (/[A-Z]/.test(char)) return 0.72;
  if (FULL_WIDTH.test(char)) return 1;
  // An accented letter is as wide as its base letter; other scripts as a wide Latin letter.
  const base = char.normalize('NFD')[0] ?? char;
  if (base !== char) return charEm(base);
  return /\p{Lu}/u.test(char) ? 0.76 : 0.64;
}

export interface TextStyle {
  readonly fontSize: number;
  readonly bold?: boolean;
}

/** The approximate rendered width of `text` in px. */
export function textWidth(text: string, style: TextStyle): number {
  let em = 0;
  for (const char of text) em += charEm(char);
  return em * style.fontSize * (style.bold ? 1.1 : 1);
}

/** Splits a word wider than `maxWidth` into pieces that fit (never inside a code point). */
function breakWord(word: string, maxWidth: number, style: TextStyle): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && textWidth(piece + char, style) > maxWidth) {
      pieces.push(piece);
      piece = char;
    } else piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap of `text` into lines no wider than `maxWidth` (approximately); line breaks
 * and runs of white space in the text read as one space. Never returns no lines: an empty text
 * is one empty line.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  style: TextStyle,
): string[] {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    if (textWidth(word, style) <= maxWidth) line = word;
    else {
      const pieces = breakWord(word, maxWidth, style);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe in XML content and in quoted attribute values. Characters XML 1.0 cannot hold at all
 * (control characters, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so a stray one in a name
 * cannot make the document unreadable.
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** "Learning Platform (v2)" → "learning-platform-v2"; ASCII only, never empty. */
export function slugify(name: string, fallback = 'project'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** `learning-platform-object-map.svg`: the name a downloaded diagram is saved under. */
export function diagramFileName(
  projectName: string,
  diagram: 'object-map' | 'system-graph',
  extension: 'svg' | 'png',
): string {
  return `${slugify(projectName)}-${diagram}.${extension}`;
}

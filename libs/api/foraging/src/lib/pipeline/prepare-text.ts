/**
 * Research text as the tagger should read it, with every character at the offset it had: markup
 * and speaker labels are blanked (replaced by spaces), soft line breaks inside a paragraph are
 * joined. Because nothing moves, every range the pipeline reports points into the text as the
 * person pasted or uploaded it.
 */

export type TextFormat = 'text' | 'markdown';

export interface PreparedText {
  /** Exactly as long as the input. */
  readonly text: string;
  /** [start, end) of heading and title lines: they name topics and weigh less than prose. */
  readonly headings: ReadonlyArray<readonly [number, number]>;
}

/** The same characters as spaces, keeping line breaks (so lines stay where they were). */
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

// "- item", "* item", "• item", "1. item", "2) item" at the start of a line.
const LIST_MARKER = /^([ \t]*)([-*+•‣◦▪]|\d{1,3}[.)])([ \t]+)/;
// "Q:", "A:", "Interviewer:", "Maria Lopez:" at the start of a line.
const SPEAKER_LABEL =
  /^([ \t]*)([A-Z][\p{L}'.-]{0,24}(?: [A-Z][\p{L}'.-]{0,24}){0,2})[ \t]*:(?=[ \t])/u;
const TERMINAL_PUNCTUATION = /[.!?:;,]["'”’)\]]*\s*$/;

function markdownBlanked(text: string, headingLines: Set<number>): string {
  let out = text
    // Fenced code is not research prose.
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<\/?[A-Za-z][^>\n]*>/g, blank)
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, blank)
    // [text](url) keeps its text.
    .replace(
      /\[([^\]\n]+)\]\(([^)\n]*)\)/g,
      (_m, label: string, url: string) => ` ${label}${blank(`](${url})`)}`,
    )
    .replace(/<https?:[^>\s]+>/g, blank)
    .replace(/`[^`\n]+`/g, blank)
    .replace(/^ {0,3}>[ \t]?/gm, blank)
    .replace(
      /(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g,
      (_m, mark: string, inner: string) =>
        `${blank(mark)}${inner}${blank(mark)}`,
    )
    .replace(
      /(?<![\p{L}\p{N}*_])([*_])(?=[^\s*_])([^\n*_]*?[^\s*_])\1(?![\p{L}\p{N}*_])/gu,
      (_m, mark: string, inner: string) =>
        `${blank(mark)}${inner}${blank(mark)}`,
    );
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^( {0,3})(#{1,6})([ \t]+|$)(.*?)([ \t]+#+[ \t]*)?$/.exec(
      line,
    );
    if (heading) {
      lines[i] =
        heading[1] +
        blank(heading[2] + heading[3]) +
        heading[4] +
        blank(heading[5] ?? '');
      headingLines.add(i);
    } else if (/^ {0,3}(=+|-+|\*{3,}|_{3,})[ \t]*$/.test(line)) {
      // A setext underline makes the line above a heading; a rule is just a rule.
      if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && i > 0 && lines[i - 1].trim())
        headingLines.add(i - 1);
      lines[i] = blank(line);
    } else if (/^\s*\|/.test(line)) {
      // Table rows: the cells are text, the pipes and the --- row are not.
      lines[i] = /^[\s|:-]+$/.test(line)
        ? blank(line)
        : line.replace(/\|/g, ' ');
    }
  }
  out = lines.join('\n');
  return out;
}

/** Prepares pasted or uploaded research for the tagger (see the file comment). */
export function prepareText(raw: string, format: TextFormat): PreparedText {
  // Carriage returns, tabs and other controls become spaces; NUL never gets this far.
  let text = raw.replace(/[\r\t\v\f\u0085\u2028\u2029]/g, ' ');
  const headingLines = new Set<number>();
  if (format === 'markdown') text = markdownBlanked(text, headingLines);

  const lines = text.split('\n');
  /** Lines that start a sentence of their own: list items and speaker turns. */
  const ownLine = new Set<number>();
  const labels = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const list = LIST_MARKER.exec(lines[i]);
    if (list) {
      lines[i] =
        list[1] + blank(list[2] + list[3]) + lines[i].slice(list[0].length);
      ownLine.add(i);
    }
    const label = SPEAKER_LABEL.exec(lines[i]);
    if (label) labels.set(label[2], (labels.get(label[2]) ?? 0) + 1);
  }
  // A label is a speaker's only when it recurs: "Q:" and "A:" do, "Plots: we have sixty" does not.
  for (let i = 0; i < lines.length; i++) {
    const label = SPEAKER_LABEL.exec(lines[i]);
    if (label && (labels.get(label[2]) ?? 0) >= 2) {
      lines[i] =
        label[1] +
        blank(label[0].slice(label[1].length)) +
        lines[i].slice(label[0].length);
      ownLine.add(i);
    }
  }
  // The first line of a plain text, short and unpunctuated, is its title.
  const first = lines.findIndex((line) => line.trim() !== '');
  if (
    format === 'text' &&
    first >= 0 &&
    !TERMINAL_PUNCTUATION.test(lines[first]) &&
    lines[first].trim().split(/\s+/).length <= 15 &&
    (lines[first + 1] ?? '').trim() === ''
  )
    headingLines.add(first);

  const rawLines = raw.split('\n');
  const headings: Array<[number, number]> = [];
  let offset = 0;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (headingLines.has(i)) headings.push([offset, offset + line.length]);
    out += line;
    offset += line.length;
    if (i === lines.length - 1) break;
    const next = lines[i + 1];
    // A single line break inside a paragraph is only wrapping: join it, so sentences stay whole.
    const soft =
      line.trim() !== '' &&
      next.trim() !== '' &&
      !headingLines.has(i) &&
      !headingLines.has(i + 1) &&
      !ownLine.has(i + 1) &&
      !/^\s*\|/.test(rawLines[i + 1] ?? '');
    out += soft ? ' ' : '\n';
    offset += 1;
  }
  return { text: out, headings };
}

/** A piece of the prepared text processed in one go; `start` is its offset in the whole. */
export interface TextChunk {
  readonly start: number;
  readonly text: string;
}

/**
 * Splits the text into chunks of about `size` characters at paragraph breaks, else at sentence
 * ends, else at spaces, so the tagger never works on one long synchronous stretch.
 */
export function chunkText(text: string, size: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut =
        lastMatchEnd(window, /\n[ \t]*\n/g) ??
        lastMatchEnd(window, /[.!?]["'”’)\]]*\s+/g) ??
        lastMatchEnd(window, /\n/g) ??
        lastMatchEnd(window, /\s+/g);
      if (cut !== null && cut > size / 4) end = start + cut;
    }
    chunks.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return chunks;
}

function lastMatchEnd(text: string, pattern: RegExp): number | null {
  let found: number | null = null;
  for (const match of text.matchAll(pattern))
    found = match.index + match[0].length;
  return found;
}

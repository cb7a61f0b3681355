/**
 * Just enough of a PDF reader for tests: the number of pages and the text shown on them, decoded
 * through each font's ToUnicode map (pdfkit embeds subset fonts and writes glyph ids).
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const dataStart =
        streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + length);
      const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      objects.set(Number(match[1]), { dict, stream });
      header.lastIndex = text.indexOf('endobj', dataStart + length);
    } else {
      objects.set(Number(match[1]), { dict: text.slice(start, endAt) });
      header.lastIndex = endAt;
    }
  }
  return objects;
}

function utf16(spaced: string): string {
  const hex = spaced.replace(/\s+/g, '');
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** Code (hex) → text, from a ToUnicode CMap. */
function readCmap(cmap: string): { map: Map<number, string>; width: number } {
  const map = new Map<number, string>();
  let width = 4;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src = '', dst = ''] of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g,
    )) {
      width = src.length;
      map.set(parseInt(src, 16), utf16(dst));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? '';
    for (const [, lo = '', hi = '', rest = ''] of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
    )) {
      width = lo.length;
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        // A ligature maps to several code units: `<0066 0069>` is "fi".
        [...rest.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach(([, dst = ''], i) =>
          map.set(from + i, utf16(dst)),
        );
      } else {
        const base = utf16(rest.slice(1, -1));
        for (let code = from; code <= to; code++)
          map.set(
            code,
            base.slice(0, -1) +
              String.fromCharCode(
                base.charCodeAt(base.length - 1) + code - from,
              ),
          );
      }
    }
  }
  return { map, width };
}

export interface PdfContent {
  readonly pages: number;
  /** The text runs in content order: a run ending in a space continues the line, others end it. */
  readonly text: string;
}

export function readPdf(pdf: Buffer): PdfContent {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new Error('not a PDF: no %PDF- header');
  if (!pdf.subarray(-1024).toString('latin1').includes('%%EOF'))
    throw new Error('not a complete PDF: no %%EOF');
  const objects = readObjects(pdf);
  const cmaps = new Map<number, ReturnType<typeof readCmap>>();
  const fontCmap = new Map<string, ReturnType<typeof readCmap>>();
  let pages = 0;
  for (const [, object] of objects) {
    if (/\/Type\s*\/Page\b/.test(object.dict)) pages++;
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(object.dict)?.[1];
    for (const [, name = '', ref = ''] of (fonts ?? '').matchAll(
      /\/(\S+)\s+(\d+) 0 R/g,
    )) {
      const font = objects.get(Number(ref));
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '')?.[1];
      if (!toUnicode) continue;
      if (!cmaps.has(Number(toUnicode)))
        cmaps.set(
          Number(toUnicode),
          readCmap(
            objects.get(Number(toUnicode))?.stream?.toString('latin1') ?? '',
          ),
        );
      fontCmap.set(
        name,
        cmaps.get(Number(toUnicode)) as ReturnType<typeof readCmap>,
      );
    }
  }
  const runs: string[] = [];
  for (const [, object] of objects) {
    const content = object.stream?.toString('latin1') ?? '';
    if (
      !/\bT[jJ]\b/.test(content) ||
      /\/Type\s*\/(Font|XObject)/.test(object.dict)
    )
      continue;
    let cmap: ReturnType<typeof readCmap> | undefined;
    for (const [, font, array, single] of content.matchAll(
      /\/(\S+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g,
    )) {
      if (font) {
        cmap = fontCmap.get(font);
        continue;
      }
      const hexes =
        array !== undefined
          ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '')
          : [single ?? ''];
      const width = cmap?.width ?? 4;
      let run = '';
      for (const hex of hexes)
        for (let i = 0; i + width <= hex.length; i += width)
          run +=
            cmap?.map.get(parseInt(hex.slice(i, i + width), 16)) ?? '\uFFFD';
      runs.push(run);
    }
  }
  return {
    pages,
    text: runs.map((run) => (run.endsWith(' ') ? run : `${run}\n`)).join(''),
  };
}

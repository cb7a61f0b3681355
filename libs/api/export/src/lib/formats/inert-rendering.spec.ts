/**
 * Stored text renders inert in every export (issue 12, decision 0025): a model whose every name,
 * label, verb and definition is a script tag, an event-handler image, a spreadsheet formula or a
 * `javascript:` link comes out of each format as the same text, and as nothing else — no element
 * that runs or fetches, no live link, no formula cell.
 */
import { objectsInOrder } from '@orca/shared/domain';
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import { Marked } from 'marked';
import { ValueType, Workbook } from 'exceljs';
import { readPdf } from '../../testing/pdf-text';
import { GENERATED_AT, modelFrom } from '../../testing/fixtures';
import { csvFiles, parseCsv } from './csv';
import { exportHtml } from './html';
import { exportMarkdown } from './markdown';
import { exportMermaid } from './mermaid';
import { exportPdf } from './pdf';
import { exportXlsx } from './xlsx';
import { exportZip } from './zip';

/** What people have typed into names to attack whoever opens the export. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x")',
  '+1',
  '-1+1',
  '@SUM(1)',
  '[link](javascript:alert(1))',
] as const;
const FORMULA_START = /^[=+\-@]/;
/** Ways of hiding a `javascript:` link in Markdown that renderers still decode. */
const LINK_TRICKS = [
  '[a](JaVaScRiPt:alert(1))',
  '[b](java&#115;cript:alert(1))',
  '[c](javascript&colon;alert(1))',
  '[d]( javascript:alert(1) "title")',
  '[e](data:text/html,<script>alert(1)</script>)',
  '![f](javascript:alert(1))',
  '[g][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
].join('\n\n');

const HOSTILE = modelFrom(
  {
    format: 'orca-project',
    version: 1,
    project: { name: PAYLOADS[0], description: PAYLOADS[1] },
    roles: PAYLOADS.map((name, i) => ({ key: `r${i}`, name })),
    objects: PAYLOADS.map((name, i) => ({
      key: `o${i}`,
      name,
      // Markdown is rendered in definitions: the same payloads must stay text there too.
      definition: `${PAYLOADS[(i + 1) % PAYLOADS.length]}\n\n${PAYLOADS[6]} and <a href="javascript:alert(2)">a</a>\n\n${LINK_TRICKS}`,
      synonyms: [`${name} too`],
      examples: [name],
      states: [{ name }],
      priority: 'now',
    })),
    relationships: PAYLOADS.map((label, i) => ({
      from: `o${i}`,
      to: `o${(i + 1) % PAYLOADS.length}`,
      label,
      cardinality: 'one-to-many',
      mechanics: label,
    })),
    attributes: PAYLOADS.map((name, i) => ({
      object: `o${i}`,
      name,
      type: 'text',
      kind: i % 2 === 0 ? 'core' : 'metadata',
      description: name,
    })),
    ctas: PAYLOADS.map((verb, i) => ({
      role: `r${i}`,
      object: `o${i}`,
      verb,
      crud: 'other',
      primary: true,
      preconditions: verb,
    })),
  },
  'hostile',
);
const OPTIONS = {
  projectName: PAYLOADS[0],
  projectDescription: PAYLOADS[1],
  rev: 1,
  generatedAt: GENERATED_AT,
};

const LIVE_ELEMENTS = [
  'script',
  'img',
  'iframe',
  'frame',
  'object',
  'embed',
  'link',
  'base',
  'form',
  'video',
  'audio',
  'source',
];

/** Elements and attributes through which HTML runs code, fetches, or navigates somewhere unsafe. */
function liveParts(document: Document): string[] {
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (LIVE_ELEMENTS.includes(tag)) found.push(`<${tag}>`);
    if (
      tag === 'meta' &&
      element.getAttribute('http-equiv')?.toLowerCase() === 'refresh'
    )
      found.push('<meta http-equiv=refresh>');
    for (const attribute of [...element.attributes]) {
      if (/^on/i.test(attribute.name)) found.push(`${tag}[${attribute.name}]`);
      if (
        /^(href|src|xlink:href|action|formaction)$/i.test(attribute.name) &&
        /^\s*(javascript|data|vbscript):/i.test(attribute.value)
      )
        found.push(`${tag}[${attribute.name}=${attribute.value}]`);
    }
  }
  return found;
}

/** Loads HTML the way a browser would, scripts enabled, and counts what tried to run. */
function open(html: string): { document: Document; ran: number } {
  let ran = 0;
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      window.alert = () => {
        ran++;
      };
    },
  });
  return { document: dom.window.document, ran };
}

function csvRows(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`unreadable CSV at line ${parsed.line}`);
  return parsed.rows;
}

describe('hostile text in every export', () => {
  it('stays text in the HTML page: nothing runs, loads or links to javascript:', async () => {
    const html = (await exportHtml(HOSTILE.model, OPTIONS)) as string;
    const { document, ran } = open(html);
    expect(ran).toBe(0);
    expect(liveParts(document)).toEqual([]);
    const text = document.body.textContent ?? '';
    for (const payload of PAYLOADS) expect(text).toContain(payload);
    expect(document.title).toContain(PAYLOADS[0]);
  });

  it('stays text in Markdown: a renderer shows the names literally, with no HTML or live link', async () => {
    const markdown = (await exportMarkdown(HOSTILE.model, OPTIONS)) as string;
    const rendered = new Marked({ gfm: true }).parse(markdown) as string;
    const { document, ran } = open(`<!doctype html><body>${rendered}</body>`);
    expect(ran).toBe(0);
    expect(liveParts(document)).toEqual([]);
    const headings = [...document.querySelectorAll('h1, h2, h3, h4')].map(
      (h) => h.textContent,
    );
    for (const payload of PAYLOADS) expect(headings).toContain(payload);
    // No link anywhere goes to javascript:, whatever the definitions said.
    expect(
      [...document.querySelectorAll('a')]
        .map((a) => a.getAttribute('href'))
        .filter((href) => /javascript:/i.test(href ?? '')),
    ).toEqual([]);
  });

  it('stays text in the PDF: the names print, and the file holds no script, action or link to javascript:', async () => {
    const pdf = (await exportPdf(HOSTILE.model, OPTIONS)) as Buffer;
    const { text } = readPdf(pdf);
    const flat = text.replace(/\s+/g, '');
    for (const payload of PAYLOADS)
      expect(flat).toContain(payload.replace(/\s+/g, ''));
    const raw = pdf.toString('latin1');
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData)\b/);
    expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i);
  });

  it('writes every cell of the XLSX as a string, never a formula, with the text unchanged', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(
      (await exportXlsx(HOSTILE.model, OPTIONS)) as unknown as Parameters<
        Workbook['xlsx']['load']
      >[0],
    );
    const formulas: string[] = [];
    const seen = new Set<string>();
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ValueType.Formula)
            formulas.push(`${sheet.name}!${cell.address}`);
          if (
            typeof cell.value === 'string' &&
            FORMULA_START.test(cell.value)
          ) {
            expect([cell.address, cell.type]).toEqual([
              cell.address,
              ValueType.String,
            ]);
          }
          if (typeof cell.value === 'string')
            for (const line of cell.value.split('\n')) seen.add(line);
        }),
      ),
    );
    expect(formulas).toEqual([]);
    for (const payload of PAYLOADS) expect(seen).toContain(payload);
  });

  it('guards every CSV cell a spreadsheet would run: a formula-looking text gets a leading apostrophe', () => {
    const unsafe: string[] = [];
    const cells = new Set<string>();
    for (const [file, text] of Object.entries(
      csvFiles(HOSTILE.model, OPTIONS),
    )) {
      for (const cell of csvRows(text).flat()) {
        if (FORMULA_START.test(cell)) unsafe.push(`${file}: ${cell}`);
        for (const line of cell.split('\n')) cells.add(line);
      }
    }
    expect(unsafe).toEqual([]);
    // The text itself is all there, behind its apostrophe.
    for (const payload of PAYLOADS)
      expect(cells).toContain(
        FORMULA_START.test(payload) ? `'${payload}` : payload,
      );
  });

  it('keeps Mermaid labels inside their quotes, with no tag a renderer would sanitise or run', async () => {
    const mermaid = (await exportMermaid(HOSTILE.model, OPTIONS)) as string;
    const labels = [...mermaid.matchAll(/"([^"\n]*)"/g)].map((m) => m[1] ?? '');
    expect(labels.filter((label) => /[<>]/.test(label))).toEqual([]);
    // Every object is an entity with its name as the label (angle brackets as look-alikes).
    for (const object of objectsInOrder(HOSTILE.model))
      expect(labels).toContain(
        object.name
          .replace(/</g, '\u2039')
          .replace(/>/g, '\u203A')
          .replace(/"/g, "'"),
      );
    expect(mermaid).not.toMatch(/<\/?script|<img/i);
  });

  it('carries the same guarantees into the ZIP bundle', async () => {
    const files = unzipSync(
      (await exportZip(HOSTILE.model, OPTIONS)) as Buffer,
    );
    const html = Object.entries(files).find(([name]) => name.endsWith('.html'));
    expect(html).toBeDefined();
    const { document, ran } = open(strFromU8(html?.[1] ?? new Uint8Array()));
    expect(ran).toBe(0);
    expect(liveParts(document)).toEqual([]);
    for (const [name, bytes] of Object.entries(files).filter(([name]) =>
      name.endsWith('.csv'),
    )) {
      const rows = csvRows(strFromU8(bytes));
      expect([
        name,
        rows.flat().filter((cell) => FORMULA_START.test(cell)),
      ]).toEqual([name, []]);
    }
  });
});

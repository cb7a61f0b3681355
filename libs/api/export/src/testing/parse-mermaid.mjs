// Parses Mermaid diagrams with the real `mermaid` package (ESM, and it wants a DOM): reads a JSON
// list of diagram texts on stdin and prints a JSON list of {ok, type?, error?}, one per diagram.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

const diagrams = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const text of diagrams) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));

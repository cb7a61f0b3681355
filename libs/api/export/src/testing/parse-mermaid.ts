import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type MermaidParse =
  | { ok: true; type: string }
  | { ok: false; error: string };

/** Parses diagrams with the real mermaid parser in a child Node process (it is ESM and wants a DOM). */
export function parseMermaid(diagrams: readonly string[]): MermaidParse[] {
  const run = spawnSync(
    process.execPath,
    [join(__dirname, 'parse-mermaid.mjs')],
    {
      input: JSON.stringify(diagrams),
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0)
    throw new Error(
      `the mermaid parser did not run: ${run.stderr || run.error}`,
    );
  return JSON.parse(run.stdout) as MermaidParse[];
}

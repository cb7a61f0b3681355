import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../../../..');

/**
 * Bundles the export worker (src/export.worker.ts) the way the api build does, so tests run
 * exports in real worker threads: one CommonJS file with our code and the domain inlined and the
 * format libraries left to node_modules. Written under the workspace's `tmp/` (git-ignored) so
 * those libraries resolve from it. esbuild takes a fraction of a second.
 */
export function buildExportWorker(): string {
  mkdirSync(join(WORKSPACE, 'tmp'), { recursive: true });
  // One file per test process, never deleted while the process lives: piscina replaces a stopped
  // worker (after a cancel) asynchronously, and that new thread must still find the file.
  const dir = join(WORKSPACE, 'tmp', `export-worker-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'export-worker.js');
  buildSync({
    entryPoints: [join(__dirname, '../export.worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(__dirname, '../../tsconfig.lib.json'),
    external: ['exceljs', 'pdfmake', 'fflate', 'piscina'],
    logLevel: 'warning',
  });
  return outfile;
}

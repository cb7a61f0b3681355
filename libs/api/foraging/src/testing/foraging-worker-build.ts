import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../../../..');

/**
 * Bundles the foraging worker (src/foraging.worker.ts) the way the api build does, so tests
 * forage in real worker threads: one CommonJS file with our code inlined and compromise left to
 * node_modules. Written under the workspace's `tmp/` (git-ignored) so it resolves from there.
 * esbuild takes a fraction of a second.
 */
export function buildForagingWorker(): string {
  // One file per test process, never deleted while the process lives: piscina replaces a stopped
  // worker (after a timeout) asynchronously, and that new thread must still find the file.
  const dir = join(WORKSPACE, 'tmp', `foraging-worker-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'foraging-worker.js');
  buildSync({
    entryPoints: [join(__dirname, '../foraging.worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(__dirname, '../../tsconfig.lib.json'),
    external: ['compromise', 'piscina'],
    logLevel: 'warning',
  });
  return outfile;
}

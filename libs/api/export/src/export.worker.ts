/**
 * The worker-thread entry (piscina): bundled on its own as `export-worker.js` beside the api's
 * `main.js` (apps/api/webpack.config.js), and by tests with esbuild (src/testing/export-worker-build.ts).
 */
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { move } from 'piscina';
import { type ExportTask, runExportTask } from './lib/worker/export-task';

// Exports yield to the event loop: on Linux a thread has its own nice value, and this one is
// lowered so live collaboration always gets the CPU first, even when exports use every core.
// (Elsewhere the call would lower the whole process, so it is made on Linux only.)
if (process.platform === 'linux' && !isMainThread) {
  try {
    setPriority(10);
  } catch {
    // Not allowed here (some sandboxes): exports simply run at normal priority.
  }
}

export default async function exportInWorker(
  task: ExportTask,
): Promise<unknown> {
  const result = await runExportTask(task);
  // Transfer a file's bytes to the main thread instead of copying them.
  return result instanceof Uint8Array ? move(result) : result;
}

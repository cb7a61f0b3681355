/**
 * The worker-thread entry (piscina): bundled on its own as `export-worker.js` beside the api's
 * `main.js` (apps/api/webpack.config.js), and by tests with esbuild (src/testing/export-worker-build.ts).
 */
import { move } from 'piscina';
import { type ExportTask, runExportTask } from './lib/worker/export-task';

export default async function exportInWorker(
  task: ExportTask,
): Promise<unknown> {
  // Transfer the bytes' memory to the main thread instead of copying it.
  return move(await runExportTask(task));
}

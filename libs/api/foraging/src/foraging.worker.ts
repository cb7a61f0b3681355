/**
 * The worker-thread entry (piscina): bundled on its own as `foraging-worker.js` beside the api's
 * `main.js` (apps/api/webpack.config.js), and by tests with esbuild
 * (src/testing/foraging-worker-build.ts). Tagging a 1 MB text takes 20–40 s of CPU: here, not on
 * the event loop that serves live collaboration.
 */
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { analyseSource } from './lib/pipeline/analyse';
import type { SourceAnalysis } from './lib/pipeline/source-analysis';
import type { ForagingTask } from './lib/worker/foraging-task';

// Foraging yields to the event loop: on Linux a thread has its own nice value, and this one is
// lowered so live collaboration gets the CPU first. (Elsewhere the call would lower the whole
// process, so it is made on Linux only.)
if (process.platform === 'linux' && !isMainThread) {
  try {
    setPriority(10);
  } catch {
    // Not allowed here (some sandboxes): foraging simply runs at normal priority.
  }
}

export default function forageInWorker(
  task: ForagingTask,
): Promise<SourceAnalysis> {
  return analyseSource(task.text, { format: task.format });
}

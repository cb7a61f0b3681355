/**
 * Foraging as a worker-thread task: the text goes in (structured clone), its analysis comes back
 * (a few hundred kilobytes for a 1 MB text). Ranking stays on the main thread: it reads the
 * stored analyses of every source and takes milliseconds.
 */
import type { TextFormat } from '../pipeline/prepare-text';

export interface ForagingTask {
  readonly text: string;
  readonly format: TextFormat;
}

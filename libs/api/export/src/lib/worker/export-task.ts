/**
 * One export as a worker-thread task: the model and options go in (structured clone), the file's
 * bytes come back (transferred, not copied), and progress travels on a MessagePort of its own.
 */
import type { ProjectModel } from '@orca/shared/domain';
import type { MessagePort } from 'node:worker_threads';
import type { ExportFormat } from '../formats/catalog';
import type { ExportOptions } from '../formats/export-options';
import { EXPORT_FUNCTIONS } from '../formats';

export interface ExportTask {
  readonly format: ExportFormat;
  readonly model: ProjectModel;
  readonly options: Omit<ExportOptions, 'onProgress'>;
  /** Receives `{percent}` messages as the work advances. */
  readonly progress?: MessagePort;
}

export interface ProgressMessage {
  readonly percent: number;
}

/** Runs the format and answers its bytes in memory of their own (a Buffer may share Node's pool). */
export async function runExportTask(task: ExportTask): Promise<Uint8Array> {
  try {
    const content = await EXPORT_FUNCTIONS[task.format](task.model, {
      ...task.options,
      onProgress: (percent) =>
        task.progress?.postMessage({ percent } satisfies ProgressMessage),
    });
    const bytes =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    return own;
  } finally {
    task.progress?.close();
  }
}

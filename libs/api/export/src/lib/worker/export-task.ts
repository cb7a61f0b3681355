/**
 * Exports as worker-thread tasks: the model and options go in (structured clone), the bytes come
 * back (transferred, not copied), and progress travels on a MessagePort of its own. A ZIP bundle
 * is several tasks: its parts, made in parallel, then their assembly.
 */
import type { ProjectModel } from '@orca/shared/domain';
import type { MessagePort } from 'node:worker_threads';
import type { ExportFormat } from '../formats/catalog';
import type { ExportOptions } from '../formats/export-options';
import { EXPORT_FUNCTIONS } from '../formats';
import {
  assembleBundle,
  type BundleFile,
  type BundlePartSpec,
  renderBundlePart,
} from '../formats/zip';

type TaskOptions = Omit<ExportOptions, 'onProgress'>;

/** One whole format. */
export interface FormatTask {
  readonly kind: 'format';
  readonly format: ExportFormat;
  readonly model: ProjectModel;
  readonly options: TaskOptions;
  /** Receives `{percent}` messages as the work advances. */
  readonly progress?: MessagePort;
}

/** Some of a bundle's files. */
export interface BundlePartTask {
  readonly kind: 'bundle-part';
  readonly part: BundlePartSpec;
  readonly model: ProjectModel;
  readonly options: TaskOptions;
  readonly progress?: MessagePort;
}

/** A bundle from its parts' files. */
export interface BundleAssemblyTask {
  readonly kind: 'bundle-assembly';
  readonly files: readonly BundleFile[];
  readonly options: TaskOptions;
}

export type ExportTask = FormatTask | BundlePartTask | BundleAssemblyTask;

/** What a task answers: a file's bytes, or a part's files. */
export type ExportTaskResult = Uint8Array | BundleFile[];

export interface ProgressMessage {
  readonly percent: number;
}

/** Bytes in memory of their own (a Buffer may share Node's pool), so they can be transferred. */
function own(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/**
 * Runs the task. A file's bytes are answered in memory of their own, so the worker can transfer
 * them; a part's few files are copied back (a megabyte or so).
 */
export async function runExportTask(
  task: ExportTask,
): Promise<ExportTaskResult> {
  if (task.kind === 'bundle-assembly')
    return own(assembleBundle(task.files, task.options));
  const onProgress = (percent: number) =>
    task.progress?.postMessage({ percent } satisfies ProgressMessage);
  try {
    if (task.kind === 'bundle-part') {
      const files = await renderBundlePart(task.part, task.model, {
        ...task.options,
        onProgress,
      });
      return files.map((file) => ({ ...file, content: own(file.content) }));
    }
    const content = await EXPORT_FUNCTIONS[task.format](task.model, {
      ...task.options,
      onProgress,
    });
    return own(
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    );
  } finally {
    task.progress?.close();
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ProblemException } from '@orca/api/core';
import { Metrics } from '@orca/api/metrics';
import { ChangePipeline } from '@orca/api/model';
import { ProjectsService } from '@orca/api/projects';
import type { ProjectModel } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  MessageChannel,
  type MessagePort,
  type Transferable,
} from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Subject } from 'rxjs';
import {
  type ExportFormat,
  exportFileName,
  FORMAT_DESCRIPTIONS,
} from './formats/catalog';
import {
  ASSEMBLY_WEIGHT,
  BUNDLE_PARTS,
  type BundleFile,
  type BundlePartSpec,
} from './formats/bundle-parts';

/** Models up to this many objects have their bundle's parts made in parallel. */
export const PARALLEL_BUNDLE_MAX_OBJECTS = 300;

/** The `code` and `message` of what was thrown (duck-typed: a worker's errors may come from another realm). */
function describeError(error: unknown): { code?: unknown; message: string } {
  if (typeof error !== 'object' || error === null) return { message: '' };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code, message: typeof message === 'string' ? message : '' };
}

/** How a failed export is counted in the metrics. */
function failureReason(error: unknown, busy: boolean): string {
  if (isOutOfMemory(error)) return 'out_of_memory';
  if (busy) return 'busy';
  // Not found, not a member: the export was refused before it began.
  if (error instanceof ProblemException && error.getStatus() < 500)
    return 'refused';
  return 'error';
}

/** A worker that died of its heap limit (piscina passes Node's error on). */
function isOutOfMemory(error: unknown): boolean {
  const { code, message } = describeError(error);
  return code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(message);
}
import type {
  ExportTask,
  ExportTaskResult,
  ProgressMessage,
} from './worker/export-task';

type TaskOptions = ExportTask['options'];

export interface ExportRequest {
  readonly projectId: string;
  readonly userId: string;
  readonly format: ExportFormat;
  readonly nowOnly: boolean;
  /** Chosen by the client (a UUID) to follow progress and cancel; made up when absent. */
  readonly exportId?: string;
  /** Aborted when the client goes away. */
  readonly signal?: AbortSignal;
  /** Export this snapshot's model instead of the project as it is now. */
  readonly snapshot?: SnapshotSource;
}

/** A snapshot to export: its name (in the file name and documents), rev and model. */
export interface SnapshotSource {
  readonly name: string;
  readonly rev: number;
  readonly model: ProjectModel;
}

export interface ExportedFile {
  readonly exportId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly rev: number;
}

export type ExportState = 'running' | 'done' | 'cancelled' | 'failed';

/** What the person waiting for an export is told (the gateway forwards it to their sockets). */
export interface ExportProgress {
  readonly projectId: string;
  readonly userId: string;
  readonly exportId: string;
  readonly format: ExportFormat;
  /** 0–100, never going down. */
  readonly percent: number;
  readonly state: ExportState;
}

interface RunningExport {
  readonly userId: string;
  readonly controller: AbortController;
}

/**
 * Threads for exports: one per core, at most four (each holds the format libraries, tens of MB).
 * They run at a lower priority than the event loop (export.worker.ts), so using every core for a
 * bundle does not slow live collaboration; `EXPORT_THREADS` overrides (say, to a pod's CPU limit).
 */
export function exportThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Runs exports off the event loop: every format runs in a worker thread of one pool shared by
 * the app (piscina), so a 1,000-object PDF never stalls live collaboration. Progress goes out on
 * `progress$`; an export is cancelled by `cancel()` or when its client disconnects (the worker
 * running it is stopped).
 */
/**
 * The progress of one export made by one or more worker tasks: each task reports 0–100 on a
 * port of its own, counted as its share of the whole.
 */
class ProgressTally {
  private readonly shares: number[] = [];
  private readonly ports: MessagePort[] = [];

  constructor(private readonly report: (percent: number) => void) {}

  /** A port for a task that does `weight` percent of the work. */
  port(weight: number): MessagePort {
    const index = this.shares.push(0) - 1;
    const { port1, port2 } = new MessageChannel();
    this.ports.push(port1);
    port1.on('message', ({ percent }: ProgressMessage) => {
      this.shares[index] = (weight * percent) / 100;
      this.report(this.shares.reduce((sum, share) => sum + share, 0));
    });
    return port2;
  }

  close(): void {
    for (const port of this.ports) port.close();
  }
}

@Injectable()
export class ExportService implements OnModuleDestroy {
  readonly progress$ = new Subject<ExportProgress>();
  private readonly logger = new Logger(ExportService.name);
  private readonly running = new Map<string, RunningExport>();
  private pool?: Piscina<ExportTask, ExportTaskResult>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pipeline: ChangePipeline,
    private readonly projects: ProjectsService,
    private readonly metrics: Metrics,
  ) {}

  /** The file's bytes, name and type, made by a worker from the model at its current rev. */
  async export(request: ExportRequest): Promise<ExportedFile> {
    const exportId = request.exportId ?? randomUUID();
    if (this.running.has(exportId)) {
      throw new ProblemException(
        409,
        'export_running',
        'An export with this id is already running',
        'Use a new exportId for each export.',
        [{ field: 'exportId', message: 'already in use by a running export' }],
      );
    }
    const controller = new AbortController();
    this.running.set(exportId, { userId: request.userId, controller });
    const abort = () => controller.abort();
    request.signal?.addEventListener('abort', abort, { once: true });
    if (request.signal?.aborted) controller.abort();

    let percent = 0;
    const emit = (next: number, state: ExportState) => {
      percent = Math.max(percent, Math.min(100, Math.round(next)));
      this.progress$.next({
        projectId: request.projectId,
        userId: request.userId,
        exportId,
        format: request.format,
        percent,
        state,
      });
    };
    const tally = new ProgressTally((share) => emit(share, 'running'));
    const ended = this.metrics.exportStarted(request.format);
    try {
      const [{ rev, model }, project] = await Promise.all([
        request.snapshot ?? this.pipeline.read(request.projectId),
        this.projects.get(request.projectId, request.userId),
      ]);
      emit(0, 'running');
      const options: TaskOptions = {
        projectName: project.name,
        projectDescription: project.description,
        nowOnly: request.nowOnly,
        rev,
        snapshotName: request.snapshot?.name,
        generatedAt: new Date().toISOString(),
      };
      const run = <T>(task: ExportTask, transferList: Transferable[]) =>
        this.workers().run(task, {
          transferList: transferList as never,
          signal: controller.signal,
        }) as Promise<T>;
      let bytes: Uint8Array;
      if (request.format === 'zip') {
        bytes = await this.bundle(model, options, tally, run);
      } else {
        const progress = tally.port(100);
        bytes = await run<Uint8Array>(
          { kind: 'format', format: request.format, model, options, progress },
          [progress],
        );
      }
      emit(100, 'done');
      ended('done');
      return {
        exportId,
        fileName: exportFileName(request.format, options),
        contentType: FORMAT_DESCRIPTIONS[request.format].contentType,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        rev,
      };
    } catch (error) {
      if (controller.signal.aborted) {
        emit(percent, 'cancelled');
        ended('cancelled');
        throw new ProblemException(
          409,
          'export_cancelled',
          'The export was cancelled',
          'Nothing was produced; ask again for a new export.',
        );
      }
      emit(percent, 'failed');
      const busy = /queue is at limit/i.test(describeError(error).message);
      ended('failed', failureReason(error, busy));
      if (isOutOfMemory(error)) {
        this.logger.warn(
          `export ${exportId} (${request.format}) ran out of its ${this.config.exportMemoryMb} MB`,
        );
        throw new ProblemException(
          503,
          'export_out_of_memory',
          'This export needs more memory than the server gives one export',
          `The model is too large to export as ${request.format} within ${this.config.exportMemoryMb} MB. Try a smaller format or the Now view, or ask the operator to raise EXPORT_MEMORY_MB.`,
        );
      }
      if (busy) {
        throw new ProblemException(
          503,
          'export_busy',
          'Too many exports are waiting',
          'Try again in a moment.',
        );
      }
      throw error;
    } finally {
      tally.close();
      request.signal?.removeEventListener('abort', abort);
      this.running.delete(exportId);
    }
  }

  /**
   * A ZIP bundle: its parts made in parallel threads (the PDF, the workbook, the quick formats),
   * then assembled in one more, so a bundle takes about as long as its slowest part. Above
   * `PARALLEL_BUNDLE_MAX_OBJECTS` the parts go one after another, to bound the memory in use.
   */
  private async bundle(
    model: ProjectModel,
    options: TaskOptions,
    tally: ProgressTally,
    run: <T>(task: ExportTask, transferList: Transferable[]) => Promise<T>,
  ): Promise<Uint8Array> {
    const total =
      BUNDLE_PARTS.reduce((sum, part) => sum + part.weight, 0) +
      ASSEMBLY_WEIGHT;
    const makePart = (part: BundlePartSpec) => {
      const progress = tally.port((100 * part.weight) / total);
      return run<BundleFile[]>(
        { kind: 'bundle-part', part, model, options, progress },
        [progress],
      );
    };
    // A large model's parts go one after another: each holds hundreds of MB while it is made.
    const parallel =
      Object.keys(model.objects).length <= PARALLEL_BUNDLE_MAX_OBJECTS;
    const parts: BundleFile[][] = [];
    if (parallel)
      parts.push(...(await Promise.all(BUNDLE_PARTS.map(makePart))));
    else for (const part of BUNDLE_PARTS) parts.push(await makePart(part));
    const files = parts.flat();
    return run<Uint8Array>(
      { kind: 'bundle-assembly', files, options },
      files.map((file) => file.content.buffer as ArrayBuffer),
    );
  }

  /** Stops a running export of this person; false when there is none by that id. */
  cancel(userId: string, exportId: string): boolean {
    const running = this.running.get(exportId);
    if (!running || running.userId !== userId) return false;
    running.controller.abort();
    return true;
  }

  /** Ids of the exports running now (for tests and metrics). */
  runningExports(): string[] {
    return [...this.running.keys()];
  }

  async onModuleDestroy(): Promise<void> {
    for (const { controller } of this.running.values()) controller.abort();
    await this.pool?.destroy();
  }

  private workers(): Piscina<ExportTask, ExportTaskResult> {
    if (this.pool) return this.pool;
    const filename =
      this.config.exportWorkerFile ?? join(__dirname, 'export-worker.js');
    if (!existsSync(filename)) {
      throw new Error(
        `The export worker is missing at ${filename}: build the api (npx nx run api:build), whose webpack config bundles it beside main.js.`,
      );
    }
    const threads = this.config.exportThreads ?? exportThreads();
    this.pool = new Piscina<ExportTask, ExportTaskResult>({
      filename,
      minThreads: 1,
      maxThreads: threads,
      maxQueue: 'auto',
      // Threads beyond the first go soon after the exports, and their memory with them.
      idleTimeout: 20_000,
      // A model too large for this heap fails its export (503), never the api.
      resourceLimits: { maxOldGenerationSizeMb: this.config.exportMemoryMb },
    });
    this.logger.log(`export workers: up to ${threads} thread(s) (${filename})`);
    return this.pool;
  }
}

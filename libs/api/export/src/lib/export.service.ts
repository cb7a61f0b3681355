import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ProblemException } from '@orca/api/core';
import { ChangePipeline } from '@orca/api/model';
import { ProjectsService } from '@orca/api/projects';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Subject } from 'rxjs';
import {
  type ExportFormat,
  exportFileName,
  FORMAT_DESCRIPTIONS,
} from './formats/catalog';
import type { ExportTask, ProgressMessage } from './worker/export-task';

export const EXPORT_OPTIONS = Symbol('EXPORT_OPTIONS');

export interface ExportModuleOptions {
  /** The bundled worker; default: `export-worker.js` beside the running bundle (dist/apps/api). */
  readonly workerFile?: string;
  /** Worker threads; default: available parallelism − 1, at least 1. */
  readonly threads?: number;
}

export interface ExportRequest {
  readonly projectId: string;
  readonly userId: string;
  readonly format: ExportFormat;
  readonly nowOnly: boolean;
  /** Chosen by the client (a UUID) to follow progress and cancel; made up when absent. */
  readonly exportId?: string;
  /** Aborted when the client goes away. */
  readonly signal?: AbortSignal;
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

/** Threads for exports: all cores but one (the event loop's), at least one. */
export function exportThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Runs exports off the event loop: every format runs in a worker thread of one pool shared by
 * the app (piscina), so a 1,000-object PDF never stalls live collaboration. Progress goes out on
 * `progress$`; an export is cancelled by `cancel()` or when its client disconnects (the worker
 * running it is stopped).
 */
@Injectable()
export class ExportService implements OnModuleDestroy {
  readonly progress$ = new Subject<ExportProgress>();
  private readonly logger = new Logger(ExportService.name);
  private readonly running = new Map<string, RunningExport>();
  private pool?: Piscina<ExportTask, Uint8Array>;

  constructor(
    @Inject(EXPORT_OPTIONS) private readonly options: ExportModuleOptions,
    private readonly pipeline: ChangePipeline,
    private readonly projects: ProjectsService,
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
    const channel = new MessageChannel();
    channel.port1.on('message', (message: ProgressMessage) =>
      emit(message.percent, 'running'),
    );
    try {
      const [{ rev, model }, project] = await Promise.all([
        this.pipeline.read(request.projectId),
        this.projects.get(request.projectId, request.userId),
      ]);
      emit(0, 'running');
      const options = {
        projectName: project.name,
        projectDescription: project.description,
        nowOnly: request.nowOnly,
        rev,
        generatedAt: new Date().toISOString(),
      };
      const bytes = await this.workers().run(
        {
          format: request.format,
          model,
          options,
          progress: channel.port2,
        },
        { transferList: [channel.port2], signal: controller.signal },
      );
      emit(100, 'done');
      return {
        exportId,
        fileName: exportFileName(
          request.format,
          project.name,
          rev,
          request.nowOnly,
        ),
        contentType: FORMAT_DESCRIPTIONS[request.format].contentType,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        rev,
      };
    } catch (error) {
      if (controller.signal.aborted) {
        emit(percent, 'cancelled');
        throw new ProblemException(
          409,
          'export_cancelled',
          'The export was cancelled',
          'Nothing was produced; ask again for a new export.',
        );
      }
      emit(percent, 'failed');
      if (error instanceof Error && /queue is at limit/i.test(error.message)) {
        throw new ProblemException(
          503,
          'export_busy',
          'Too many exports are waiting',
          'Try again in a moment.',
        );
      }
      throw error;
    } finally {
      channel.port1.close();
      request.signal?.removeEventListener('abort', abort);
      this.running.delete(exportId);
    }
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

  private workers(): Piscina<ExportTask, Uint8Array> {
    if (this.pool) return this.pool;
    const filename =
      this.options.workerFile ?? join(__dirname, 'export-worker.js');
    if (!existsSync(filename)) {
      throw new Error(
        `The export worker is missing at ${filename}: build the api (npx nx run api:build), whose webpack config bundles it beside main.js.`,
      );
    }
    const threads = this.options.threads ?? exportThreads();
    this.pool = new Piscina<ExportTask, Uint8Array>({
      filename,
      minThreads: 1,
      maxThreads: threads,
      maxQueue: 'auto',
      idleTimeout: 60_000,
    });
    this.logger.log(`export workers: up to ${threads} thread(s) (${filename})`);
    return this.pool;
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ProblemException } from '@orca/api/core';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TextFormat } from '../pipeline/prepare-text';
import type { SourceAnalysis } from '../pipeline/source-analysis';
import type { ForagingTask } from './foraging-task';

/**
 * Threads that tag research: one per core but one (the event loop keeps a core), at most two
 * (each holds compromise and, for a 1 MB text, a few hundred MB). `FORAGING_THREADS` overrides.
 */
export function foragingThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/** The `code` and `message` of what was thrown (duck-typed: a worker's errors come from another realm). */
function describeError(error: unknown): { code?: unknown; message: string } {
  if (typeof error !== 'object' || error === null) return { message: '' };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { code, message: typeof message === 'string' ? message : '' };
}

/**
 * The analysis of research texts, off the event loop: every text is tagged in a worker thread of
 * one pool (piscina) at a lower priority, so a 1 MB upload never stalls live collaboration. The
 * pool is bounded (threads and a short queue) and so is each text's time; past either the
 * person is told so (503), and the api carries on.
 */
@Injectable()
export class ForagingWorkers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ForagingWorkers');
  private pool?: Piscina<ForagingTask, SourceAnalysis>;
  private handedOver = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** compromise builds its lexicon on first use (about a second): a thread does it before serving. */
  async onModuleInit(): Promise<void> {
    if (!existsSync(this.filename())) {
      // Tests of other features boot the api without bundling the worker; foraging then says so.
      this.logger.warn(
        `The foraging worker is missing at ${this.filename()}: foraging will answer 503 until the api is built.`,
      );
      return;
    }
    await this.analyse('Gardeners book a tool for a morning.', 'text').catch(
      (error: unknown) =>
        this.logger.warn({ err: error }, 'warming the foraging worker failed'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }

  /** The pool's threads now (tests stop one mid-text to see a dying worker answered). */
  get threads(): readonly Worker[] {
    return this.pool?.threads ?? [];
  }

  /**
   * The text's analysis, made by a worker. `signal` stops it early (the client went away); it is
   * stopped anyway after FORAGING_TIMEOUT_MS, waiting for a thread included.
   */
  async analyse(
    text: string,
    format: TextFormat,
    signal?: AbortSignal,
  ): Promise<SourceAnalysis> {
    const timeout = AbortSignal.timeout(this.config.foragingTimeoutMs);
    const stop = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const analysis = this.workers().run({ text, format }, { signal: stop });
      this.handedOver++;
      try {
        return await analysis;
      } finally {
        this.handedOver--;
      }
    } catch (error) {
      throw this.problem(error, timeout, signal);
    }
  }

  /** Texts handed to the pool and not answered yet, running or waiting (tests, logs). */
  get inFlight(): number {
    return this.handedOver;
  }

  private problem(
    error: unknown,
    timeout: AbortSignal,
    signal: AbortSignal | undefined,
  ): ProblemException {
    if (error instanceof ProblemException) return error;
    const seconds = Math.round(this.config.foragingTimeoutMs / 1000);
    if (timeout.aborted)
      return new ProblemException(
        503,
        'foraging_timed_out',
        'Foraging this text took too long',
        `The server stops a foraging after ${seconds} s (waiting included), and this one was not done. Try again when fewer texts are being foraged, or split the text into smaller sources.`,
      );
    if (signal?.aborted)
      return new ProblemException(
        409,
        'foraging_cancelled',
        'The foraging was cancelled',
        'The request went away before the text was analysed; nothing was kept.',
      );
    const { code, message } = describeError(error);
    if (/queue is at limit|no task queue available/i.test(message))
      return new ProblemException(
        503,
        'foraging_busy',
        'The server is foraging other texts',
        'Too many texts are being foraged at once. Nothing was kept; try again in a moment.',
      );
    if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(message)) {
      this.logger.warn(
        `a foraging ran out of its ${this.config.foragingMemoryMb} MB`,
      );
      return new ProblemException(
        503,
        'foraging_out_of_memory',
        'This text needs more memory than the server gives one foraging',
        `Nothing was kept. Split the text into smaller sources, or ask the operator to raise FORAGING_MEMORY_MB (now ${this.config.foragingMemoryMb}).`,
      );
    }
    this.logger.error({ err: error }, 'a foraging worker failed');
    return new ProblemException(
      503,
      'foraging_failed',
      'The text could not be analysed',
      existsSync(this.filename())
        ? 'The worker that tags research stopped. Nothing was kept; try again, and if it happens again, split the text.'
        : 'The foraging worker is not installed on this server (build the api). Nothing was kept.',
    );
  }

  private filename(): string {
    return (
      this.config.foragingWorkerFile ?? join(__dirname, 'foraging-worker.js')
    );
  }

  private workers(): Piscina<ForagingTask, SourceAnalysis> {
    if (this.pool) return this.pool;
    const filename = this.filename();
    if (!existsSync(filename))
      throw new Error(
        `The foraging worker is missing at ${filename}: build the api (npx nx run api:build), whose webpack config bundles it beside main.js.`,
      );
    const threads = this.config.foragingThreads ?? foragingThreads();
    this.pool = new Piscina<ForagingTask, SourceAnalysis>({
      filename,
      minThreads: 1,
      maxThreads: threads,
      maxQueue: this.config.foragingQueue,
      // A second thread goes a minute after the rush, and its memory with it.
      idleTimeout: 60_000,
      // A text too large for this heap fails its foraging (503), never the api.
      resourceLimits: {
        maxOldGenerationSizeMb: this.config.foragingMemoryMb,
      },
    });
    // A thread that dies between texts is replaced; piscina reports it here (unheard, it would
    // stop the process).
    this.pool.on('error', (error: unknown) =>
      this.logger.error({ err: error }, 'a foraging thread failed'),
    );
    this.logger.log(
      `foraging workers: up to ${threads} thread(s), ${this.config.foragingQueue} waiting (${filename})`,
    );
    return this.pool;
  }
}

import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@orca/api/core';
import type { Cache } from 'cache-manager';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import { DataSource } from 'typeorm';

/** How an export ended. */
export type ExportOutcome = 'done' | 'cancelled' | 'failed';

/** What live collaboration has on this instance right now (read at each scrape). */
export interface CollabCounts {
  /** Sockets connected to this instance. */
  sockets: number;
  /** Projects with at least one of this instance's sockets in their room. */
  rooms: number;
}

/** The part of a `pg` pool the gauges read. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

function isPool(value: unknown): value is PoolCounts {
  const pool = value as Partial<PoolCounts> | null;
  return (
    typeof pool?.totalCount === 'number' &&
    typeof pool.idleCount === 'number' &&
    typeof pool.waitingCount === 'number'
  );
}

/** What a cache key is for: `session:…` → `session`, `token:…` → `token`. */
function cacheOf(key: string): string {
  const prefix = /^([a-z]+):/.exec(key)?.[1];
  return prefix === 'session' || prefix === 'token' ? prefix : 'other';
}

const WRAPPED = Symbol('orca:metrics');

/** Event-loop delay, memory, CPU, handles: once per process, whatever number of apps it boots. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({
      register: processRegistry,
      eventLoopMonitoringPrecision: 10,
    });
  }
  return processRegistry;
}

/**
 * The api's Prometheus metrics (decision 0027). Features record what happens through these
 * methods and never see prom-client; gauges of what exists (sockets, rooms, the database pool)
 * are read when Prometheus scrapes. One registry per app, so tests can boot several.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  private readonly registry = new Registry();
  private collab: () => CollabCounts = () => ({ sockets: 0, rooms: 0 });

  private readonly http = new Histogram({
    name: 'orca_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly committed = new Counter({
    name: 'orca_changes_committed_total',
    help: 'Changes committed to project logs (REST, sockets, import, undo), by change kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly broadcast = new Histogram({
    name: 'orca_change_broadcast_seconds',
    help: 'From a write reaching the pipeline (lock wait included) to its change:applied leaving this instance for the room',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly exportDuration = new Histogram({
    name: 'orca_export_duration_seconds',
    help: 'Exports, from request to file (or to cancellation or failure), by format and outcome',
    labelNames: ['format', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly exportFailures = new Counter({
    name: 'orca_export_failures_total',
    help: 'Exports that failed, by format and reason (out_of_memory, busy, error)',
    labelNames: ['format', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly exportsRunning = new Gauge({
    name: 'orca_exports_running',
    help: 'Exports being made on this instance now',
    registers: [this.registry],
  });
  private readonly cacheRequests = new Counter({
    name: 'orca_cache_requests_total',
    help: 'Cache reads by cache (session, token, model, other) and result (hit, miss)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
  ) {
    const sockets: Gauge = new Gauge({
      name: 'orca_collab_sockets',
      help: 'Live-collaboration sockets connected to this instance',
      registers: [this.registry],
      collect: () => {
        sockets.set(this.collab().sockets);
      },
    });
    const rooms: Gauge = new Gauge({
      name: 'orca_collab_rooms',
      help: 'Projects with at least one socket of this instance in their room',
      registers: [this.registry],
      collect: () => {
        rooms.set(this.collab().rooms);
      },
    });
    const database = this.config.databaseUrl ? 'postgresql' : 'embedded';
    const pool = () => {
      const master = (this.dataSource.driver as unknown as { master?: unknown })
        .master;
      return isPool(master) ? master : null;
    };
    const connections: Gauge<'database' | 'state'> = new Gauge({
      name: 'orca_db_pool_connections',
      help: 'Database pool connections by state (in_use, idle); the embedded database has one',
      labelNames: ['database', 'state'] as const,
      registers: [this.registry],
      collect: () => {
        const counts = pool();
        if (!counts) return;
        connections.set(
          { database, state: 'in_use' },
          counts.totalCount - counts.idleCount,
        );
        connections.set({ database, state: 'idle' }, counts.idleCount);
      },
    });
    const waiting: Gauge<'database'> = new Gauge({
      name: 'orca_db_pool_waiting',
      help: 'Queries waiting for a pooled database connection',
      labelNames: ['database'] as const,
      registers: [this.registry],
      collect: () => {
        const counts = pool();
        if (counts) waiting.set({ database }, counts.waitingCount);
      },
    });
    const max: Gauge<'database'> = new Gauge({
      name: 'orca_db_pool_max',
      help: 'Largest number of pooled database connections (DATABASE_POOL_MAX; 1 when embedded)',
      labelNames: ['database'] as const,
      registers: [this.registry],
      collect: () => {
        const counts = pool();
        if (counts?.options?.max !== undefined)
          max.set({ database }, counts.options.max);
      },
    });
  }

  /** Counts every read of the shared cache (sessions and API tokens) as a hit or a miss. */
  onModuleInit(): void {
    const cache = this.cache as Cache & { [WRAPPED]?: true };
    if (cache[WRAPPED]) return;
    const get = cache.get.bind(cache);
    cache.get = (async <T>(key: string): Promise<T | undefined> => {
      const value = await get<T>(key);
      this.cacheLookup(cacheOf(key), value !== undefined);
      return value;
    }) as Cache['get'];
    cache[WRAPPED] = true;
  }

  /** One answered HTTP request; `route` is the route template (`/api/v1/projects/:projectId`). */
  httpRequest(
    method: string,
    route: string,
    status: number,
    seconds: number,
  ): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  changeCommitted(kind: string): void {
    this.committed.inc({ kind });
  }

  changeBroadcast(seconds: number): void {
    this.broadcast.observe(seconds);
  }

  /** An export begins; call what it returns once, when it ends. */
  exportStarted(
    format: string,
  ): (outcome: ExportOutcome, reason?: string) => void {
    const stop = this.exportDuration.startTimer({ format });
    this.exportsRunning.inc();
    let ended = false;
    return (outcome, reason = 'error') => {
      if (ended) return;
      ended = true;
      stop({ outcome });
      this.exportsRunning.dec();
      if (outcome === 'failed') this.exportFailures.inc({ format, reason });
    };
  }

  cacheLookup(cache: string, hit: boolean): void {
    this.cacheRequests.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  /** Where the socket and room gauges read from (the collaboration gateway, once it starts). */
  observeCollab(read: () => CollabCounts): void {
    this.collab = read;
  }

  /** The Prometheus text exposition of this app's metrics and its process's. */
  async render(): Promise<{ contentType: string; body: string }> {
    const [own, process] = await Promise.all([
      this.registry.metrics(),
      processMetrics().metrics(),
    ]);
    return {
      contentType: this.registry.contentType,
      body: `${own}\n${process}`,
    };
  }
}

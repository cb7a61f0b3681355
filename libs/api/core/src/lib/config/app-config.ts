import { isAbsolute, resolve } from 'node:path';

/** The validated configuration of one api process. Built once at start-up from the environment. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** The origin people reach the app at; used in links (invitations) and to decide on `Secure` cookies. */
  publicUrl: string;
  /** Real PostgreSQL when set; otherwise an embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  databasePoolMax: number;
  /** Where the embedded database keeps its files; `memory://` keeps nothing (tests). */
  dataDir: string;
  redisUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  corsOrigins: string[];
  bodyLimit: string;
  /** Requests per minute to login / register, per client address (and email, for login). */
  authRateLimit: number;
  /** Events per second one live connection may send on average (bursts: twice that); more are refused. */
  socketRateLimit: number;
  invitationTtlHours: number;
  /** Where the built Angular app lives; null disables static serving (tests, api-only deployments). */
  webDistPath: string | null;
  /** Worker threads for exports; null: all cores but one (at least one). */
  exportThreads: number | null;
  /** The bundled export worker; null: `export-worker.js` beside the running bundle. */
  exportWorkerFile: string | null;
  /** Heap (old generation) each export thread may use; past it that export fails, not the api. */
  exportMemoryMb: number;
  /** Worker threads that tag foraged research; null: one per core but one, at most two (at least one). */
  foragingThreads: number | null;
  /** Foraged texts that may wait for a thread; more are refused (503 `foraging_busy`). */
  foragingQueue: number;
  /** The bundled foraging worker; null: `foraging-worker.js` beside the running bundle. */
  foragingWorkerFile: string | null;
  /** Longest a foraging may take, waiting included, before it is stopped (503 `foraging_timed_out`). */
  foragingTimeoutMs: number;
  /** Heap (old generation) each foraging thread may use; past it that text fails (503), not the api. */
  foragingMemoryMb: number;
  /** Bearer token that `GET /metrics` requires; null: no metrics endpoint (404). */
  metricsToken: string | null;
  /** How long a SIGTERM may take: drain sockets, finish writes and exports, close, exit. */
  shutdownGraceMs: number;
}

export class ConfigValidationError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

function readEnum<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigValidationError(
    name,
    `must be one of ${allowed.join(', ')} (got "${raw}")`,
  );
}

function readInt(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigValidationError(
      name,
      `must be a whole number from ${min} to ${max} (got "${raw}")`,
    );
  }
  return Number(raw);
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigValidationError(name, `must be true or false (got "${raw}")`);
}

/** A secret compared with what callers send: 16 to 256 printable characters, no spaces. */
function readToken(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  if (!/^[\x21-\x7e]{16,256}$/.test(raw)) {
    throw new ConfigValidationError(
      name,
      'must be 16 to 256 printable characters without spaces (e.g. `openssl rand -hex 32`)',
    );
  }
  return raw;
}

function readUrl(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigValidationError(
      name,
      `must be a URL such as ${protocols[0]}//host:port (got an unparsable value)`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigValidationError(
      name,
      `must use ${protocols.join(' or ')} (got "${url.protocol}")`,
    );
  }
  return raw;
}

/**
 * Reads and validates the environment. Throws a ConfigValidationError naming the first bad
 * variable; the process prints that one line and stops.
 */
export function loadAppConfig(
  env: Env = process.env,
  cwd: string = process.cwd(),
): AppConfig {
  const nodeEnv = readEnum(
    env,
    'NODE_ENV',
    ['development', 'production', 'test'] as const,
    'development',
  );
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const host = env['HOST']?.trim() || '0.0.0.0';
  const publicUrl = (
    readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ??
    `http://localhost:${port}`
  ).replace(/\/+$/, '');
  const databaseUrl = readUrl(env, 'DATABASE_URL', [
    'postgres:',
    'postgresql:',
  ]);
  const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const smtpUrl = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const rawDataDir = env['DATA_DIR']?.trim() || '.data';
  const dataDir = rawDataDir.startsWith('memory://')
    ? rawDataDir
    : isAbsolute(rawDataDir)
      ? rawDataDir
      : resolve(cwd, rawDataDir);
  const corsOrigins = (env['CORS_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigValidationError(
        'CORS_ORIGINS',
        `must be a comma-separated list of origins like https://orca.example.com (got "${origin}")`,
      );
    }
  }
  const bodyLimit = env['BODY_LIMIT']?.trim() || '5mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) {
    throw new ConfigValidationError(
      'BODY_LIMIT',
      `must be a size like 512kb or 1mb (got "${bodyLimit}")`,
    );
  }
  const webDist = env['WEB_DIST_PATH']?.trim();
  const exportThreads = env['EXPORT_THREADS']?.trim()
    ? readInt(env, 'EXPORT_THREADS', 1, 1, 64)
    : null;
  const exportWorker = env['EXPORT_WORKER_FILE']?.trim();
  const foragingWorker = env['FORAGING_WORKER_FILE']?.trim();
  return {
    nodeEnv,
    port,
    host,
    publicUrl,
    databaseUrl,
    databasePoolMax: readInt(env, 'DATABASE_POOL_MAX', 15, 1, 200),
    dataDir,
    redisUrl,
    logLevel: readEnum(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    sessionTtlHours: readInt(env, 'SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    secureCookies: readBool(
      env,
      'SECURE_COOKIES',
      publicUrl.startsWith('https:'),
    ),
    trustProxy: readBool(env, 'TRUST_PROXY', false),
    smtpUrl,
    mailFrom:
      env['MAIL_FROM']?.trim() || 'ORCA Project Builder <no-reply@orca.local>',
    corsOrigins,
    bodyLimit,
    authRateLimit: readInt(env, 'AUTH_RATE_LIMIT', 10, 1, 100000),
    socketRateLimit: readInt(env, 'SOCKET_RATE_LIMIT', 20, 1, 100000),
    invitationTtlHours: readInt(
      env,
      'INVITATION_TTL_HOURS',
      24 * 7,
      1,
      24 * 90,
    ),
    webDistPath:
      webDist === 'off' ? null : webDist ? resolve(cwd, webDist) : null,
    exportThreads,
    exportWorkerFile: exportWorker ? resolve(cwd, exportWorker) : null,
    exportMemoryMb: readInt(env, 'EXPORT_MEMORY_MB', 1024, 64, 65536),
    foragingThreads: env['FORAGING_THREADS']?.trim()
      ? readInt(env, 'FORAGING_THREADS', 1, 1, 16)
      : null,
    foragingQueue: readInt(env, 'FORAGING_QUEUE', 8, 0, 1000),
    foragingWorkerFile: foragingWorker ? resolve(cwd, foragingWorker) : null,
    foragingTimeoutMs: readInt(
      env,
      'FORAGING_TIMEOUT_MS',
      90_000,
      100,
      3_600_000,
    ),
    foragingMemoryMb: readInt(env, 'FORAGING_MEMORY_MB', 512, 16, 65536),
    metricsToken: readToken(env, 'METRICS_TOKEN'),
    // Kubernetes' default 30 s grace, less the chart's 5 s preStop sleep and a margin.
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 20_000, 1000, 600_000),
  };
}

import { ProblemException } from '../http/problem.exception';

/** Seconds a client should wait before retrying while the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** SQLSTATEs of a server that went away or is not taking connections: worth retrying, not a bug. */
const UNAVAILABLE_SQLSTATE =
  /^(08\d{3}|57P01|57P02|57P03|53300)$/; /* connection exception; admin, crash shutdown; starting up; too many connections */
const UNAVAILABLE_SYSCALL = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** What node-postgres and its pool say when a connection drops or cannot be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i;
/**
 * TypeORM releases a transaction's query runner when its connection errors; the transaction's
 * next statement then fails with this (the server has rolled the transaction back).
 */
const UNAVAILABLE_NAME = new Set(['QueryRunnerProviderAlreadyReleasedError']);

/**
 * True when an error means the database could not be reached (a restart, a failover, a network
 * cut), as TypeORM or node-postgres raise it: the request failed as a whole (a transaction that
 * lost its connection is rolled back by the server) and may be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let depth = 0, current = error; depth < 4 && current; depth++) {
    if (typeof current !== 'object') return false;
    const candidate = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code))
      return true;
    if (
      typeof candidate.name === 'string' &&
      UNAVAILABLE_NAME.has(candidate.name)
    )
      return true;
    if (
      typeof candidate.message === 'string' &&
      UNAVAILABLE_MESSAGE.test(candidate.message)
    )
      return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}

/** The answer to a request the database could not serve: 503, retryable (Retry-After). */
export function databaseUnavailable(): ProblemException {
  return new ProblemException(
    503,
    'database_unavailable',
    'The database is not reachable',
    `The request did not complete; nothing of it is half-done (changes are all or nothing). Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
  );
}

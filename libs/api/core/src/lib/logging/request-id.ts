import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger as RootLogger } from 'pino';

/** The header a proxy (nginx `$request_id`, an ingress) or a client sets to name a request. */
export const REQUEST_ID_HEADER = 'x-request-id';

const ACCEPTED_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * The request id to log under: the caller's `X-Request-Id` when it is a plain token of at most
 * 128 characters (so one id follows a request through the proxy and every replica), else a new
 * UUID.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED_ID.test(value) ? value : randomUUID();
}

/**
 * Runs `work` with a logger bound to `fields` (e.g. `{ reqId, event }`) as the current logger, as
 * nestjs-pino does for each HTTP request: every `Logger` call made while it runs (the write
 * pipeline's included) carries those fields. For work that does not start with an HTTP request,
 * such as a socket event.
 */
export function runWithLogContext<T>(
  fields: Record<string, unknown>,
  work: () => T,
): T {
  // Set once nestjs-pino's LoggerModule starts; absent in code that runs without it.
  const root: RootLogger | undefined = PinoLogger.root;
  if (!root) return work();
  return storage.run(new Store(root.child(fields)), work);
}

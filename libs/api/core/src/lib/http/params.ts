import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from './problem.exception';

/**
 * A path id that must be a UUID. A malformed id cannot name anything, so it is answered like an
 * unknown one (404 with the given code) instead of reaching the database.
 */
export function uuidParam(code: string, what: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => notFound(code, what) });
}

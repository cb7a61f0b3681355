import type { PipeTransform } from '@nestjs/common';
import { isUuid } from '@orca/shared/domain';
import { notFound } from './problem.exception';

/**
 * A path id that must be a UUID (the domain's `isUuid`, the one id rule of the app). A malformed
 * id cannot name anything, so it is answered like an unknown one (404 with the given code)
 * instead of reaching the database.
 */
export function uuidParam(
  code: string,
  what: string,
): PipeTransform<unknown, string> {
  return {
    transform(value: unknown): string {
      if (!isUuid(value)) throw notFound(code, what);
      return value;
    },
  };
}

import type { Id } from '@orca/shared/domain';

/** A fresh client-generated id for a new item. */
export function newId(): Id {
  return crypto.randomUUID();
}

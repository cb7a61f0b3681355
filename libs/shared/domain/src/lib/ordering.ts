import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { ORDER_KEY_MAX_LENGTH, type Id, type OrderKey } from './model';

/** Anything kept in an ordered list: objects, roles, attributes of an object, CTAs of a cell. */
export interface Ordered {
  readonly id: Id;
  readonly orderKey: OrderKey;
}

/**
 * A key that sorts strictly between `before` and `after` (null = the start or end of the list).
 * Throws a RangeError when `before` is not strictly below `after`.
 */
export function keyBetween(
  before: OrderKey | null,
  after: OrderKey | null,
): OrderKey {
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(
      `No order key fits between "${before}" and "${after}".`,
    );
  }
  return generateKeyBetween(before, after);
}

/** `n` ascending keys for a fresh list of n items. */
export function orderKeysFor(n: number): OrderKey[] {
  return generateNKeysBetween(null, null, n);
}

/** `n` ascending keys strictly between `before` and `after`. */
export function keysBetween(
  before: OrderKey | null,
  after: OrderKey | null,
  n: number,
): OrderKey[] {
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(
      `No order key fits between "${before}" and "${after}".`,
    );
  }
  return generateNKeysBetween(before, after, n);
}

const ORDER_KEY_CHARACTERS = /^[0-9A-Za-z]+$/;

export function isOrderKey(value: unknown): value is OrderKey {
  if (
    typeof value !== 'string' ||
    value.length > ORDER_KEY_MAX_LENGTH ||
    !ORDER_KEY_CHARACTERS.test(value)
  ) {
    return false;
  }
  try {
    // fractional-indexing validates its lower bound before using it.
    generateKeyBetween(value, null);
    return true;
  } catch {
    return false;
  }
}

/** Code-unit comparison (never locale-aware): the order fractional keys are designed for. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order key first, id second, so concurrent inserts with the same key still sort identically. */
export function compareByOrder(a: Ordered, b: Ordered): number {
  return compareStrings(a.orderKey, b.orderKey) || compareStrings(a.id, b.id);
}

/** A new array in list order. */
export function sortByOrder<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort(compareByOrder);
}

/**
 * The key that puts an item at `index` of a list (counted without the item itself, so moving
 * and inserting read the same). When the neighbours share one key — two people inserted into the
 * same gap at once — no key fits between them and the item goes right after that tied group.
 */
export function orderKeyForIndex(
  siblings: Iterable<Ordered>,
  index: number,
  movingId?: Id,
): OrderKey {
  const list = sortByOrder(
    [...siblings].filter((item) => item.id !== movingId),
  );
  const at = Math.max(0, Math.min(Math.trunc(index), list.length));
  const before = list[at - 1]?.orderKey ?? null;
  let next = at;
  while (next < list.length && list[next].orderKey === before) next++;
  const after = list[next]?.orderKey ?? null;
  return keyBetween(before, after);
}

/** The key that appends an item at the end of a list. */
export function orderKeyAtEnd(siblings: Iterable<Ordered>): OrderKey {
  const list = sortByOrder(siblings);
  return keyBetween(list.at(-1)?.orderKey ?? null, null);
}

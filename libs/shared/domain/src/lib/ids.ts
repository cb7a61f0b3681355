/**
 * The one shape of an id, on both sides: a UUID written as PostgreSQL's `uuid` columns give it
 * back and as `crypto.randomUUID()` makes it (32 lowercase hex digits in 8-4-4-4-12 groups). Any
 * other string cannot name a stored row, so it is refused where it enters (decision 0025).
 * Lowercase only: an uppercase id would be stored lowercased, and the client's copy of the model
 * would no longer match the server's.
 */
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

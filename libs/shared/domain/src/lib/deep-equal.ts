/** Structural equality of JSON-like values (what an echoed create is compared with). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  )
    return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return (
      a.length === b.length && a.every((value, i) => deepEqual(value, b[i]))
    );
  }
  const left = Object.entries(a).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  const rightSize = Object.values(right).filter(
    (value) => value !== undefined,
  ).length;
  return (
    left.length === rightSize &&
    left.every(
      ([key, value]) =>
        Object.hasOwn(right, key) && deepEqual(value, right[key]),
    )
  );
}

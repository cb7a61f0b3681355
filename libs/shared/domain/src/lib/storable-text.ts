/**
 * Text that PostgreSQL cannot keep. A NUL character is refused by `text` and `jsonb` alike, and a
 * lone UTF-16 surrogate is not Unicode at all (it becomes U+FFFD or an error on the way to the
 * database). Both are refused at the edge, naming the field, instead of failing deep inside a write.
 */

export type UnstorableReason = 'nul' | 'lone_surrogate' | 'too_deep';

export interface UnstorableText {
  /** Dotted path of the value (`name`, `change.object.synonyms.2`); a key's own path for a bad key. */
  readonly field: string;
  readonly reason: UnstorableReason;
  readonly message: string;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
export function unstorableReason(
  text: string,
): Exclude<UnstorableReason, 'too_deep'> | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

const MESSAGES: Record<UnstorableReason, (label: string) => string> = {
  nul: (label) =>
    `${label} contains a NUL character (U+0000), which cannot be stored. Remove it.`,
  lone_surrogate: (label) =>
    `${label} contains a broken character (a lone UTF-16 surrogate), which is not valid Unicode. Remove it.`,
  too_deep: (label) => `${label} is nested too deeply to be read.`,
};

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The first string (or object key) in a JSON value that cannot be stored, depth first; `root`
 * names the value itself. A value nested deeper than `maxDepth` is refused as a whole: no model
 * body comes near it, and walking it further would be work for an attacker's benefit.
 */
export function findUnstorableText(
  value: unknown,
  root = '',
  maxDepth = 64,
): UnstorableText | null {
  const visit = (
    current: unknown,
    path: string,
    depth: number,
  ): UnstorableText | null => {
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      const label = path || 'the text';
      return reason
        ? { field: label, reason, message: MESSAGES[reason](label) }
        : null;
    }
    if (typeof current !== 'object' || current === null) return null;
    if (depth >= maxDepth) {
      const label = path || 'the body';
      return {
        field: label,
        reason: 'too_deep',
        message: MESSAGES.too_deep(label),
      };
    }
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const found = visit(
          current[index],
          join(path, String(index)),
          depth + 1,
        );
        if (found) return found;
      }
      return null;
    }
    for (const [key, entry] of Object.entries(current)) {
      const field = join(path, key);
      const reason = unstorableReason(key);
      if (reason)
        return {
          field,
          reason,
          message: MESSAGES[reason](`The key of ${path || 'the body'}`),
        };
      const found = visit(entry, field, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return visit(value, root, 0);
}

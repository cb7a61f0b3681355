/**
 * Text operations on one long text field, for concurrent typing (DESIGN §4).
 *
 * An op list walks the text from the start: `retain` keeps n characters, `insert` adds a string,
 * `delete` removes n characters; whatever follows the last op is kept. Lengths count Unicode code
 * points, so a list maps one to one onto `ot-text-unicode` components (n, "str", {d: n}), the
 * maintained OT type the server may swap in.
 */
import { textLength } from './names';

export type TextOp =
  | { readonly retain: number }
  | { readonly insert: string }
  | { readonly delete: number };

/** Which side wins when both ops insert at the same place: `left` goes first. */
export type TextOpSide = 'left' | 'right';

export class TextOpsError extends Error {
  override readonly name = 'TextOpsError';
}

export function isRetain(op: TextOp): op is { readonly retain: number } {
  return 'retain' in op;
}

export function isInsert(op: TextOp): op is { readonly insert: string } {
  return 'insert' in op;
}

export function isDelete(op: TextOp): op is { readonly delete: number } {
  return 'delete' in op;
}

/** How many characters of the original text the ops walk over (retains plus deletes). */
export function textOpsBaseLength(ops: readonly TextOp[]): number {
  return ops.reduce((sum, op) => sum + (isInsert(op) ? 0 : opLength(op)), 0);
}

function opLength(op: TextOp): number {
  return isRetain(op)
    ? op.retain
    : isDelete(op)
      ? op.delete
      : textLength(op.insert);
}

/** Applies ops to a text; throws TextOpsError when they walk past its end. */
export function applyTextOps(text: string, ops: readonly TextOp[]): string {
  const characters = Array.from(text);
  if (textOpsBaseLength(ops) > characters.length) {
    throw new TextOpsError(
      `The edit covers ${textOpsBaseLength(ops)} characters but the text has ${characters.length}.`,
    );
  }
  const out: string[] = [];
  let cursor = 0;
  for (const op of ops) {
    if (isRetain(op)) {
      out.push(characters.slice(cursor, cursor + op.retain).join(''));
      cursor += op.retain;
    } else if (isDelete(op)) {
      cursor += op.delete;
    } else {
      out.push(op.insert);
    }
  }
  out.push(characters.slice(cursor).join(''));
  return out.join('');
}

/** Merges neighbours of one type, drops empty ops and the trailing retain. */
export function normalizeTextOps(ops: readonly TextOp[]): TextOp[] {
  const out: TextOp[] = [];
  for (const op of ops) {
    if (opLength(op) === 0) continue;
    const last = out.at(-1);
    if (last && isRetain(last) && isRetain(op)) {
      out[out.length - 1] = { retain: last.retain + op.retain };
    } else if (last && isDelete(last) && isDelete(op)) {
      out[out.length - 1] = { delete: last.delete + op.delete };
    } else if (last && isInsert(last) && isInsert(op)) {
      out[out.length - 1] = { insert: last.insert + op.insert };
    } else {
      out.push(op);
    }
  }
  while (out.length > 0 && isRetain(out[out.length - 1])) out.pop();
  return out;
}

/** Reads an op list piece by piece, splitting retains and deletes as needed. */
class OpCursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly ops: readonly TextOp[]) {}

  get done(): boolean {
    return this.index >= this.ops.length;
  }

  peek(): TextOp | undefined {
    return this.ops[this.index];
  }

  peekLength(): number {
    const op = this.peek();
    return op === undefined ? Infinity : opLength(op) - this.offset;
  }

  /** Takes the whole current insert, or up to `max` characters of a retain or delete. */
  take(max = Infinity): TextOp {
    const op = this.ops[this.index];
    if (isInsert(op)) {
      this.index++;
      return op;
    }
    const length = Math.min(max, opLength(op) - this.offset);
    this.offset += length;
    if (this.offset === opLength(op)) {
      this.index++;
      this.offset = 0;
    }
    return isRetain(op) ? { retain: length } : { delete: length };
  }
}

/**
 * Rewrites `a` so it applies after `b`, both made against the same text. `side` breaks the tie
 * when both insert at the same place. TP1 holds:
 * apply(apply(s, a), transform(b, a, 'right')) === apply(apply(s, b), transform(a, b, 'left')).
 */
export function transformTextOps(
  a: readonly TextOp[],
  b: readonly TextOp[],
  side: TextOpSide,
): TextOp[] {
  const out: TextOp[] = [];
  const ours = new OpCursor(a);
  const theirs = new OpCursor(b);
  while (!ours.done) {
    const mine = ours.peek();
    const other = theirs.peek();
    if (
      mine &&
      isInsert(mine) &&
      (side === 'left' || !other || !isInsert(other))
    ) {
      out.push(ours.take());
      continue;
    }
    if (other && isInsert(other)) {
      // Skip over text the other side inserted.
      out.push({ retain: opLength(theirs.take()) });
      continue;
    }
    if (theirs.done) {
      // Past the end of `b`: the text there is unchanged.
      out.push(ours.take());
      continue;
    }
    const length = Math.min(ours.peekLength(), theirs.peekLength());
    const piece = ours.take(length);
    const theirPiece = theirs.take(length);
    if (isDelete(theirPiece)) continue; // already gone: nothing left to keep or delete
    out.push(piece);
  }
  return normalizeTextOps(out);
}

/**
 * The ops that turn `before` into `after`: one replaced span between the common prefix and
 * suffix. What an editor sends after each keystroke or paste.
 */
export function diffToTextOps(before: string, after: string): TextOp[] {
  const a = Array.from(before);
  const b = Array.from(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix])
    prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  return normalizeTextOps([
    { retain: prefix },
    { delete: a.length - prefix - suffix },
    { insert: b.slice(prefix, b.length - suffix).join('') },
  ]);
}

import type { PresenceFocus, PresenceMember } from '@orca/shared/contracts';
import type { LockView } from './model-view';

/** Who else is on a cell or item, and whether one of them holds its lock. */
export interface PresenceMarks {
  readonly members: readonly PresenceMember[];
  readonly lock: LockView | null;
}

const NO_MEMBERS: readonly PresenceMember[] = [];

/** The key a focus or lock target is filed under: a matrix cell by row and column, an item by id. */
export function focusKey(focus: PresenceFocus): string | null {
  switch (focus.kind) {
    case 'nom-cell':
    case 'cta-cell':
      return focus.row !== undefined && focus.column !== undefined
        ? cellKey(focus.kind, focus.row, focus.column)
        : null;
    case 'view':
      return focus.view !== undefined ? `view|${focus.view}` : null;
    default:
      return focus.id !== undefined ? itemKey(focus.kind, focus.id) : null;
  }
}

export function cellKey(
  kind: 'nom-cell' | 'cta-cell',
  row: string,
  column: string,
): string {
  return `${kind}|${row}|${column}`;
}

export function itemKey(kind: PresenceFocus['kind'], id: string): string {
  return `${kind}|${id}`;
}

/**
 * Presence and locks filed by what they point at, leaving out the person at this screen: their
 * own focus and locks are not news to them.
 */
export class PresenceIndex {
  private readonly membersByKey = new Map<string, PresenceMember[]>();
  private readonly locksByKey = new Map<string, LockView>();

  constructor(
    presence: readonly PresenceMember[],
    locks: readonly LockView[],
    currentUserId: string | null,
  ) {
    for (const member of presence) {
      if (member.userId === currentUserId || member.focus === null) continue;
      const key = focusKey(member.focus);
      if (key === null) continue;
      const list = this.membersByKey.get(key);
      if (list) list.push(member);
      else this.membersByKey.set(key, [member]);
    }
    for (const lock of locks) {
      if (lock.holder.userId === currentUserId) continue;
      const key = focusKey(lock.target);
      if (key !== null && !this.locksByKey.has(key))
        this.locksByKey.set(key, lock);
    }
  }

  get isEmpty(): boolean {
    return this.membersByKey.size === 0 && this.locksByKey.size === 0;
  }

  /** Marks filed under any of `keys` (a cell and the item in it), or null when there are none. */
  marks(...keys: (string | null)[]): PresenceMarks | null {
    let members: PresenceMember[] | undefined;
    let lock: LockView | null = null;
    for (const key of keys) {
      if (key === null) continue;
      const found = this.membersByKey.get(key);
      if (found) {
        members ??= [];
        for (const m of found)
          if (!members.some((x) => x.userId === m.userId)) members.push(m);
      }
      lock ??= this.locksByKey.get(key) ?? null;
    }
    return members || lock ? { members: members ?? NO_MEMBERS, lock } : null;
  }
}

/** Nobody else here: what a view shows before its page tells it who is. */
export const NO_PRESENCE = new PresenceIndex([], [], null);

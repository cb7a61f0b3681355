/**
 * What the server and every client need to agree on when changes cross in flight (DESIGN §4):
 * the text ops a change applied to long-text fields (what a later text edit is transformed
 * over), rebasing a text edit over them, and the fields a change writes (for last-writer-wins
 * notices).
 */
import type { Change, TextTarget } from './changes';
import { TEXT_FIELDS } from './changes';
import { deepEqual } from './deep-equal';
import { findItem, type Id, type ItemKind, type ProjectModel } from './model';
import { diffToTextOps, type TextOp, transformTextOps } from './text-ops';

/** `<itemKind>:<id>:<field>`: one long-text field of one item. */
export type TextKey = string;

export function textKey(target: {
  itemKind: ItemKind;
  id: Id;
  field: string;
}): TextKey {
  return `${target.itemKind}:${target.id}:${target.field}`;
}

const UPDATE_KINDS = {
  'object.update': 'object',
  'relationship.update': 'relationship',
  'role.update': 'role',
  'cta.update': 'cta',
  'attribute.update': 'attribute',
} as const satisfies Partial<Record<Change['kind'], ItemKind>>;

function textOf(
  model: ProjectModel,
  itemKind: ItemKind,
  id: Id,
  field: string,
): string | null {
  const item = findItem(model, itemKind, id) as
    | Readonly<Record<string, unknown>>
    | undefined;
  const value = item?.[field];
  return typeof value === 'string' ? value : null;
}

/**
 * The text ops `change` applied to long-text fields, going from `before` to `after`: a text
 * edit's own ops, or, for an update that replaced a long text, the ops of that replacement (one
 * replaced span, so words typed elsewhere in the text survive a concurrent edit).
 */
export function textOpsOfChange(
  before: ProjectModel,
  after: ProjectModel,
  change: Change,
): Record<TextKey, TextOp[]> {
  const out: Record<TextKey, TextOp[]> = {};
  if (change.kind === 'text.edit') {
    const { itemKind, id, field } = change.target;
    const was = textOf(before, itemKind, id, field);
    const now = textOf(after, itemKind, id, field);
    if (was !== null && now !== null && was !== now)
      out[textKey(change.target)] = [...change.ops];
    return out;
  }
  if (!(change.kind in UPDATE_KINDS)) return out;
  const itemKind = UPDATE_KINDS[change.kind as keyof typeof UPDATE_KINDS];
  const { id, patch } = change as { id: Id; patch: object };
  for (const field of TEXT_FIELDS[itemKind] as readonly string[]) {
    if (!Object.hasOwn(patch, field)) continue;
    const was = textOf(before, itemKind, id, field);
    const now = textOf(after, itemKind, id, field);
    if (was !== null && now !== null && was !== now)
      out[textKey({ itemKind, id, field })] = diffToTextOps(was, now);
  }
  return out;
}

/**
 * A text edit made against an older text, rewritten to apply after `since` (the ops applied to
 * that field in the meantime, oldest first). Those came first in server order, so at the same
 * place their inserts stay before this one's.
 */
export function rebaseTextEdit<
  T extends { target: TextTarget; ops: readonly TextOp[] },
>(edit: T, since: readonly (readonly TextOp[])[]): T {
  let ops: readonly TextOp[] = edit.ops;
  for (const earlier of since) ops = transformTextOps(ops, earlier, 'right');
  return { ...edit, ops };
}

/** One field a change writes with last-writer-wins. */
export interface WrittenField {
  itemKind: ItemKind;
  id: Id;
  field: string;
}

interface Written extends WrittenField {
  value: unknown;
}

/**
 * The scalar fields a change overwrites wholesale (updates, moves, priorities): what a
 * concurrent write to the same field loses. Text edits merge, creates and deletes do not count.
 */
export function fieldsWrittenBy(change: Change): WrittenField[] {
  return writes(change).map(({ itemKind, id, field }) => ({
    itemKind,
    id,
    field,
  }));
}

function writes(change: Change): Written[] {
  if (change.kind in UPDATE_KINDS) {
    const itemKind = UPDATE_KINDS[change.kind as keyof typeof UPDATE_KINDS];
    const { id, patch } = change as {
      id: Id;
      patch: Readonly<Record<string, unknown>>;
    };
    return Object.entries(patch).map(([field, value]) => ({
      itemKind,
      id,
      field,
      value,
    }));
  }
  const optional = (
    itemKind: ItemKind,
    id: Id,
    field: string,
    value: unknown,
  ): Written[] => (value === undefined ? [] : [{ itemKind, id, field, value }]);
  switch (change.kind) {
    case 'object.move':
      return optional('object', change.id, 'orderKey', change.orderKey);
    case 'role.move':
      return optional('role', change.id, 'orderKey', change.orderKey);
    case 'attribute.move':
      return [
        ...optional('attribute', change.id, 'orderKey', change.orderKey),
        ...optional('attribute', change.id, 'objectId', change.objectId),
      ];
    case 'cta.move':
      return [
        ...optional('cta', change.id, 'orderKey', change.orderKey),
        ...optional('cta', change.id, 'roleId', change.roleId),
        ...optional('cta', change.id, 'objectId', change.objectId),
      ];
    case 'priority.set':
      return change.items.flatMap((item) => [
        ...optional(item.itemKind, item.id, 'priority', change.priority),
        ...optional(item.itemKind, item.id, 'score', change.score),
      ]);
    default:
      return [];
  }
}

/** A write of yours that someone else's later write replaced, field by field. */
export interface Overwrite extends WrittenField {
  /** The rev of the write that was replaced. */
  rev: number;
  /** Who wrote it. */
  actorId: string | null;
  clientId: string;
}

/**
 * The writes in `since` (committed after the writer's base rev, by others) whose fields `change`
 * replaces: last writer wins, and both sides are told.
 */
export function overwrittenBy(
  change: Change,
  since: readonly {
    rev: number;
    actorId: string | null;
    clientId: string;
    change: Change;
  }[],
): Overwrite[] {
  const key = (field: WrittenField) =>
    `${field.itemKind}:${field.id}:${field.field}`;
  const mine = new Map(writes(change).map((field) => [key(field), field]));
  if (mine.size === 0) return [];
  const latest = new Map<string, Overwrite>();
  for (const earlier of since) {
    for (const { value, ...field } of writes(earlier.change)) {
      const ours = mine.get(key(field));
      if (!ours) continue;
      // The same value written twice loses nothing; the latest earlier write is the one replaced.
      if (deepEqual(ours.value, value)) latest.delete(key(field));
      else
        latest.set(key(field), {
          ...field,
          rev: earlier.rev,
          actorId: earlier.actorId,
          clientId: earlier.clientId,
        });
    }
  }
  return [...latest.values()].sort((a, b) => a.rev - b.rev);
}

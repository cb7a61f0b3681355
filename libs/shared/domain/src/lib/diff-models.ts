/**
 * diffModels(a, b): what differs between two models (two snapshots, or a snapshot and now), item
 * by item and field by field, in an order that depends on the models only: sorted by what people
 * read (the label), then by id.
 */
import { deepEqual } from './deep-equal';
import { SCHEMA_OF } from './field-rules';
import { itemLabel } from './item-labels';
import {
  COLLECTION_OF,
  ITEM_KINDS,
  type Id,
  type ItemKind,
  type ItemOfKind,
  type ProjectModel,
} from './model';

/** One field of one item, before and after. */
export interface FieldDiff {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** An item present on one side only. */
export interface ItemPresence<K extends ItemKind> {
  readonly id: Id;
  /** What people call it: "Course", "Course → Lesson", "Course › Title", "Learner › Course › Enroll in". */
  readonly label: string;
  readonly item: ItemOfKind[K];
}

/** An item on both sides whose fields differ. */
export interface ItemFieldChanges {
  readonly id: Id;
  /** The label on the `b` side. */
  readonly label: string;
  /** In the order of the item's schema. */
  readonly fields: readonly FieldDiff[];
}

export interface KindDiff<K extends ItemKind> {
  readonly added: readonly ItemPresence<K>[];
  readonly removed: readonly ItemPresence<K>[];
  readonly changed: readonly ItemFieldChanges[];
}

export type ModelDiff = {
  readonly [K in ItemKind as (typeof COLLECTION_OF)[K]]: KindDiff<K>;
} & {
  readonly totals: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
  };
};

/** Everything that differs from `a` to `b`. */
export function diffModels(a: ProjectModel, b: ProjectModel): ModelDiff {
  const totals = { added: 0, removed: 0, changed: 0 };
  const kinds: Record<string, KindDiff<ItemKind>> = {};
  for (const itemKind of ITEM_KINDS) {
    const diff = diffKind(a, b, itemKind);
    totals.added += diff.added.length;
    totals.removed += diff.removed.length;
    totals.changed += diff.changed.length;
    kinds[COLLECTION_OF[itemKind]] = diff;
  }
  return { ...kinds, totals } as unknown as ModelDiff;
}

/** True when the diff holds nothing. */
export function isEmptyDiff(diff: ModelDiff): boolean {
  return (
    diff.totals.added === 0 &&
    diff.totals.removed === 0 &&
    diff.totals.changed === 0
  );
}

function diffKind<K extends ItemKind>(
  a: ProjectModel,
  b: ProjectModel,
  itemKind: K,
): KindDiff<K> {
  const inA = a[COLLECTION_OF[itemKind]] as Readonly<Record<Id, ItemOfKind[K]>>;
  const inB = b[COLLECTION_OF[itemKind]] as Readonly<Record<Id, ItemOfKind[K]>>;
  const fieldsOf = Object.keys(SCHEMA_OF[itemKind]);
  const added: ItemPresence<K>[] = [];
  const removed: ItemPresence<K>[] = [];
  const changed: ItemFieldChanges[] = [];
  for (const [id, item] of Object.entries(inB)) {
    const old = Object.hasOwn(inA, id) ? inA[id] : undefined;
    if (old === undefined) {
      added.push({ id, label: itemLabel(b, item, a), item });
      continue;
    }
    if (old === item) continue;
    const was: Readonly<Record<string, unknown>> = { ...old };
    const now: Readonly<Record<string, unknown>> = { ...item };
    const fields = fieldsOf.flatMap((field): FieldDiff[] => {
      const before = was[field];
      const after = now[field];
      return deepEqual(before, after) ? [] : [{ field, before, after }];
    });
    if (fields.length > 0)
      changed.push({ id, label: itemLabel(b, item, a), fields });
  }
  for (const [id, item] of Object.entries(inA)) {
    if (!Object.hasOwn(inB, id))
      removed.push({ id, label: itemLabel(a, item, b), item });
  }
  return {
    added: added.sort(byLabel),
    removed: removed.sort(byLabel),
    changed: changed.sort(byLabel),
  };
}

function byLabel(
  x: { label: string; id: Id },
  y: { label: string; id: Id },
): number {
  return compare(x.label, y.label) || compare(x.id, y.id);
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

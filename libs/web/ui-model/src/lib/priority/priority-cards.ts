import {
  effectivePriority,
  objectsInOrder,
  rolesInOrder,
  sortByOrder,
  type Cta,
  type Id,
  type Priority,
  type PrioritisedKind,
  type PriorityTarget,
  type ProjectModel,
  type Score,
} from '@orca/shared/domain';

/** A column of the board: a phase, or `none` for what has no priority yet. */
export type BoardColumn = Priority | 'none';
export const BOARD_COLUMNS: readonly BoardColumn[] = [
  'none',
  'now',
  'next',
  'later',
];

export interface BoardCard {
  readonly ref: PriorityTarget;
  /** `kind|id`, unique across kinds. */
  readonly key: string;
  readonly title: string;
  readonly subtitle: string;
  readonly priority: Priority | null;
  readonly score: Score | null;
  /** For a CTA or attribute without its own priority: the object's, which it follows. */
  readonly inherited: Priority | null;
  /** Drives the OOUX colour of the card. */
  readonly tone: 'object' | 'cta' | 'core' | 'metadata';
}

export function cardKey(ref: PriorityTarget): string {
  return `${ref.itemKind}|${ref.id}`;
}

/** The cards of one kind of item, in model order (objects, then roles, then ranks). */
export function boardCards(
  model: ProjectModel,
  kind: PrioritisedKind,
): BoardCard[] {
  const objects = objectsInOrder(model);
  const objectName = new Map(objects.map((o) => [o.id, o.name]));
  const card = (
    id: Id,
    title: string,
    subtitle: string,
    item: { readonly priority: Priority | null; readonly score: Score | null },
    tone: BoardCard['tone'],
  ): BoardCard => {
    const ref = { itemKind: kind, id };
    return {
      ref,
      key: cardKey(ref),
      title,
      subtitle,
      priority: item.priority,
      score: item.score,
      inherited:
        item.priority === null && kind !== 'object'
          ? effectivePriority(model, kind, id)
          : null,
      tone,
    };
  };
  switch (kind) {
    case 'object':
      return objects.map((o) => card(o.id, o.name, '', o, 'object'));
    case 'cta': {
      const roles = rolesInOrder(model);
      const roleName = new Map(roles.map((r) => [r.id, r.name]));
      const byCell = new Map<string, Cta[]>();
      for (const c of Object.values(model.ctas)) {
        const key = `${c.objectId}|${c.roleId}`;
        byCell.set(key, [...(byCell.get(key) ?? []), c]);
      }
      const byObject = objects.flatMap((o) =>
        roles.flatMap((r) => sortByOrder(byCell.get(`${o.id}|${r.id}`) ?? [])),
      );
      return byObject.map((c) =>
        card(
          c.id,
          `${c.verb} · ${objectName.get(c.objectId) ?? ''}`,
          roleName.get(c.roleId) ?? '',
          c,
          'cta',
        ),
      );
    }
    case 'attribute':
      return objects.flatMap((o) =>
        sortByOrder(
          Object.values(model.attributes).filter((a) => a.objectId === o.id),
        ).map((a) => card(a.id, a.name, o.name, a, a.kind)),
      );
  }
}

/** Cards per column, highest score first (unscored last), then in model order. */
export function columnsOf(
  cards: readonly BoardCard[],
): Record<BoardColumn, BoardCard[]> {
  const columns: Record<BoardColumn, BoardCard[]> = {
    none: [],
    now: [],
    next: [],
    later: [],
  };
  cards.forEach((c) => columns[c.priority ?? 'none'].push(c));
  const order = new Map(cards.map((c, i) => [c.key, i]));
  for (const column of BOARD_COLUMNS) {
    columns[column].sort(
      (a, b) =>
        (b.score ?? 0) - (a.score ?? 0) ||
        (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0),
    );
  }
  return columns;
}

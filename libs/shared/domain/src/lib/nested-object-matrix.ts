/** The Nested Object Matrix (NOM): every object on both axes, a cell per ordered pair. */
import type { Id, OrcaObject, ProjectModel, Relationship } from './model';
import { objectsInOrder } from './queries';

export interface NestedObjectMatrixCell {
  readonly fromObjectId: Id;
  readonly toObjectId: Id;
  /** How the row object relates to the column object; null when the cell is empty. */
  readonly relationship: Relationship | null;
  /** Whether the mirror cell (column → row) is filled: a filled cell with an empty mirror is a gap. */
  readonly reverseFilled: boolean;
}

export interface NestedObjectMatrixRow {
  readonly object: OrcaObject;
  /** One cell per object of the axis, in the same order. */
  readonly cells: readonly NestedObjectMatrixCell[];
}

export interface NestedObjectMatrix {
  /** Both axes: the objects in list order. */
  readonly objects: readonly OrcaObject[];
  readonly rows: readonly NestedObjectMatrixRow[];
}

export function buildNestedObjectMatrix(
  model: ProjectModel,
): NestedObjectMatrix {
  const objects = objectsInOrder(model);
  const byPair = new Map<string, Relationship>();
  for (const relationship of Object.values(model.relationships)) {
    byPair.set(
      pairKey(relationship.fromObjectId, relationship.toObjectId),
      relationship,
    );
  }
  const rows = objects.map((from) => ({
    object: from,
    cells: objects.map((to) => ({
      fromObjectId: from.id,
      toObjectId: to.id,
      relationship: byPair.get(pairKey(from.id, to.id)) ?? null,
      reverseFilled: byPair.has(pairKey(to.id, from.id)),
    })),
  }));
  return { objects, rows };
}

function pairKey(from: Id, to: Id): string {
  return `${from}\u0000${to}`;
}

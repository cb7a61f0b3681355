/**
 * A model under new ids, every reference following: how a snapshot becomes a new project (item ids
 * are unique across projects, so a copy never reuses the original's).
 */
import {
  COLLECTION_OF,
  ITEM_KINDS,
  type Attribute,
  type Cta,
  type Id,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
  type Role,
} from './model';

export interface FreshIds {
  readonly model: ProjectModel;
  /** Old id → new id, for every item. */
  readonly ids: ReadonlyMap<Id, Id>;
}

/** The same model with every item id replaced by `generateId()`, references rewritten to match. */
export function withFreshIds(
  model: ProjectModel,
  generateId: () => Id,
): FreshIds {
  const ids = new Map<Id, Id>();
  for (const itemKind of ITEM_KINDS) {
    for (const id of Object.keys(model[COLLECTION_OF[itemKind]]))
      ids.set(id, generateId());
  }
  const to = (id: Id): Id => ids.get(id) ?? id;
  const rekey = <T extends { readonly id: Id }>(
    collection: Readonly<Record<Id, T>>,
    rewrite: (item: T) => T,
  ): Record<Id, T> =>
    Object.fromEntries(
      Object.values(collection).map((item) => {
        const copy = rewrite(item);
        return [copy.id, copy];
      }),
    );
  return {
    ids,
    model: {
      objects: rekey(
        model.objects,
        (o): OrcaObject => ({ ...o, id: to(o.id) }),
      ),
      roles: rekey(model.roles, (r): Role => ({ ...r, id: to(r.id) })),
      relationships: rekey(
        model.relationships,
        (r): Relationship => ({
          ...r,
          id: to(r.id),
          fromObjectId: to(r.fromObjectId),
          toObjectId: to(r.toObjectId),
        }),
      ),
      attributes: rekey(
        model.attributes,
        (a): Attribute => ({
          ...a,
          id: to(a.id),
          objectId: to(a.objectId),
          referencedObjectId:
            a.referencedObjectId === null ? null : to(a.referencedObjectId),
        }),
      ),
      ctas: rekey(
        model.ctas,
        (c): Cta => ({
          ...c,
          id: to(c.id),
          roleId: to(c.roleId),
          objectId: to(c.objectId),
        }),
      ),
    },
  };
}

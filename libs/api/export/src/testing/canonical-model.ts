import {
  attributesOf,
  ctasInCell,
  type Id,
  objectsInOrder,
  type ProjectModel,
  rolesInOrder,
} from '@orca/shared/domain';

function without<T extends object, K extends keyof T>(
  item: T,
  keys: readonly K[],
): Omit<T, K> {
  const copy: Partial<T> = { ...item };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

/**
 * A model with ids and order keys replaced by names and list positions: two models are "the same
 * model" (what a person would call identical) exactly when their canonical forms are deep-equal.
 */
export function canonicalModel(model: ProjectModel) {
  const objectName = (id: Id | null) =>
    id === null ? null : (model.objects[id]?.name ?? `missing:${id}`);
  const objects = objectsInOrder(model);
  const roles = rolesInOrder(model);
  return {
    objects: objects.map((o) => without(o, ['id', 'orderKey'])),
    roles: roles.map((r) => without(r, ['id', 'orderKey'])),
    relationships: Object.values(model.relationships)
      .map((r) => ({
        ...without(r, ['id', 'fromObjectId', 'toObjectId']),
        from: objectName(r.fromObjectId),
        to: objectName(r.toObjectId),
      }))
      .sort((a, b) =>
        `${a.from}\u0000${a.to}` < `${b.from}\u0000${b.to}` ? -1 : 1,
      ),
    attributes: objects.map((object) => ({
      object: object.name,
      attributes: attributesOf(model, object.id).map((a) => ({
        ...without(a, ['id', 'objectId', 'orderKey', 'referencedObjectId']),
        reference: objectName(a.referencedObjectId),
      })),
    })),
    ctas: roles.flatMap((role) =>
      objects.map((object) => ({
        role: role.name,
        object: object.name,
        ctas: ctasInCell(model, role.id, object.id).map((c) =>
          without(c, ['id', 'roleId', 'objectId', 'orderKey']),
        ),
      })),
    ),
  };
}

/** Reading the model the way people look at it: in list order, by cell, by object. */
import type {
  Attribute,
  Cta,
  Id,
  OrcaObject,
  ProjectModel,
  Relationship,
  Role,
} from './model';
import { sortByOrder } from './ordering';

export function objectsInOrder(model: ProjectModel): OrcaObject[] {
  return sortByOrder(Object.values(model.objects));
}

export function rolesInOrder(model: ProjectModel): Role[] {
  return sortByOrder(Object.values(model.roles));
}

/** An object's attributes in force-rank order. */
export function attributesOf(model: ProjectModel, objectId: Id): Attribute[] {
  return sortByOrder(
    Object.values(model.attributes).filter((a) => a.objectId === objectId),
  );
}

/** The CTAs of one CTA Matrix cell, in order. */
export function ctasInCell(
  model: ProjectModel,
  roleId: Id,
  objectId: Id,
): Cta[] {
  return sortByOrder(
    Object.values(model.ctas).filter(
      (c) => c.roleId === roleId && c.objectId === objectId,
    ),
  );
}

/** Every CTA acting on an object, whatever the role. */
export function ctasOf(model: ProjectModel, objectId: Id): Cta[] {
  return sortByOrder(
    Object.values(model.ctas).filter((c) => c.objectId === objectId),
  );
}

/** The NOM cell (row `fromObjectId`, column `toObjectId`), if filled. */
export function relationshipBetween(
  model: ProjectModel,
  fromObjectId: Id,
  toObjectId: Id,
): Relationship | undefined {
  return Object.values(model.relationships).find(
    (r) => r.fromObjectId === fromObjectId && r.toObjectId === toObjectId,
  );
}

/** Relationships with the object at either end. */
export function relationshipsOf(
  model: ProjectModel,
  objectId: Id,
): Relationship[] {
  return Object.values(model.relationships).filter(
    (r) => r.fromObjectId === objectId || r.toObjectId === objectId,
  );
}

/**
 * Phase filters (ORCA round 3 is non-destructive: deprioritised items are filtered, never
 * deleted). A filtered model is a view: a valid ProjectModel in its own right, so the matrices,
 * checks and exports all work on it.
 */
import {
  findItem,
  type Attribute,
  type Cta,
  type Id,
  type PrioritisedKind,
  type Priority,
  type ProjectModel,
} from './model';

/**
 * The priority an item is planned for: its own, or — for a CTA or attribute left unprioritised —
 * its object's.
 */
export function effectivePriority(
  model: ProjectModel,
  itemKind: PrioritisedKind,
  id: Id,
): Priority | null {
  const item = findItem(model, itemKind, id);
  if (!item) return null;
  if (item.priority !== null || itemKind === 'object') return item.priority;
  const objectId = (item as Cta | Attribute).objectId;
  return findItem(model, 'object', objectId)?.priority ?? null;
}

/**
 * A view holding only the objects planned for one of `phases`, their relationships among
 * themselves, and the CTAs and attributes planned (or, unprioritised, inherited) for those phases.
 * Roles are kept. A reference to an object outside the view reads as unset in the view.
 */
export function filterByPriority(
  model: ProjectModel,
  phases: readonly Priority[],
): ProjectModel {
  const keep = (priority: Priority | null) =>
    priority !== null && phases.includes(priority);
  const objects = Object.fromEntries(
    Object.entries(model.objects).filter(([, o]) => keep(o.priority)),
  );
  const kept = (objectId: Id) => Object.hasOwn(objects, objectId);
  const relationships = Object.fromEntries(
    Object.entries(model.relationships).filter(
      ([, r]) => kept(r.fromObjectId) && kept(r.toObjectId),
    ),
  );
  const ctas = Object.fromEntries(
    Object.entries(model.ctas).filter(
      ([id, c]) =>
        kept(c.objectId) && keep(effectivePriority(model, 'cta', id)),
    ),
  );
  const attributes = Object.fromEntries(
    Object.entries(model.attributes)
      .filter(
        ([id, a]) =>
          kept(a.objectId) && keep(effectivePriority(model, 'attribute', id)),
      )
      .map(([id, a]): [Id, Attribute] => [
        id,
        a.referencedObjectId === null || kept(a.referencedObjectId)
          ? a
          : { ...a, referencedObjectId: null },
      ]),
  );
  return { objects, relationships, roles: model.roles, ctas, attributes };
}

/** The Now release: only what is planned for now. */
export function nowOnly(model: ProjectModel): ProjectModel {
  return filterByPriority(model, ['now']);
}

/**
 * applyChange(model, change): the one reducer of the project model, run by the server inside its
 * write transaction and by every browser for optimistic updates. Pure: the model given is never
 * mutated, and the model returned is valid whenever the model given was (an invalid change throws).
 */
import { assertNever } from './assert-never';
import type { Change, ChangeOfKind, PriorityTarget } from './changes';
import { deepEqual } from './deep-equal';
import {
  COLLECTION_OF,
  findItem,
  type Attribute,
  type Cta,
  type Id,
  type ItemKind,
  type ItemOfKind,
  type ModelItem,
  type OrcaObject,
  type ProjectModel,
} from './model';
import { sameName } from './names';
import { DomainError } from './problems';
import { applyTextOps } from './text-ops';
import {
  definedEntries,
  validateChange,
  type ValidationOptions,
} from './validation';

/** Something that happened besides the change itself, reported so people can be told. */
export type ChangeEffect =
  | {
      /** An item the change removed: the one deleted, or one that went with it. */
      readonly kind: 'removed';
      readonly reason: 'deleted' | 'cascade';
      readonly removed: ModelItem;
    }
  | {
      /** A reference attribute whose referenced object was deleted; its referencedObjectId is now null. */
      readonly kind: 'referenceCleared';
      readonly attributeId: Id;
      readonly objectId: Id;
    }
  | {
      /** A CTA whose required state no longer exists on its object; its requiredState is now null. */
      readonly kind: 'requiredStateCleared';
      readonly ctaId: Id;
      readonly state: string;
    }
  | {
      /** An item of a bulk priority change that was not there (deleted meanwhile): left out. */
      readonly kind: 'skipped';
      readonly target: PriorityTarget;
      readonly code: 'not_found' | 'item_deleted';
    };

export interface ApplyResult {
  readonly model: ProjectModel;
  /** False when the model already held the change (the echo of a create, a repeated delete…). */
  readonly changed: boolean;
  readonly effects: readonly ChangeEffect[];
}

/**
 * Applies a change, or throws a DomainError carrying every problem validateChange found.
 * When nothing changes the very same model object is returned.
 */
export function applyChange(
  model: ProjectModel,
  change: Change,
  options: ValidationOptions = {},
): ApplyResult {
  const problems = validateChange(model, change, options);
  if (problems.length > 0) throw new DomainError(problems);
  const result = reduce(model, change, options);
  return { ...result, changed: result.model !== model };
}

type Reduced = Omit<ApplyResult, 'changed'>;

function unchanged(model: ProjectModel): Reduced {
  return { model, effects: [] };
}

function reduce(
  model: ProjectModel,
  change: Change,
  options: ValidationOptions,
): Reduced {
  switch (change.kind) {
    case 'object.create':
      return create(model, 'object', change.object);
    case 'relationship.create':
      return create(model, 'relationship', change.relationship);
    case 'role.create':
      return create(model, 'role', change.role);
    case 'cta.create':
      return create(model, 'cta', change.cta);
    case 'attribute.create':
      return create(model, 'attribute', change.attribute);
    case 'object.update':
      return updateObject(model, change);
    case 'relationship.update':
      return update(model, 'relationship', change.id, change.patch);
    case 'role.update':
      return update(model, 'role', change.id, change.patch);
    case 'cta.update':
      return update(model, 'cta', change.id, change.patch);
    case 'attribute.update':
      return update(model, 'attribute', change.id, change.patch);
    case 'object.delete':
      return deleteObject(model, change.id);
    case 'relationship.delete':
      return remove(model, 'relationship', change.id);
    case 'role.delete':
      return remove(model, 'role', change.id);
    case 'cta.delete':
      return remove(model, 'cta', change.id);
    case 'attribute.delete':
      return remove(model, 'attribute', change.id);
    case 'object.move':
      return update(model, 'object', change.id, { orderKey: change.orderKey });
    case 'role.move':
      return update(model, 'role', change.id, { orderKey: change.orderKey });
    case 'cta.move':
      return moveCta(model, change);
    case 'attribute.move':
      return update(model, 'attribute', change.id, {
        orderKey: change.orderKey,
        ...definedEntries({ objectId: change.objectId }),
      });
    case 'priority.set':
      return setPriority(model, change, options);
    case 'text.edit':
      return editText(model, change);
    default:
      return assertNever(change);
  }
}

function withItems<K extends ItemKind>(
  model: ProjectModel,
  itemKind: K,
  items: readonly ItemOfKind[K][],
): ProjectModel {
  if (items.length === 0) return model;
  const key = COLLECTION_OF[itemKind];
  const collection: Record<Id, unknown> = { ...model[key] };
  for (const item of items) collection[item.id] = item;
  return { ...model, [key]: collection };
}

function withoutItems(
  model: ProjectModel,
  itemKind: ItemKind,
  ids: readonly Id[],
): ProjectModel {
  if (ids.length === 0) return model;
  const key = COLLECTION_OF[itemKind];
  const collection: Record<Id, unknown> = { ...model[key] };
  for (const id of ids) delete collection[id];
  return { ...model, [key]: collection };
}

function create<K extends ItemKind>(
  model: ProjectModel,
  itemKind: K,
  item: ItemOfKind[K],
): Reduced {
  // Validation let an existing id through only when it holds this very item: an echo.
  if (findItem(model, itemKind, item.id)) return unchanged(model);
  return { model: withItems(model, itemKind, [item]), effects: [] };
}

function update<K extends ItemKind>(
  model: ProjectModel,
  itemKind: K,
  id: Id,
  patch: Partial<ItemOfKind[K]>,
): Reduced {
  const current = findItem(model, itemKind, id) as ItemOfKind[K];
  const next = { ...current, ...definedEntries(patch) };
  if (deepEqual(current, next)) return unchanged(model);
  return { model: withItems(model, itemKind, [next]), effects: [] };
}

function byId<T extends { readonly id: Id }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** CTAs on `object` whose required state it no longer has lose that requirement. */
function clearLostStates(
  model: ProjectModel,
  ctas: readonly Cta[],
  object: OrcaObject,
): Reduced {
  const lost = ctas.filter(
    (cta) =>
      cta.requiredState !== null &&
      !object.states.some((s) => sameName(s.name, cta.requiredState ?? '')),
  );
  return {
    model: withItems(
      model,
      'cta',
      lost.map((cta) => ({ ...cta, requiredState: null })),
    ),
    effects: lost.map((cta) => ({
      kind: 'requiredStateCleared',
      ctaId: cta.id,
      state: cta.requiredState ?? '',
    })),
  };
}

function updateObject(
  model: ProjectModel,
  change: ChangeOfKind<'object.update'>,
): Reduced {
  const updated = update(model, 'object', change.id, change.patch);
  if (change.patch.states === undefined || updated.model === model)
    return updated;
  const object = findItem(updated.model, 'object', change.id) as OrcaObject;
  const ctas = byId(
    Object.values(updated.model.ctas).filter((c) => c.objectId === object.id),
  );
  return clearLostStates(updated.model, ctas, object);
}

function moveCta(
  model: ProjectModel,
  change: ChangeOfKind<'cta.move'>,
): Reduced {
  const moved = update(model, 'cta', change.id, {
    orderKey: change.orderKey,
    ...definedEntries({ roleId: change.roleId, objectId: change.objectId }),
  });
  const cta = findItem(moved.model, 'cta', change.id) as Cta;
  const object = findItem(moved.model, 'object', cta.objectId) as OrcaObject;
  return clearLostStates(moved.model, [cta], object);
}

function remove(model: ProjectModel, itemKind: ItemKind, id: Id): Reduced {
  const item = findItem(model, itemKind, id);
  if (!item) return unchanged(model);
  return {
    model: withoutItems(model, itemKind, [id]),
    effects: [
      {
        kind: 'removed',
        reason: 'deleted',
        removed: { itemKind, item } as ModelItem,
      },
    ],
  };
}

function deleteObject(model: ProjectModel, id: Id): Reduced {
  const object = findItem(model, 'object', id);
  if (!object) return unchanged(model);
  const relationships = byId(
    Object.values(model.relationships).filter(
      (r) => r.fromObjectId === id || r.toObjectId === id,
    ),
  );
  const attributes = byId(
    Object.values(model.attributes).filter((a) => a.objectId === id),
  );
  const ctas = byId(Object.values(model.ctas).filter((c) => c.objectId === id));
  const referencing = byId(
    Object.values(model.attributes).filter(
      (a) => a.objectId !== id && a.referencedObjectId === id,
    ),
  );
  let next = withoutItems(model, 'object', [id]);
  next = withoutItems(
    next,
    'relationship',
    relationships.map((r) => r.id),
  );
  next = withoutItems(
    next,
    'attribute',
    attributes.map((a) => a.id),
  );
  next = withoutItems(
    next,
    'cta',
    ctas.map((c) => c.id),
  );
  next = withItems(
    next,
    'attribute',
    referencing.map((a): Attribute => ({ ...a, referencedObjectId: null })),
  );
  const cascade = (removed: ModelItem): ChangeEffect => ({
    kind: 'removed',
    reason: 'cascade',
    removed,
  });
  return {
    model: next,
    effects: [
      {
        kind: 'removed',
        reason: 'deleted',
        removed: { itemKind: 'object', item: object },
      },
      ...relationships.map((item) =>
        cascade({ itemKind: 'relationship', item }),
      ),
      ...attributes.map((item) => cascade({ itemKind: 'attribute', item })),
      ...ctas.map((item) => cascade({ itemKind: 'cta', item })),
      ...referencing.map(
        (a): ChangeEffect => ({
          kind: 'referenceCleared',
          attributeId: a.id,
          objectId: id,
        }),
      ),
    ],
  };
}

function setPriority(
  model: ProjectModel,
  change: ChangeOfKind<'priority.set'>,
  options: ValidationOptions,
): Reduced {
  const fields = definedEntries({
    priority: change.priority,
    score: change.score,
  });
  let next = model;
  const effects: ChangeEffect[] = [];
  for (const target of change.items) {
    if (!findItem(next, target.itemKind, target.id)) {
      const code = options.deletedIds?.has(target.id)
        ? 'item_deleted'
        : 'not_found';
      effects.push({ kind: 'skipped', target, code });
      continue;
    }
    next = update(next, target.itemKind, target.id, fields).model;
  }
  return { model: next, effects };
}

function editText(
  model: ProjectModel,
  change: ChangeOfKind<'text.edit'>,
): Reduced {
  const { itemKind, id, field } = change.target;
  const item = findItem(model, itemKind, id) as unknown as Record<
    string,
    string
  >;
  return update(model, itemKind, id, {
    [field]: applyTextOps(item[field], change.ops),
  });
}

import {
  type Change,
  type ChangeEffect,
  findItem,
  type Id,
  type ItemKind,
  type ProjectModel,
  isChangeKind,
  itemName,
} from '@orca/shared/domain';

const FIELD_WORDS: Record<string, string> = {
  sip: 'SIP check',
  openQuestions: 'open questions',
  position: 'map position',
  crud: 'CRUD class',
  requiredState: 'required state',
  userStory: 'user story',
  defaultValue: 'default',
  listValues: 'values',
  referencedObjectId: 'reference',
};

const PRIORITY_WORDS = { now: 'Now', next: 'Next', later: 'Later' } as const;

/** "openQuestions" → "open questions": field names as people say them. */
export function fieldWords(field: string): string {
  return (
    FIELD_WORDS[field] ?? field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)
  );
}

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What a change did, in words for the activity feed and for notices ("added the object “Course”").
 * Names come from the model given, or from what the change removed; the actor is not included.
 * `kind` may be a log entry kind that is not a model change, such as `project.import`.
 */
export function describeChange(
  change: Change | { readonly kind: string },
  model: ProjectModel | null,
  effects: readonly ChangeEffect[] = [],
): string {
  if (!isChangeKind(change.kind)) {
    return change.kind === 'project.import'
      ? 'imported the project'
      : 'changed the model';
  }
  const known = change as Change;
  const removed = new Map<Id, string>();
  for (const effect of effects) {
    if (effect.kind !== 'removed') continue;
    const item = effect.removed.item;
    removed.set(item.id, itemName(item));
  }
  const name = <K extends ItemKind>(kind: K, id: Id): string | null => {
    const item = model ? findItem(model, kind, id) : undefined;
    return item ? itemName(item) : (removed.get(id) ?? null);
  };
  const objectName = (id: Id, fallback = 'an object') => {
    const n = name('object', id);
    return n ? `“${n}”` : fallback;
  };
  const cell = (fromId: Id, toId: Id) =>
    `${name('object', fromId) ?? '?'} → ${name('object', toId) ?? '?'}`;
  const relationshipCell = (id: Id) => {
    const r = model ? findItem(model, 'relationship', id) : undefined;
    return r
      ? `the NOM cell ${cell(r.fromObjectId, r.toObjectId)}`
      : 'a NOM cell';
  };
  /** "the CTA “enroll in”", or "a CTA" when its name is unknown. */
  const the = (kind: ItemKind, id: Id, noun: string) => {
    const n = name(kind, id);
    return n ? `the ${noun} “${n}”` : `a ${noun}`;
  };
  const fields = (patch: object) =>
    list(
      Object.entries(patch)
        .filter(([, value]) => value !== undefined)
        .map(([field]) => fieldWords(field)),
    );
  const cascade = effects.filter(
    (e) => e.kind === 'removed' && e.reason === 'cascade',
  ).length;
  const withCascade = (text: string) =>
    cascade > 0 ? `${text} (and ${plural(cascade, 'item')} with it)` : text;

  switch (known.kind) {
    case 'object.create':
      return `added the object “${known.object.name}”`;
    case 'object.update':
      return known.patch.name !== undefined
        ? `renamed an object to “${known.patch.name}”`
        : `edited the ${fields(known.patch)} of ${objectName(known.id)}`;
    case 'object.delete':
      return withCascade(`deleted the object ${objectName(known.id)}`);
    case 'object.move':
      return `reordered ${objectName(known.id)} in the object list`;
    case 'relationship.create':
      return `filled the NOM cell ${cell(known.relationship.fromObjectId, known.relationship.toObjectId)}`;
    case 'relationship.update':
      return `edited the ${fields(known.patch)} of ${relationshipCell(known.id)}`;
    case 'relationship.delete':
      return `cleared ${relationshipCell(known.id)}`;
    case 'role.create':
      return `added the role “${known.role.name}”`;
    case 'role.update':
      return known.patch.archived === true
        ? `archived ${the('role', known.id, 'role')}`
        : `edited the ${fields(known.patch)} of ${the('role', known.id, 'role')}`;
    case 'role.delete':
      return `deleted ${the('role', known.id, 'role')}`;
    case 'role.move':
      return `reordered ${the('role', known.id, 'role')}`;
    case 'cta.create': {
      const role = name('role', known.cta.roleId);
      return `added the CTA “${known.cta.verb}”${role ? ` for ${role}` : ''} on ${objectName(known.cta.objectId)}`;
    }
    case 'cta.update':
      return `edited the ${fields(known.patch)} of ${the('cta', known.id, 'CTA')}`;
    case 'cta.delete':
      return `deleted ${the('cta', known.id, 'CTA')}`;
    case 'cta.move':
      return `moved ${the('cta', known.id, 'CTA')}`;
    case 'attribute.create':
      return `added the attribute “${known.attribute.name}” to ${objectName(known.attribute.objectId)}`;
    case 'attribute.update':
      return `edited the ${fields(known.patch)} of ${the('attribute', known.id, 'attribute')}`;
    case 'attribute.delete':
      return `deleted ${the('attribute', known.id, 'attribute')}`;
    case 'attribute.move':
      return `ranked ${the('attribute', known.id, 'attribute')}`;
    case 'priority.set': {
      const [first] = known.items;
      const only =
        known.items.length === 1 ? name(first.itemKind, first.id) : null;
      const what = only ? `“${only}”` : plural(known.items.length, 'item');
      return known.priority === null
        ? `cleared the priority of ${what}`
        : `planned ${what} for ${PRIORITY_WORDS[known.priority]}`;
    }
    case 'text.edit': {
      const target = known.target;
      const owner =
        target.itemKind === 'relationship'
          ? relationshipCell(target.id)
          : the(
              target.itemKind,
              target.id,
              target.itemKind === 'cta' ? 'CTA' : target.itemKind,
            );
      return `edited the ${fieldWords(target.field)} of ${owner}`;
    }
  }
}

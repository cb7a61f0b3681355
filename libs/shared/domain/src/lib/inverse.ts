/**
 * inverseOf(before, change, result): the changes that take the model applyChange produced back to
 * `before`. The server logs them beside every change, and undo submits them as new changes.
 *
 * Only what the change actually altered is restored (a field it set to its own value is left
 * alone), so an undo overwrites as little of what others did since as it can. Text comes back as
 * text ops, which the server rebases over what was typed later like any other text edit.
 */
import type { ApplyResult } from './apply-change';
import { assertNever } from './assert-never';
import {
  TEXT_FIELDS,
  type Change,
  type ChangeOfKind,
  type PriorityTarget,
} from './changes';
import { deepEqual } from './deep-equal';
import {
  findItem,
  type Id,
  type ItemKind,
  type ItemOfKind,
  type ModelItem,
  type ProjectModel,
} from './model';
import { textLength } from './names';
import {
  diffToTextOps,
  isDelete,
  isInsert,
  normalizeTextOps,
  type TextOp,
} from './text-ops';

/**
 * The changes, in the order to apply them, that undo `change` applied to `before` (with `result`
 * what applyChange answered). Empty when the change altered nothing.
 */
export function inverseOf(
  before: ProjectModel,
  change: Change,
  result: ApplyResult,
): Change[] {
  if (!result.changed) return [];
  const after = result.model;
  switch (change.kind) {
    case 'object.create':
      return [{ kind: 'object.delete', id: change.object.id }];
    case 'relationship.create':
      return [{ kind: 'relationship.delete', id: change.relationship.id }];
    case 'role.create':
      return [{ kind: 'role.delete', id: change.role.id }];
    case 'cta.create':
      return [{ kind: 'cta.delete', id: change.cta.id }];
    case 'attribute.create':
      return [{ kind: 'attribute.delete', id: change.attribute.id }];
    case 'object.update':
      return [
        ...restoreFields(before, after, 'object', change.id, change.patch),
        ...restoreRequiredStates(before, result),
      ];
    case 'relationship.update':
      return restoreFields(
        before,
        after,
        'relationship',
        change.id,
        change.patch,
      );
    case 'role.update':
      return restoreFields(before, after, 'role', change.id, change.patch);
    case 'cta.update':
      return restoreFields(before, after, 'cta', change.id, change.patch);
    case 'attribute.update':
      return restoreFields(before, after, 'attribute', change.id, change.patch);
    case 'object.delete':
    case 'relationship.delete':
    case 'role.delete':
    case 'cta.delete':
    case 'attribute.delete':
      return recreate(before, result);
    case 'object.move':
    case 'role.move': {
      const itemKind = change.kind === 'object.move' ? 'object' : 'role';
      const was = findItem(before, itemKind, change.id);
      return was
        ? [{ kind: change.kind, id: change.id, orderKey: was.orderKey }]
        : [];
    }
    case 'attribute.move': {
      const was = findItem(before, 'attribute', change.id);
      const now = findItem(after, 'attribute', change.id);
      if (!was || !now) return [];
      return [
        {
          kind: 'attribute.move',
          id: change.id,
          orderKey: was.orderKey,
          ...(was.objectId === now.objectId ? {} : { objectId: was.objectId }),
        },
      ];
    }
    case 'cta.move':
      return moveCtaBack(before, after, change, result);
    case 'priority.set':
      return restorePriorities(before, after, change);
    case 'text.edit': {
      const { itemKind, id, field } = change.target;
      const item = findItem(before, itemKind, id) as
        | Readonly<Record<string, unknown>>
        | undefined;
      const text = item?.[field];
      if (typeof text !== 'string') return [];
      return [
        {
          kind: 'text.edit',
          target: change.target,
          ops: invertTextOps(text, change.ops),
        },
      ];
    }
    default:
      return assertNever(change);
  }
}

/**
 * The ops that undo `ops` applied to `text`: what they inserted is deleted, what they deleted is
 * typed back, at the same places.
 */
export function invertTextOps(text: string, ops: readonly TextOp[]): TextOp[] {
  const characters = Array.from(text);
  let cursor = 0;
  const out: TextOp[] = [];
  for (const op of ops) {
    if (isInsert(op)) {
      out.push({ delete: textLength(op.insert) });
    } else if (isDelete(op)) {
      out.push({
        insert: characters.slice(cursor, cursor + op.delete).join(''),
      });
      cursor += op.delete;
    } else {
      out.push({ retain: op.retain });
      cursor += op.retain;
    }
  }
  return normalizeTextOps(out);
}

const UPDATE_KIND = {
  object: 'object.update',
  relationship: 'relationship.update',
  role: 'role.update',
  cta: 'cta.update',
  attribute: 'attribute.update',
} as const satisfies Record<ItemKind, Change['kind']>;

/**
 * The previous values of the fields an update altered: long texts as text ops (so typing done
 * since survives), the rest as one update.
 */
function restoreFields(
  before: ProjectModel,
  after: ProjectModel,
  itemKind: ItemKind,
  id: Id,
  patch: object,
): Change[] {
  const was = findItem(before, itemKind, id) as
    | Readonly<Record<string, unknown>>
    | undefined;
  const now = findItem(after, itemKind, id) as
    | Readonly<Record<string, unknown>>
    | undefined;
  if (!was || !now) return [];
  const textFields: readonly string[] = TEXT_FIELDS[itemKind];
  const previous: Record<string, unknown> = {};
  const texts: Change[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || deepEqual(was[field], now[field])) continue;
    const old = was[field];
    const current = now[field];
    if (
      textFields.includes(field) &&
      typeof old === 'string' &&
      typeof current === 'string'
    ) {
      texts.push({
        kind: 'text.edit',
        target: { itemKind, id, field } as ChangeOfKind<'text.edit'>['target'],
        ops: diffToTextOps(current, old),
      });
    } else {
      previous[field] = old;
    }
  }
  const update =
    Object.keys(previous).length > 0
      ? [{ kind: UPDATE_KIND[itemKind], id, patch: previous } as Change]
      : [];
  return [...update, ...texts];
}

/** CTAs whose required state the change cleared get it back (after their object has it again). */
function restoreRequiredStates(
  before: ProjectModel,
  result: ApplyResult,
): Change[] {
  return result.effects.flatMap((effect): Change[] => {
    if (effect.kind !== 'requiredStateCleared') return [];
    const cta = findItem(before, 'cta', effect.ctaId);
    return cta && cta.requiredState !== null
      ? [
          {
            kind: 'cta.update',
            id: cta.id,
            patch: { requiredState: cta.requiredState },
          },
        ]
      : [];
  });
}

const CREATE_OF: {
  [K in ItemKind]: (item: ItemOfKind[K]) => Change;
} = {
  object: (object) => ({ kind: 'object.create', object }),
  relationship: (relationship) => ({
    kind: 'relationship.create',
    relationship,
  }),
  role: (role) => ({ kind: 'role.create', role }),
  cta: (cta) => ({ kind: 'cta.create', cta }),
  attribute: (attribute) => ({ kind: 'attribute.create', attribute }),
};

/** Parents before the items that refer to them; CTAs last. */
const RECREATE_ORDER: readonly ItemKind[] = [
  'object',
  'role',
  'relationship',
  'attribute',
  'cta',
];

/**
 * A delete undone: the item and everything its cascade took, parents first, then the references
 * the delete cleared.
 */
function recreate(before: ProjectModel, result: ApplyResult): Change[] {
  const removed: ModelItem[] = result.effects.flatMap((effect) =>
    effect.kind === 'removed' ? [effect.removed] : [],
  );
  const createsOf = (itemKind: ItemKind) =>
    removed
      .filter((entry) => entry.itemKind === itemKind)
      .map((entry) =>
        (CREATE_OF[entry.itemKind] as (item: ModelItem['item']) => Change)(
          entry.item,
        ),
      );
  const ctaRoles = removed.flatMap((entry) =>
    entry.itemKind === 'cta' ? [entry.item.roleId] : [],
  );
  const references = result.effects.flatMap((effect): Change[] =>
    effect.kind === 'referenceCleared'
      ? [
          {
            kind: 'attribute.update',
            id: effect.attributeId,
            patch: { referencedObjectId: effect.objectId },
          },
        ]
      : [],
  );
  return [
    ...RECREATE_ORDER.filter((kind) => kind !== 'cta').flatMap(createsOf),
    ...withArchivedRolesOpen(before, ctaRoles, createsOf('cta')),
    ...references,
  ];
}

function moveCtaBack(
  before: ProjectModel,
  after: ProjectModel,
  change: ChangeOfKind<'cta.move'>,
  result: ApplyResult,
): Change[] {
  const was = findItem(before, 'cta', change.id);
  const now = findItem(after, 'cta', change.id);
  if (!was || !now) return [];
  const move: Change = {
    kind: 'cta.move',
    id: change.id,
    orderKey: was.orderKey,
    ...(was.roleId === now.roleId ? {} : { roleId: was.roleId }),
    ...(was.objectId === now.objectId ? {} : { objectId: was.objectId }),
  };
  const moves =
    was.roleId === now.roleId
      ? [move]
      : withArchivedRolesOpen(before, [was.roleId], [move]);
  return [...moves, ...restoreRequiredStates(before, result)];
}

/**
 * The domain refuses to give an archived role a CTA, even one coming back: the role is reopened
 * around the changes and archived again after them.
 */
function withArchivedRolesOpen(
  model: ProjectModel,
  roleIds: readonly Id[],
  changes: Change[],
): Change[] {
  const archived = [...new Set(roleIds)]
    .filter((id) => findItem(model, 'role', id)?.archived === true)
    .sort();
  if (archived.length === 0) return changes;
  const archive = (value: boolean) =>
    archived.map(
      (id): Change => ({
        kind: 'role.update',
        id,
        patch: { archived: value },
      }),
    );
  return [...archive(false), ...changes, ...archive(true)];
}

/** Each item's previous priority (and score, when the change set one), grouped by value. */
function restorePriorities(
  before: ProjectModel,
  after: ProjectModel,
  change: ChangeOfKind<'priority.set'>,
): Change[] {
  const withScore = change.score !== undefined;
  const groups = new Map<string, PriorityTarget[]>();
  const values = new Map<
    string,
    Pick<ItemOfKind['object'], 'priority' | 'score'>
  >();
  const seen = new Set<string>();
  for (const target of change.items) {
    const key = `${target.itemKind}:${target.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const was = findItem(before, target.itemKind, target.id);
    const now = findItem(after, target.itemKind, target.id);
    if (!was || !now) continue;
    if (
      was.priority === now.priority &&
      (!withScore || was.score === now.score)
    )
      continue;
    const group = JSON.stringify([was.priority, withScore ? was.score : null]);
    const members = groups.get(group);
    const entry = { itemKind: target.itemKind, id: target.id };
    if (members) members.push(entry);
    else groups.set(group, [entry]);
    values.set(group, { priority: was.priority, score: was.score });
  }
  return [...groups.entries()].map(([group, items]): Change => {
    const value = values.get(group) as Pick<
      ItemOfKind['object'],
      'priority' | 'score'
    >;
    return {
      kind: 'priority.set',
      items,
      priority: value.priority,
      ...(withScore ? { score: value.score } : {}),
    };
  });
}

/**
 * Every edit a person can make to a project model, as one discriminated union. A change is what
 * travels over the wire (`change:submit`, `change:applied`), is logged, and is applied by
 * applyChange on the server and in every browser alike.
 *
 * Updates carry a `patch` of only the fields they set, so concurrent edits of different fields of
 * one item both survive (last writer wins per field). Order keys and cell moves change only through
 * the `*.move` kinds; long text can also change through `text.edit` ops.
 */
import type {
  Attribute,
  Cta,
  Id,
  OrcaObject,
  OrderKey,
  Priority,
  PrioritisedKind,
  Relationship,
  Role,
  Score,
} from './model';
import type { TextOp } from './text-ops';

type PatchOf<T, ReadOnly extends keyof T> = Partial<Omit<T, ReadOnly>>;

/** Fields a patch may not set, and the change that sets them instead. */
export const READ_ONLY_FIELDS = {
  object: { id: 'object.create', orderKey: 'object.move' },
  relationship: {
    id: 'relationship.create',
    fromObjectId: 'relationship.delete and relationship.create',
    toObjectId: 'relationship.delete and relationship.create',
  },
  role: { id: 'role.create', orderKey: 'role.move' },
  cta: {
    id: 'cta.create',
    roleId: 'cta.move',
    objectId: 'cta.move',
    orderKey: 'cta.move',
  },
  attribute: {
    id: 'attribute.create',
    objectId: 'attribute.move',
    orderKey: 'attribute.move',
  },
} as const;

export type ObjectPatch = PatchOf<
  OrcaObject,
  keyof (typeof READ_ONLY_FIELDS)['object']
>;
export type RelationshipPatch = PatchOf<
  Relationship,
  keyof (typeof READ_ONLY_FIELDS)['relationship']
>;
export type RolePatch = PatchOf<Role, keyof (typeof READ_ONLY_FIELDS)['role']>;
export type CtaPatch = PatchOf<Cta, keyof (typeof READ_ONLY_FIELDS)['cta']>;
export type AttributePatch = PatchOf<
  Attribute,
  keyof (typeof READ_ONLY_FIELDS)['attribute']
>;

/** The long text fields that take `text.edit` ops, per kind of item. */
export const TEXT_FIELDS = {
  object: ['definition'],
  relationship: ['mechanics', 'dependency', 'notes'],
  role: ['description'],
  cta: ['preconditions', 'postconditions', 'userStory'],
  attribute: ['description'],
} as const satisfies {
  object: readonly (keyof OrcaObject)[];
  relationship: readonly (keyof Relationship)[];
  role: readonly (keyof Role)[];
  cta: readonly (keyof Cta)[];
  attribute: readonly (keyof Attribute)[];
};

export type TextField<K extends keyof typeof TEXT_FIELDS> =
  (typeof TEXT_FIELDS)[K][number];

/** One long text field of one item. */
export type TextTarget = {
  [K in keyof typeof TEXT_FIELDS]: {
    readonly itemKind: K;
    readonly id: Id;
    readonly field: TextField<K>;
  };
}[keyof typeof TEXT_FIELDS];

export interface PriorityTarget {
  readonly itemKind: PrioritisedKind;
  readonly id: Id;
}

export type Change =
  | { readonly kind: 'object.create'; readonly object: OrcaObject }
  | {
      readonly kind: 'object.update';
      readonly id: Id;
      readonly patch: ObjectPatch;
    }
  /** Also removes the object's relationships, attributes and CTAs, and clears references to it. */
  | { readonly kind: 'object.delete'; readonly id: Id }
  | {
      readonly kind: 'object.move';
      readonly id: Id;
      readonly orderKey: OrderKey;
    }
  | {
      readonly kind: 'relationship.create';
      readonly relationship: Relationship;
    }
  | {
      readonly kind: 'relationship.update';
      readonly id: Id;
      readonly patch: RelationshipPatch;
    }
  | { readonly kind: 'relationship.delete'; readonly id: Id }
  | { readonly kind: 'role.create'; readonly role: Role }
  | { readonly kind: 'role.update'; readonly id: Id; readonly patch: RolePatch }
  /** Refused while CTAs use the role: archive it instead. */
  | { readonly kind: 'role.delete'; readonly id: Id }
  | { readonly kind: 'role.move'; readonly id: Id; readonly orderKey: OrderKey }
  | { readonly kind: 'cta.create'; readonly cta: Cta }
  | { readonly kind: 'cta.update'; readonly id: Id; readonly patch: CtaPatch }
  | { readonly kind: 'cta.delete'; readonly id: Id }
  /** Reorders within the cell, or moves to another cell when roleId/objectId are given. */
  | {
      readonly kind: 'cta.move';
      readonly id: Id;
      readonly orderKey: OrderKey;
      readonly roleId?: Id;
      readonly objectId?: Id;
    }
  | { readonly kind: 'attribute.create'; readonly attribute: Attribute }
  | {
      readonly kind: 'attribute.update';
      readonly id: Id;
      readonly patch: AttributePatch;
    }
  | { readonly kind: 'attribute.delete'; readonly id: Id }
  /** Force-ranks within the object, or moves to another object when objectId is given. */
  | {
      readonly kind: 'attribute.move';
      readonly id: Id;
      readonly orderKey: OrderKey;
      readonly objectId?: Id;
    }
  /**
   * Sets the priority (and, when `score` is present, the score) of many items of mixed kinds.
   * Items deleted meanwhile are skipped and reported, not fatal: delete wins for them only.
   */
  | {
      readonly kind: 'priority.set';
      readonly items: readonly PriorityTarget[];
      readonly priority: Priority | null;
      readonly score?: Score | null;
    }
  | {
      readonly kind: 'text.edit';
      readonly target: TextTarget;
      readonly ops: readonly TextOp[];
    };

export type ChangeKind = Change['kind'];
export type ChangeOfKind<K extends ChangeKind> = Extract<Change, { kind: K }>;

// A record, so the compiler insists that every kind of the union is listed.
const KNOWN_KINDS: Record<ChangeKind, true> = {
  'object.create': true,
  'object.update': true,
  'object.delete': true,
  'object.move': true,
  'relationship.create': true,
  'relationship.update': true,
  'relationship.delete': true,
  'role.create': true,
  'role.update': true,
  'role.delete': true,
  'role.move': true,
  'cta.create': true,
  'cta.update': true,
  'cta.delete': true,
  'cta.move': true,
  'attribute.create': true,
  'attribute.update': true,
  'attribute.delete': true,
  'attribute.move': true,
  'priority.set': true,
  'text.edit': true,
};

export const CHANGE_KINDS = Object.keys(KNOWN_KINDS) as readonly ChangeKind[];

export function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === 'string' && Object.hasOwn(KNOWN_KINDS, value);
}

/** Most items one bulk priority change may touch. */
export const PRIORITY_SET_MAX_ITEMS = 1_000;
/** Most ops one text edit may carry. */
export const TEXT_EDIT_MAX_OPS = 1_000;

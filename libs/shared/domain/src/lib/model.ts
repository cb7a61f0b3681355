/**
 * The ORCA project model: the objects, their relationships (the Nested Object Matrix), the roles,
 * the calls-to-action (the CTA Matrix) and the attributes, as one plain, JSON-serialisable value.
 *
 * Items are kept in records keyed by id: two replicas that applied the same changes in a different
 * interleaving hold equal values, whatever order their arrays would have had. Order is explicit,
 * in fractional `orderKey`s (see ordering.ts).
 */

/** A client-generated identifier (a UUID in production). */
export type Id = string;
/** A fractional-indexing key: items of one list sort by it, ties broken by id. */
export type OrderKey = string;

export const PRIORITIES = ['now', 'next', 'later'] as const;
/** The phase an item is planned for (ORCA round 3); null means not prioritised yet. */
export type Priority = (typeof PRIORITIES)[number];

export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
/** An integer from 1 to 10 (force-rank score). */
export type Score = number;

export const CARDINALITIES = [
  'one-to-one',
  'one-to-many',
  'many-to-one',
  'many-to-many',
] as const;
export type Cardinality = (typeof CARDINALITIES)[number];

export const CRUD_CLASSES = [
  'create',
  'read',
  'update',
  'delete',
  'other',
] as const;
export type CrudClass = (typeof CRUD_CLASSES)[number];

/** Adding a type is a one-line change here; validation accepts exactly this list. */
export const ATTRIBUTE_TYPES = [
  'text',
  'number',
  'date',
  'boolean',
  'image',
  'list',
  'reference',
  'rich-text',
  'url',
  'email',
  'currency',
  'duration',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Core content is what the object is about; metadata is what people sort and filter by. */
export const ATTRIBUTE_KINDS = ['core', 'metadata'] as const;
export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];

export const SIP_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type SipAnswer = (typeof SIP_ANSWERS)[number];
/** Structure (has attributes?), Instances (can you name examples?), Purpose (does it matter?). */
export const SIP_QUESTIONS = ['structure', 'instances', 'purpose'] as const;
export type SipQuestion = (typeof SIP_QUESTIONS)[number];

export interface SipEntry {
  /** null until the team has answered the question. */
  readonly answer: SipAnswer | null;
  readonly note: string;
}

export type SipCheck = { readonly [Q in SipQuestion]: SipEntry };

export interface ObjectState {
  readonly name: string;
  readonly description: string;
  /** Names of the states this one can move to (each must be a state of the same object). */
  readonly transitions: readonly string[];
}

export interface MapPosition {
  readonly x: number;
  readonly y: number;
}

/** An Object Guide entry. Called OrcaObject because `Object` is JavaScript's own. */
export interface OrcaObject {
  readonly id: Id;
  readonly name: string;
  /** Markdown. */
  readonly definition: string;
  readonly synonyms: readonly string[];
  readonly examples: readonly string[];
  /** In lifecycle order: the first state is where a new instance starts. */
  readonly states: readonly ObjectState[];
  readonly sip: SipCheck;
  readonly openQuestions: readonly string[];
  readonly priority: Priority | null;
  readonly score: Score | null;
  readonly orderKey: OrderKey;
  /** Position on the Object Map; null lets the map lay the object out. */
  readonly position: MapPosition | null;
}

/** A filled cell (row `fromObjectId`, column `toObjectId`) of the Nested Object Matrix. */
export interface Relationship {
  readonly id: Id;
  readonly fromObjectId: Id;
  readonly toObjectId: Id;
  /** The phrase read from row to column: "has many", "belongs to". */
  readonly label: string;
  readonly cardinality: Cardinality;
  /** True when every `from` instance must have at least one `to`. */
  readonly required: boolean;
  /** MCSFD: Mechanics, (Cardinality), Sort, Filter, Dependency. */
  readonly mechanics: string;
  readonly sort: string;
  readonly filter: string;
  readonly dependency: string;
  readonly notes: string;
}

export interface Role {
  readonly id: Id;
  readonly name: string;
  readonly description: string;
  /** Roles that CTAs use are archived rather than deleted. */
  readonly archived: boolean;
  readonly orderKey: OrderKey;
}

/** One call-to-action in the CTA Matrix cell (roleId × objectId); a cell holds several. */
export interface Cta {
  readonly id: Id;
  readonly roleId: Id;
  readonly objectId: Id;
  readonly verb: string;
  readonly crud: CrudClass;
  readonly primary: boolean;
  readonly preconditions: string;
  readonly postconditions: string;
  /** A state name of the CTA's object that the object must be in, or null. */
  readonly requiredState: string | null;
  readonly userStory: string;
  readonly priority: Priority | null;
  readonly score: Score | null;
  /** Order within the cell. */
  readonly orderKey: OrderKey;
}

export interface Attribute {
  readonly id: Id;
  readonly objectId: Id;
  readonly name: string;
  readonly type: AttributeType;
  readonly kind: AttributeKind;
  readonly required: boolean;
  readonly defaultValue: string | null;
  /** The allowed values when `type` is `list`; kept (and ignored) for other types. */
  readonly listValues: readonly string[];
  /** The object referred to; only a `reference` attribute may set it. */
  readonly referencedObjectId: Id | null;
  readonly description: string;
  /** Where the content comes from: "user enters", "system computes", "CMS"… */
  readonly source: string;
  /** Who may see it: "public", "owner and admins"… */
  readonly visibility: string;
  readonly priority: Priority | null;
  readonly score: Score | null;
  /** Force-rank within the object. */
  readonly orderKey: OrderKey;
}

export interface ProjectModel {
  readonly objects: Readonly<Record<Id, OrcaObject>>;
  readonly relationships: Readonly<Record<Id, Relationship>>;
  readonly roles: Readonly<Record<Id, Role>>;
  readonly ctas: Readonly<Record<Id, Cta>>;
  readonly attributes: Readonly<Record<Id, Attribute>>;
}

export const ITEM_KINDS = [
  'object',
  'relationship',
  'role',
  'cta',
  'attribute',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemOfKind {
  object: OrcaObject;
  relationship: Relationship;
  role: Role;
  cta: Cta;
  attribute: Attribute;
}

/** Any one item of the model, whatever its kind. */
export type AnyItem = ItemOfKind[ItemKind];

/** Where each kind of item lives in the model. */
export const COLLECTION_OF = {
  object: 'objects',
  relationship: 'relationships',
  role: 'roles',
  cta: 'ctas',
  attribute: 'attributes',
} as const satisfies Record<ItemKind, keyof ProjectModel>;

/** An item together with its kind, e.g. what a delete took with it. */
export type ModelItem = {
  [K in ItemKind]: { readonly itemKind: K; readonly item: ItemOfKind[K] };
}[ItemKind];

/** A pointer to one item of the model. */
export interface ItemRef {
  readonly itemKind: ItemKind;
  readonly id: Id;
}

/** The kinds of item that carry a priority and a score. */
export const PRIORITISED_KINDS = ['object', 'cta', 'attribute'] as const;
export type PrioritisedKind = (typeof PRIORITISED_KINDS)[number];

export const NAME_MAX_LENGTH = 120;
export const SHORT_TEXT_MAX_LENGTH = 500;
export const LONG_TEXT_MAX_LENGTH = 20_000;
export const LIST_MAX_ENTRIES = 200;
export const ORDER_KEY_MAX_LENGTH = 1_000;

export function emptyModel(): ProjectModel {
  return {
    objects: {},
    relationships: {},
    roles: {},
    ctas: {},
    attributes: {},
  };
}

/** An unanswered SIP check. */
export function emptySip(): SipCheck {
  return {
    structure: { answer: null, note: '' },
    instances: { answer: null, note: '' },
    purpose: { answer: null, note: '' },
  };
}

type Init<T, Required extends keyof T> = Pick<T, Required> & Partial<T>;

/** A new object with every field not given at its empty default. */
export function newObject(
  init: Init<OrcaObject, 'id' | 'name' | 'orderKey'>,
): OrcaObject {
  return {
    definition: '',
    synonyms: [],
    examples: [],
    states: [],
    sip: emptySip(),
    openQuestions: [],
    priority: null,
    score: null,
    position: null,
    ...init,
  };
}

export function newRelationship(
  init: Init<
    Relationship,
    'id' | 'fromObjectId' | 'toObjectId' | 'cardinality'
  >,
): Relationship {
  return {
    label: '',
    required: false,
    mechanics: '',
    sort: '',
    filter: '',
    dependency: '',
    notes: '',
    ...init,
  };
}

export function newRole(init: Init<Role, 'id' | 'name' | 'orderKey'>): Role {
  return { description: '', archived: false, ...init };
}

export function newCta(
  init: Init<Cta, 'id' | 'roleId' | 'objectId' | 'verb' | 'crud' | 'orderKey'>,
): Cta {
  return {
    primary: false,
    preconditions: '',
    postconditions: '',
    requiredState: null,
    userStory: '',
    priority: null,
    score: null,
    ...init,
  };
}

export function newAttribute(
  init: Init<Attribute, 'id' | 'objectId' | 'name' | 'type' | 'orderKey'>,
): Attribute {
  return {
    kind: 'core',
    required: false,
    defaultValue: null,
    listValues: [],
    referencedObjectId: null,
    description: '',
    source: '',
    visibility: '',
    priority: null,
    score: null,
    ...init,
  };
}

/** Looks an item up by id, never tripping over inherited properties such as `constructor`. */
export function findItem<K extends ItemKind>(
  model: ProjectModel,
  itemKind: K,
  id: Id,
): ItemOfKind[K] | undefined {
  const collection = model[COLLECTION_OF[itemKind]] as Readonly<
    Record<Id, ItemOfKind[K]>
  >;
  return Object.hasOwn(collection, id) ? collection[id] : undefined;
}

export function hasItem(
  model: ProjectModel,
  itemKind: ItemKind,
  id: Id,
): boolean {
  return findItem(model, itemKind, id) !== undefined;
}

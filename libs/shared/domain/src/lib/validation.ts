/**
 * validateChange(model, change) says everything wrong with a change before it is applied;
 * validateModel(model) says everything wrong with a whole model (an import, a restore, a row set
 * read back from the database). Both return problems, never throw, whatever JSON they are given.
 */
import { findUnstorableText } from './storable-text';
import {
  READ_ONLY_FIELDS,
  TEXT_EDIT_MAX_OPS,
  TEXT_FIELDS,
  PRIORITY_SET_MAX_ITEMS,
  isChangeKind,
  type ChangeKind,
} from './changes';
import {
  SCHEMA_OF,
  checkRecord,
  idRule,
  isPlainRecord,
  oneOfRule,
  orderKeyRule,
  priorityRule,
  scoreRule,
  type Schema,
} from './field-rules';
import {
  COLLECTION_OF,
  ITEM_KINDS,
  LONG_TEXT_MAX_LENGTH,
  PRIORITISED_KINDS,
  findItem,
  type Attribute,
  type Cta,
  type Id,
  type ItemKind,
  type ItemOfKind,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
  type Role,
} from './model';
import { normalizeName, sameName, textLength } from './names';
import { problem, type Problem } from './problems';
import { applyTextOps, textOpsBaseLength, type TextOp } from './text-ops';
import { assertNever } from './assert-never';
import { deepEqual } from './deep-equal';

export interface ValidationOptions {
  /**
   * Ids the caller knows were deleted (the server reads them from its change log). A change that
   * targets one of them is refused with `item_deleted` instead of `not_found`.
   */
  readonly deletedIds?: ReadonlySet<Id>;
}

/** Lookups over one model, each built on first use. */
class ModelIndex {
  private objectNames?: Map<string, OrcaObject[]>;
  private objectSynonyms?: Map<string, OrcaObject[]>;
  private relationshipPairs?: Map<string, Relationship[]>;
  private roleNames?: Map<string, Role[]>;
  private attributeNames?: Map<string, Attribute[]>;
  private roleUse?: Map<Id, number>;

  constructor(readonly model: ProjectModel) {}

  objectsNamed(name: string): OrcaObject[] {
    this.objectNames ??= groupBy(Object.values(this.model.objects), (o) => [
      normalizeName(o.name),
    ]);
    return this.objectNames.get(normalizeName(name)) ?? [];
  }

  objectsWithSynonym(name: string): OrcaObject[] {
    this.objectSynonyms ??= groupBy(Object.values(this.model.objects), (o) =>
      o.synonyms.map(normalizeName),
    );
    return this.objectSynonyms.get(normalizeName(name)) ?? [];
  }

  relationshipsBetween(fromObjectId: Id, toObjectId: Id): Relationship[] {
    this.relationshipPairs ??= groupBy(
      Object.values(this.model.relationships),
      (r) => [pairKey(r.fromObjectId, r.toObjectId)],
    );
    return this.relationshipPairs.get(pairKey(fromObjectId, toObjectId)) ?? [];
  }

  rolesNamed(name: string): Role[] {
    this.roleNames ??= groupBy(Object.values(this.model.roles), (r) => [
      normalizeName(r.name),
    ]);
    return this.roleNames.get(normalizeName(name)) ?? [];
  }

  attributesNamed(objectId: Id, name: string): Attribute[] {
    this.attributeNames ??= groupBy(
      Object.values(this.model.attributes),
      (a) => [pairKey(a.objectId, normalizeName(a.name))],
    );
    return (
      this.attributeNames.get(pairKey(objectId, normalizeName(name))) ?? []
    );
  }

  ctaCountOfRole(roleId: Id): number {
    if (!this.roleUse) {
      this.roleUse = new Map();
      for (const cta of Object.values(this.model.ctas)) {
        this.roleUse.set(cta.roleId, (this.roleUse.get(cta.roleId) ?? 0) + 1);
      }
    }
    return this.roleUse.get(roleId) ?? 0;
  }
}

function groupBy<T>(
  items: readonly T[],
  keysOf: (item: T) => string[],
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const bucket = map.get(key);
      if (bucket) bucket.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/** What the cross-item rules need: the model, its lookups, and how to name a field. */
interface RuleContext {
  readonly model: ProjectModel;
  readonly index: ModelIndex;
  readonly deletedIds: ReadonlySet<Id>;
  /** The path of a field of the item under test, e.g. `patch.name` or `objects.o1.name`. */
  readonly at: (field: string) => string;
  /** Whether the change touches a field; rules about untouched fields stay quiet. */
  readonly touches: (field: string) => boolean;
}

function missing(
  context: RuleContext,
  field: string,
  itemKind: ItemKind,
  id: Id,
  code: 'unknown_object' | 'unknown_role' | 'not_found',
): Problem[] {
  if (findItem(context.model, itemKind, id)) return [];
  if (context.deletedIds.has(id)) {
    return [
      problem(
        context.at(field),
        'item_deleted',
        `The ${itemKind} ${id} was deleted.`,
      ),
    ];
  }
  return [problem(context.at(field), code, `No ${itemKind} has the id ${id}.`)];
}

function objectName(model: ProjectModel, id: Id): string {
  return findItem(model, 'object', id)?.name ?? id;
}

function objectRules(context: RuleContext, object: OrcaObject): Problem[] {
  const problems: Problem[] = [];
  const others = (list: OrcaObject[]) => list.filter((o) => o.id !== object.id);
  if (context.touches('name')) {
    for (const other of others(context.index.objectsNamed(object.name))) {
      problems.push(
        problem(
          context.at('name'),
          'duplicate_name',
          `Another object is already named "${other.name}".`,
        ),
      );
    }
    for (const other of others(context.index.objectsWithSynonym(object.name))) {
      problems.push(
        problem(
          context.at('name'),
          'synonym_collision',
          `"${object.name}" is already a synonym of ${other.name}.`,
        ),
      );
    }
  }
  if (context.touches('synonyms')) {
    object.synonyms.forEach((synonym, i) => {
      const field = context.at(`synonyms[${i}]`);
      if (sameName(synonym, object.name)) return; // redundant, not ambiguous: checkModel mentions it
      for (const other of others(context.index.objectsNamed(synonym))) {
        problems.push(
          problem(
            field,
            'synonym_collision',
            `"${synonym}" is the name of another object (${other.name}).`,
          ),
        );
      }
      for (const other of others(context.index.objectsWithSynonym(synonym))) {
        problems.push(
          problem(
            field,
            'synonym_collision',
            `"${synonym}" is already a synonym of ${other.name}.`,
          ),
        );
      }
    });
  }
  return problems;
}

function relationshipRules(
  context: RuleContext,
  relationship: Relationship,
): Problem[] {
  const problems = [
    ...missing(
      context,
      'fromObjectId',
      'object',
      relationship.fromObjectId,
      'unknown_object',
    ),
    ...missing(
      context,
      'toObjectId',
      'object',
      relationship.toObjectId,
      'unknown_object',
    ),
  ];
  if (problems.length > 0 || !context.touches('fromObjectId')) return problems;
  const twins = context.index
    .relationshipsBetween(relationship.fromObjectId, relationship.toObjectId)
    .filter((r) => r.id !== relationship.id);
  if (twins.length > 0) {
    const from = objectName(context.model, relationship.fromObjectId);
    const to = objectName(context.model, relationship.toObjectId);
    problems.push(
      problem(
        context.at('toObjectId'),
        'duplicate_relationship',
        `${from} → ${to} is already filled; edit that cell instead.`,
      ),
    );
  }
  return problems;
}

function roleRules(context: RuleContext, role: Role): Problem[] {
  if (!context.touches('name')) return [];
  return context.index
    .rolesNamed(role.name)
    .filter((r) => r.id !== role.id)
    .map((other) =>
      problem(
        context.at('name'),
        'duplicate_name',
        `Another role is already named "${other.name}".`,
      ),
    );
}

function ctaRules(
  context: RuleContext,
  cta: Cta,
  options: { refuseArchivedRole: boolean },
): Problem[] {
  const problems = [
    ...missing(context, 'roleId', 'role', cta.roleId, 'unknown_role'),
    ...missing(context, 'objectId', 'object', cta.objectId, 'unknown_object'),
  ];
  const role = findItem(context.model, 'role', cta.roleId);
  if (role?.archived && options.refuseArchivedRole) {
    problems.push(
      problem(
        context.at('roleId'),
        'role_archived',
        `The role ${role.name} is archived; restore it before giving it new CTAs.`,
      ),
    );
  }
  const object = findItem(context.model, 'object', cta.objectId);
  if (
    object &&
    cta.requiredState !== null &&
    context.touches('requiredState')
  ) {
    const requiredState = cta.requiredState;
    if (!object.states.some((s) => sameName(s.name, requiredState))) {
      problems.push(
        problem(
          context.at('requiredState'),
          'unknown_state',
          `${object.name} has no state "${requiredState}".`,
        ),
      );
    }
  }
  return problems;
}

function attributeRules(context: RuleContext, attribute: Attribute): Problem[] {
  const problems = missing(
    context,
    'objectId',
    'object',
    attribute.objectId,
    'unknown_object',
  );
  if (
    problems.length === 0 &&
    (context.touches('name') || context.touches('objectId'))
  ) {
    for (const other of context.index
      .attributesNamed(attribute.objectId, attribute.name)
      .filter((a) => a.id !== attribute.id)) {
      problems.push(
        problem(
          context.at(context.touches('name') ? 'name' : 'objectId'),
          'duplicate_name',
          `${objectName(context.model, attribute.objectId)} already has an attribute named "${other.name}".`,
        ),
      );
    }
  }
  const referenced = attribute.referencedObjectId;
  if (
    referenced !== null &&
    (context.touches('referencedObjectId') || context.touches('type'))
  ) {
    if (attribute.type !== 'reference') {
      problems.push(
        context.touches('referencedObjectId')
          ? problem(
              context.at('referencedObjectId'),
              'reference_mismatch',
              `Only a reference attribute refers to an object; set type to "reference" too.`,
            )
          : problem(
              context.at('type'),
              'reference_mismatch',
              `A ${attribute.type} attribute cannot refer to an object; set referencedObjectId to null too.`,
            ),
      );
    }
    problems.push(
      ...missing(
        context,
        'referencedObjectId',
        'object',
        referenced,
        'unknown_object',
      ),
    );
  }
  return problems;
}

function itemRules(
  context: RuleContext,
  item: ModelItemValue,
  options: { refuseArchivedRole: boolean },
): Problem[] {
  switch (item.itemKind) {
    case 'object':
      return objectRules(context, item.item);
    case 'relationship':
      return relationshipRules(context, item.item);
    case 'role':
      return roleRules(context, item.item);
    case 'cta':
      return ctaRules(context, item.item, options);
    case 'attribute':
      return attributeRules(context, item.item);
  }
}

type ModelItemValue = {
  [K in ItemKind]: { itemKind: K; item: ItemOfKind[K] };
}[ItemKind];

type ItemChangeKind = Exclude<ChangeKind, 'priority.set' | 'text.edit'>;

const ITEM_KIND_OF = {
  'object.create': 'object',
  'object.update': 'object',
  'object.delete': 'object',
  'object.move': 'object',
  'relationship.create': 'relationship',
  'relationship.update': 'relationship',
  'relationship.delete': 'relationship',
  'role.create': 'role',
  'role.update': 'role',
  'role.delete': 'role',
  'role.move': 'role',
  'cta.create': 'cta',
  'cta.update': 'cta',
  'cta.delete': 'cta',
  'cta.move': 'cta',
  'attribute.create': 'attribute',
  'attribute.update': 'attribute',
  'attribute.delete': 'attribute',
  'attribute.move': 'attribute',
} as const satisfies Record<ItemChangeKind, ItemKind>;

const TOP_LEVEL_FIELDS: Readonly<Record<ChangeKind, readonly string[]>> = {
  'object.create': ['object'],
  'object.update': ['id', 'patch'],
  'object.delete': ['id'],
  'object.move': ['id', 'orderKey'],
  'relationship.create': ['relationship'],
  'relationship.update': ['id', 'patch'],
  'relationship.delete': ['id'],
  'role.create': ['role'],
  'role.update': ['id', 'patch'],
  'role.delete': ['id'],
  'role.move': ['id', 'orderKey'],
  'cta.create': ['cta'],
  'cta.update': ['id', 'patch'],
  'cta.delete': ['id'],
  'cta.move': ['id', 'orderKey', 'roleId?', 'objectId?'],
  'attribute.create': ['attribute'],
  'attribute.update': ['id', 'patch'],
  'attribute.delete': ['id'],
  'attribute.move': ['id', 'orderKey', 'objectId?'],
  'priority.set': ['items', 'priority', 'score?'],
  'text.edit': ['target', 'ops'],
};

/** Unknown and missing top-level fields of a change. */
function checkEnvelope(
  change: Record<string, unknown>,
  kind: ChangeKind,
): Problem[] {
  const fields = TOP_LEVEL_FIELDS[kind];
  const known = new Set(['kind', ...fields.map((f) => f.replace('?', ''))]);
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined && !known.has(key)) {
      problems.push(
        problem(key, 'unknown_field', `${key} is not a field of ${kind}.`),
      );
    }
  }
  for (const field of fields) {
    if (!field.endsWith('?') && change[field] === undefined) {
      problems.push(problem(field, 'required', `${field} is required.`));
    }
  }
  return problems;
}

/**
 * Everything wrong with a change against a model, or an empty list. Accepts any value, so the
 * server can hand it parsed JSON as it arrives.
 */
export function validateChange(
  model: ProjectModel,
  change: unknown,
  options: ValidationOptions = {},
): Problem[] {
  if (!isPlainRecord(change)) {
    return [
      problem(
        'kind',
        'invalid_type',
        'A change must be an object with a kind.',
      ),
    ];
  }
  const kind = change['kind'];
  if (!isChangeKind(kind)) {
    return [
      problem(
        'kind',
        'unknown_change_kind',
        `${typeof kind === 'string' ? `"${kind}"` : 'kind'} is not a known kind of change.`,
      ),
    ];
  }
  const envelope = checkEnvelope(change, kind);
  if (envelope.length > 0) return envelope;
  // Whatever the transport: a socket's change never passed the HTTP body check.
  const unstorable = findUnstorableText(change);
  if (unstorable)
    return [problem(unstorable.field, 'unstorable_text', unstorable.message)];
  const base = {
    model,
    index: new ModelIndex(model),
    deletedIds: options.deletedIds ?? new Set<Id>(),
  };
  switch (kind) {
    case 'object.create':
    case 'relationship.create':
    case 'role.create':
    case 'cta.create':
    case 'attribute.create': {
      // A create carries its item under the item's kind: {kind: 'cta.create', cta: {…}}.
      const itemKind = ITEM_KIND_OF[kind];
      return validateCreate(base, itemKind, change[itemKind]);
    }
    case 'object.update':
    case 'relationship.update':
    case 'role.update':
    case 'cta.update':
    case 'attribute.update':
      return validateUpdate(
        base,
        ITEM_KIND_OF[kind],
        change['id'],
        change['patch'],
      );
    case 'object.delete':
    case 'relationship.delete':
    case 'role.delete':
    case 'cta.delete':
    case 'attribute.delete':
      return validateDelete(base, ITEM_KIND_OF[kind], change['id']);
    case 'object.move':
    case 'role.move':
    case 'cta.move':
    case 'attribute.move':
      return validateMove(base, ITEM_KIND_OF[kind], change);
    case 'priority.set':
      return validatePrioritySet(change);
    case 'text.edit':
      return validateTextEdit(base, change);
    default:
      return assertNever(kind);
  }
}

type BaseContext = Pick<RuleContext, 'model' | 'index' | 'deletedIds'>;

function validateCreate(
  context: BaseContext,
  itemKind: ItemKind,
  item: unknown,
): Problem[] {
  const prefix = itemKind;
  const shape = checkRecord(SCHEMA_OF[itemKind], item, prefix);
  if (shape.length > 0) return shape;
  const value = { itemKind, item } as ModelItemValue;
  const existing = findItem(context.model, itemKind, value.item.id);
  if (existing) {
    // The echo of a create already applied is a no-op; another item with that id is a clash.
    return deepEqual(existing, value.item)
      ? []
      : [
          problem(
            `${prefix}.id`,
            'duplicate_id',
            `Another ${itemKind} already has the id ${value.item.id}.`,
          ),
        ];
  }
  return itemRules(
    { ...context, at: (field) => `${prefix}.${field}`, touches: () => true },
    value,
    { refuseArchivedRole: true },
  );
}

function targetProblems(
  context: BaseContext,
  itemKind: ItemKind,
  id: unknown,
  field: string,
): Problem[] {
  const shape = idRule(id, field);
  if (shape.length > 0) return shape;
  return missing(
    { ...context, at: () => field, touches: () => true },
    field,
    itemKind,
    id as Id,
    'not_found',
  );
}

function validateUpdate(
  context: BaseContext,
  itemKind: ItemKind,
  id: unknown,
  patch: unknown,
): Problem[] {
  const problems = [
    ...targetProblems(context, itemKind, id, 'id'),
    ...checkRecord(SCHEMA_OF[itemKind], patch, 'patch', {
      partial: true,
      readOnly: READ_ONLY_FIELDS[itemKind],
    }),
  ];
  if (problems.length > 0) return problems;
  const current = findItem(
    context.model,
    itemKind,
    id as Id,
  ) as ItemOfKind[ItemKind];
  const changes = definedEntries(patch as Record<string, unknown>);
  const merged = {
    itemKind,
    item: { ...current, ...changes },
  } as ModelItemValue;
  return itemRules(
    {
      ...context,
      at: (field) => `patch.${field}`,
      touches: (field) => Object.hasOwn(changes, field),
    },
    merged,
    { refuseArchivedRole: false },
  );
}

function validateDelete(
  context: BaseContext,
  itemKind: ItemKind,
  id: unknown,
): Problem[] {
  const shape = idRule(id, 'id');
  if (shape.length > 0) return shape;
  const role =
    itemKind === 'role' ? findItem(context.model, 'role', id as Id) : undefined;
  const uses = role ? context.index.ctaCountOfRole(role.id) : 0;
  if (role && uses > 0) {
    return [
      problem(
        'id',
        'role_in_use',
        `${role.name} is used by ${uses} CTA${uses === 1 ? '' : 's'}; archive the role instead of deleting it.`,
      ),
    ];
  }
  // Deleting what is already gone is the echo of a delete: a no-op.
  return [];
}

function validateMove(
  context: BaseContext,
  itemKind: ItemKind,
  change: Record<string, unknown>,
): Problem[] {
  const problems = [
    ...targetProblems(context, itemKind, change['id'], 'id'),
    ...orderKeyRule(change['orderKey'], 'orderKey'),
  ];
  for (const field of ['roleId', 'objectId']) {
    if (change[field] !== undefined)
      problems.push(...idRule(change[field], field));
  }
  if (problems.length > 0) return problems;
  const id = change['id'] as Id;
  const cell = {
    ...(typeof change['roleId'] === 'string'
      ? { roleId: change['roleId'] }
      : {}),
    ...(typeof change['objectId'] === 'string'
      ? { objectId: change['objectId'] }
      : {}),
  };
  const moveContext = (touched: string[]): RuleContext => ({
    ...context,
    at: (field) => field,
    touches: (field) => touched.includes(field),
  });
  if (itemKind === 'cta') {
    const current = findItem(context.model, 'cta', id) as Cta;
    const moved: Cta = { ...current, ...cell };
    const roleChanged = moved.roleId !== current.roleId;
    return ctaRules(moveContext(Object.keys(cell)), moved, {
      refuseArchivedRole: roleChanged,
    });
  }
  if (itemKind === 'attribute') {
    const current = findItem(context.model, 'attribute', id) as Attribute;
    const moved: Attribute = { ...current, ...cell };
    return attributeRules(
      moveContext(moved.objectId === current.objectId ? [] : ['objectId']),
      moved,
    );
  }
  return [];
}

function validatePrioritySet(change: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [
    ...priorityRule(change['priority'], 'priority'),
    ...(change['score'] === undefined
      ? []
      : scoreRule(change['score'], 'score')),
  ];
  const items = change['items'];
  if (!Array.isArray(items)) {
    problems.push(
      problem(
        'items',
        'invalid_type',
        'items must be a list of {itemKind, id}.',
      ),
    );
  } else if (items.length === 0) {
    problems.push(
      problem('items', 'empty', 'items must name at least one item.'),
    );
  } else if (items.length > PRIORITY_SET_MAX_ITEMS) {
    problems.push(
      problem(
        'items',
        'too_many',
        `items may hold at most ${PRIORITY_SET_MAX_ITEMS} entries.`,
      ),
    );
  } else {
    const schema: Schema = {
      itemKind: oneOfRule(PRIORITISED_KINDS),
      id: idRule,
    };
    items.forEach((item, i) =>
      problems.push(...checkRecord(schema, item, `items[${i}]`)),
    );
  }
  return problems;
}

const TEXT_OP_SCHEMAS: Readonly<Record<string, Schema>> = {
  retain: { retain: positiveIntegerRule },
  delete: { delete: positiveIntegerRule },
  insert: { insert: nonEmptyStringRule },
};

function positiveIntegerRule(value: unknown, field: string): Problem[] {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? []
    : [
        problem(
          field,
          'invalid_value',
          `${field} must be a whole number above 0.`,
        ),
      ];
}

function nonEmptyStringRule(value: unknown, field: string): Problem[] {
  return typeof value === 'string' && value !== ''
    ? []
    : [problem(field, 'invalid_value', `${field} must be a non-empty text.`)];
}

/** Shape of an op list: each op is exactly one of {retain: n}, {insert: "…"}, {delete: n}. */
export function checkTextOps(ops: unknown, field: string): Problem[] {
  if (!Array.isArray(ops))
    return [
      problem(field, 'invalid_type', `${field} must be a list of text ops.`),
    ];
  if (ops.length > TEXT_EDIT_MAX_OPS) {
    return [
      problem(
        field,
        'too_many',
        `${field} may hold at most ${TEXT_EDIT_MAX_OPS} ops.`,
      ),
    ];
  }
  return ops.flatMap((op, i) => {
    const path = `${field}[${i}]`;
    const keys = isPlainRecord(op) ? Object.keys(op) : [];
    const schema = keys.length === 1 ? TEXT_OP_SCHEMAS[keys[0]] : undefined;
    return schema
      ? checkRecord(schema, op, path)
      : [
          problem(
            path,
            'invalid_value',
            `${path} must be one of {retain: n}, {insert: "…"}, {delete: n}.`,
          ),
        ];
  });
}

function validateTextEdit(
  context: BaseContext,
  change: Record<string, unknown>,
): Problem[] {
  const target = change['target'];
  const textKinds = Object.keys(TEXT_FIELDS);
  const problems = checkRecord(
    { itemKind: oneOfRule(textKinds), id: idRule, field: () => [] },
    target,
    'target',
  );
  problems.push(...checkTextOps(change['ops'], 'ops'));
  if (problems.length > 0 || !isPlainRecord(target)) return problems;
  const itemKind = target['itemKind'] as keyof typeof TEXT_FIELDS;
  const allowed: readonly string[] = TEXT_FIELDS[itemKind];
  const field = target['field'];
  if (typeof field !== 'string' || !allowed.includes(field)) {
    return [
      problem(
        'target.field',
        'invalid_value',
        `A text edit on a ${itemKind} applies to ${allowed.join(', ')}, not ${String(field)}.`,
      ),
    ];
  }
  const missingTarget = targetProblems(
    context,
    itemKind,
    target['id'],
    'target.id',
  );
  if (missingTarget.length > 0) return missingTarget;
  const item = findItem(
    context.model,
    itemKind,
    target['id'] as Id,
  ) as unknown as Record<string, string>;
  const text = item[field];
  const ops = change['ops'] as TextOp[];
  const base = textOpsBaseLength(ops);
  if (base > textLength(text)) {
    return [
      problem(
        'ops',
        'text_out_of_range',
        `The edit covers ${base} characters but ${field} has ${textLength(text)}; rebase it on the latest text.`,
      ),
    ];
  }
  const length = textLength(applyTextOps(text, ops));
  return length > LONG_TEXT_MAX_LENGTH
    ? [
        problem(
          'ops',
          'too_long',
          `${field} would be ${length} characters; at most ${LONG_TEXT_MAX_LENGTH} fit.`,
        ),
      ]
    : [];
}

/** Entries of a patch whose value is not undefined, as JSON would carry them. */
export function definedEntries<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Everything wrong with a model, each problem at `<collection>.<id>.<field>`. */
export function validateModel(model: ProjectModel): Problem[] {
  return validateModelAt(
    model,
    (itemKind, id, field) => `${COLLECTION_OF[itemKind]}.${id}.${field}`,
  );
}

/** validateModel with the caller's own naming of fields (the interchange importer names them by index). */
export function validateModelAt(
  model: ProjectModel,
  pathOf: (itemKind: ItemKind, id: Id, field: string) => string,
): Problem[] {
  const index = new ModelIndex(model);
  const problems: Problem[] = [];
  for (const itemKind of ITEM_KINDS) {
    const collection = model[COLLECTION_OF[itemKind]] as Readonly<
      Record<Id, unknown>
    >;
    for (const [id, item] of Object.entries(collection)) {
      const at = (field: string) => pathOf(itemKind, id, field);
      const shape = checkRecord(SCHEMA_OF[itemKind], item, '').map((p) => ({
        ...p,
        field: at(p.field),
      }));
      if (shape.length > 0) {
        problems.push(...shape);
        continue;
      }
      const value = { itemKind, item } as ModelItemValue;
      if (value.item.id !== id) {
        problems.push(
          problem(
            at('id'),
            'invalid_id',
            `The item is filed under ${id} but its id is ${value.item.id}.`,
          ),
        );
      }
      problems.push(
        ...itemRules(
          { model, index, deletedIds: new Set(), at, touches: () => true },
          value,
          { refuseArchivedRole: false },
        ),
      );
    }
  }
  return problems;
}

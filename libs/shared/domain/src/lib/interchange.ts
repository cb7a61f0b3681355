/**
 * The plain interchange form of a model (shared/fixtures/*.orca.json): items refer to each other
 * by readable `key`s instead of ids, lists are in order instead of carrying order keys. It is what
 * people write by hand, what the JSON export produces and what the importer takes back:
 * fromInterchange(toInterchange(m)) equals m up to ids and the spelling of order keys.
 */
import { isPlainRecord } from './field-rules';
import {
  emptySip,
  type Attribute,
  type Cta,
  type Id,
  type ItemKind,
  type MapPosition,
  type OrcaObject,
  type Priority,
  type ProjectModel,
  type Relationship,
  type Role,
  type SipCheck,
} from './model';
import { orderKeysFor, sortByOrder } from './ordering';
import { problem, type Problem } from './problems';
import { objectsInOrder, rolesInOrder } from './queries';
import { validateModelAt } from './validation';

export const INTERCHANGE_FORMAT = 'orca-project';
export const INTERCHANGE_VERSION = 1;

export interface InterchangeProject {
  readonly name: string;
  readonly description: string;
}

export interface InterchangeRole {
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly archived?: boolean;
}

export interface InterchangeState {
  readonly name: string;
  readonly description?: string;
  readonly transitions?: readonly string[];
}

export interface InterchangeObject {
  readonly key: string;
  readonly name: string;
  readonly definition?: string;
  readonly synonyms?: readonly string[];
  readonly examples?: readonly string[];
  readonly states?: readonly InterchangeState[];
  readonly priority?: Priority | null;
  readonly score?: number | null;
  readonly sip?: SipCheck;
  readonly openQuestions?: readonly string[];
  readonly position?: MapPosition | null;
}

export interface InterchangeRelationship {
  /** Object keys of the directed NOM cell. */
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly cardinality: Relationship['cardinality'];
  readonly required?: boolean;
  readonly mechanics?: string;
  readonly sort?: string;
  readonly filter?: string;
  readonly dependency?: string;
  readonly notes?: string;
}

export interface InterchangeAttribute {
  /** Key of the object the attribute belongs to. */
  readonly object: string;
  readonly name: string;
  readonly type: Attribute['type'];
  readonly kind?: Attribute['kind'];
  readonly required?: boolean;
  /** The allowed values of a list attribute. */
  readonly values?: readonly string[];
  readonly default?: string | null;
  /** Key of the object a reference attribute refers to. */
  readonly reference?: string | null;
  readonly description?: string;
  readonly source?: string;
  readonly visibility?: string;
  readonly priority?: Priority | null;
  readonly score?: number | null;
}

export interface InterchangeCta {
  readonly role: string;
  readonly object: string;
  readonly verb: string;
  readonly crud: Cta['crud'];
  readonly primary?: boolean;
  readonly preconditions?: string;
  readonly postconditions?: string;
  readonly requiredState?: string | null;
  readonly userStory?: string;
  readonly priority?: Priority | null;
  readonly score?: number | null;
}

export interface InterchangeDocument {
  readonly format: typeof INTERCHANGE_FORMAT;
  readonly version: typeof INTERCHANGE_VERSION;
  readonly project: InterchangeProject;
  readonly roles: readonly InterchangeRole[];
  readonly objects: readonly InterchangeObject[];
  readonly relationships: readonly InterchangeRelationship[];
  readonly attributes: readonly InterchangeAttribute[];
  readonly ctas: readonly InterchangeCta[];
}

export type InterchangeResult =
  | {
      readonly ok: true;
      readonly project: InterchangeProject;
      readonly model: ProjectModel;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface FromInterchangeOptions {
  /** Makes the id of each new item (crypto.randomUUID in production, a counter in tests). */
  readonly generateId: () => Id;
}

type Section = 'roles' | 'objects' | 'relationships' | 'attributes' | 'ctas';

const SECTION_FIELDS: Readonly<
  Record<Section, { all: readonly string[]; required: readonly string[] }>
> = {
  roles: {
    all: ['key', 'name', 'description', 'archived'],
    required: ['key', 'name'],
  },
  objects: {
    all: [
      'key',
      'name',
      'definition',
      'synonyms',
      'examples',
      'states',
      'priority',
      'score',
      'sip',
      'openQuestions',
      'position',
    ],
    required: ['key', 'name'],
  },
  relationships: {
    all: [
      'from',
      'to',
      'label',
      'cardinality',
      'required',
      'mechanics',
      'sort',
      'filter',
      'dependency',
      'notes',
    ],
    required: ['from', 'to', 'cardinality'],
  },
  attributes: {
    all: [
      'object',
      'name',
      'type',
      'kind',
      'required',
      'values',
      'default',
      'reference',
      'description',
      'source',
      'visibility',
      'priority',
      'score',
    ],
    required: ['object', 'name', 'type'],
  },
  ctas: {
    all: [
      'role',
      'object',
      'verb',
      'crud',
      'primary',
      'preconditions',
      'postconditions',
      'requiredState',
      'userStory',
      'priority',
      'score',
    ],
    required: ['role', 'object', 'verb', 'crud'],
  },
};

const SECTIONS = Object.keys(SECTION_FIELDS) as Section[];

/** Model field → interchange field, where they differ. */
const INTERCHANGE_FIELD: Readonly<Record<string, string>> = {
  fromObjectId: 'from',
  toObjectId: 'to',
  objectId: 'object',
  roleId: 'role',
  listValues: 'values',
  defaultValue: 'default',
  referencedObjectId: 'reference',
};

type Entry = Readonly<Record<string, unknown>>;

/** Trims a name-like value; anything not a string is left for validation to describe. */
function trimmed<T = string>(value: unknown): T {
  return (typeof value === 'string' ? value.trim() : value) as T;
}

function trimmedList(value: unknown): readonly string[] {
  return (
    Array.isArray(value) ? value.map((v) => trimmed(v)) : (value ?? [])
  ) as readonly string[];
}

function orDefault<T>(value: unknown, fallback: T): T {
  return (value === undefined ? fallback : value) as T;
}

/**
 * Turns an interchange document into a model with fresh ids and order keys following the lists'
 * order. Never stops at the first problem: every problem found comes back, each at the path of the
 * document that holds it (`relationships[2].from`).
 */
export function fromInterchange(
  input: unknown,
  options: FromInterchangeOptions,
): InterchangeResult {
  const problems: Problem[] = [];
  if (!isPlainRecord(input)) {
    return {
      ok: false,
      problems: [
        problem('', 'invalid_type', 'The document must be a JSON object.'),
      ],
    };
  }
  const known = new Set(['format', 'version', 'project', ...SECTIONS]);
  for (const key of Object.keys(input)) {
    if (!known.has(key))
      problems.push(
        problem(key, 'unknown_field', `${key} is not part of the format.`),
      );
  }
  if (
    input['format'] !== INTERCHANGE_FORMAT ||
    input['version'] !== INTERCHANGE_VERSION
  ) {
    problems.push(
      problem(
        input['format'] !== INTERCHANGE_FORMAT ? 'format' : 'version',
        'invalid_format',
        `This is not an ${INTERCHANGE_FORMAT} document of version ${INTERCHANGE_VERSION}.`,
      ),
    );
  }
  const project = readProject(input['project'], problems);

  const entries = {} as Record<Section, Entry[]>;
  for (const section of SECTIONS)
    entries[section] = readSection(input[section], section, problems);

  const generated = new Set<Id>();
  const newId = (path: string): Id | undefined => {
    const id = options.generateId();
    if (generated.has(id)) {
      problems.push(
        problem(path, 'duplicate_id', `The id generator returned ${id} twice.`),
      );
      return undefined;
    }
    generated.add(id);
    return id;
  };
  const objectIds = keyIndex(entries.objects, 'objects', newId, problems);
  const roleIds = keyIndex(entries.roles, 'roles', newId, problems);
  const resolve = (
    ids: Map<string, Id>,
    entry: Entry,
    field: string,
    path: string,
    what: string,
  ): Id | undefined => {
    const key = trimmed(entry[field]);
    const id = ids.get(key);
    if (id === undefined && typeof key === 'string') {
      problems.push(
        problem(
          `${path}.${field}`,
          'unknown_key',
          `No ${what} has the key "${key}".`,
        ),
      );
    }
    return id;
  };

  const origin = new Map<string, string>();
  const remember = (itemKind: ItemKind, id: Id, path: string) =>
    origin.set(`${itemKind}:${id}`, path);
  const model = {
    objects: {} as Record<Id, OrcaObject>,
    relationships: {} as Record<Id, Relationship>,
    roles: {} as Record<Id, Role>,
    ctas: {} as Record<Id, Cta>,
    attributes: {} as Record<Id, Attribute>,
  };
  const roleKeys = orderKeysFor(entries.roles.length);
  entries.roles.forEach((entry, i) => {
    const id = roleIds.get(trimmed(entry['key']));
    if (id === undefined || model.roles[id]) return;
    remember('role', id, `roles[${i}]`);
    model.roles[id] = {
      id,
      name: trimmed(entry['name']),
      description: orDefault(entry['description'], ''),
      archived: orDefault(entry['archived'], false),
      orderKey: roleKeys[i],
    };
  });

  const objectKeys = orderKeysFor(entries.objects.length);
  entries.objects.forEach((entry, i) => {
    const id = objectIds.get(trimmed(entry['key']));
    if (id === undefined || model.objects[id]) return;
    remember('object', id, `objects[${i}]`);
    model.objects[id] = {
      id,
      name: trimmed(entry['name']),
      definition: orDefault(entry['definition'], ''),
      synonyms: trimmedList(entry['synonyms']),
      examples: orDefault(entry['examples'], []),
      states: readStates(entry['states']),
      sip: readSip(entry['sip']),
      openQuestions: orDefault(entry['openQuestions'], []),
      priority: orDefault(entry['priority'], null),
      score: orDefault(entry['score'], null),
      orderKey: objectKeys[i],
      position: orDefault(entry['position'], null),
    };
  });

  entries.relationships.forEach((entry, i) => {
    const path = `relationships[${i}]`;
    const from = resolve(objectIds, entry, 'from', path, 'object');
    const to = resolve(objectIds, entry, 'to', path, 'object');
    const id = from !== undefined && to !== undefined ? newId(path) : undefined;
    if (id === undefined || from === undefined || to === undefined) return;
    remember('relationship', id, path);
    model.relationships[id] = {
      id,
      fromObjectId: from,
      toObjectId: to,
      label: orDefault(entry['label'], ''),
      cardinality: orDefault(entry['cardinality'], 'one-to-many'),
      required: orDefault(entry['required'], false),
      mechanics: orDefault(entry['mechanics'], ''),
      sort: orDefault(entry['sort'], ''),
      filter: orDefault(entry['filter'], ''),
      dependency: orDefault(entry['dependency'], ''),
      notes: orDefault(entry['notes'], ''),
    };
  });

  const attributeKeys = keysPerList(entries.attributes, (entry) =>
    trimmed(entry['object']),
  );
  entries.attributes.forEach((entry, i) => {
    const path = `attributes[${i}]`;
    const objectId = resolve(objectIds, entry, 'object', path, 'object');
    const reference =
      entry['reference'] === undefined || entry['reference'] === null
        ? null
        : resolve(objectIds, entry, 'reference', path, 'object');
    const id =
      objectId !== undefined && reference !== undefined
        ? newId(path)
        : undefined;
    if (id === undefined || objectId === undefined || reference === undefined)
      return;
    remember('attribute', id, path);
    model.attributes[id] = {
      id,
      objectId,
      name: trimmed(entry['name']),
      type: entry['type'] as Attribute['type'],
      kind: orDefault(entry['kind'], 'core'),
      required: orDefault(entry['required'], false),
      defaultValue: orDefault(entry['default'], null),
      listValues: trimmedList(entry['values']),
      referencedObjectId: reference,
      description: orDefault(entry['description'], ''),
      source: orDefault(entry['source'], ''),
      visibility: orDefault(entry['visibility'], ''),
      priority: orDefault(entry['priority'], null),
      score: orDefault(entry['score'], null),
      orderKey: attributeKeys[i],
    };
  });

  const ctaKeys = keysPerList(
    entries.ctas,
    (entry) => `${trimmed(entry['role'])}\u0000${trimmed(entry['object'])}`,
  );
  entries.ctas.forEach((entry, i) => {
    const path = `ctas[${i}]`;
    const roleId = resolve(roleIds, entry, 'role', path, 'role');
    const objectId = resolve(objectIds, entry, 'object', path, 'object');
    const id =
      roleId !== undefined && objectId !== undefined ? newId(path) : undefined;
    if (id === undefined || roleId === undefined || objectId === undefined)
      return;
    remember('cta', id, path);
    model.ctas[id] = {
      id,
      roleId,
      objectId,
      verb: trimmed(entry['verb']),
      crud: entry['crud'] as Cta['crud'],
      primary: orDefault(entry['primary'], false),
      preconditions: orDefault(entry['preconditions'], ''),
      postconditions: orDefault(entry['postconditions'], ''),
      requiredState: trimmed(orDefault(entry['requiredState'], null)),
      userStory: orDefault(entry['userStory'], ''),
      priority: orDefault(entry['priority'], null),
      score: orDefault(entry['score'], null),
      orderKey: ctaKeys[i],
    };
  });

  problems.push(
    ...validateModelAt(model, (itemKind, id, field) => {
      const cut = field.search(/[.[]/);
      const head = cut === -1 ? field : field.slice(0, cut);
      const rest = cut === -1 ? '' : field.slice(cut);
      return `${origin.get(`${itemKind}:${id}`) ?? itemKind}.${INTERCHANGE_FIELD[head] ?? head}${rest}`;
    }),
  );
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, project, model };
}

function readProject(value: unknown, problems: Problem[]): InterchangeProject {
  if (value === undefined) return { name: '', description: '' };
  if (!isPlainRecord(value)) {
    problems.push(
      problem(
        'project',
        'invalid_type',
        'project must be an object {name, description}.',
      ),
    );
    return { name: '', description: '' };
  }
  for (const [key, field] of Object.entries(value)) {
    if (key !== 'name' && key !== 'description') {
      problems.push(
        problem(
          `project.${key}`,
          'unknown_field',
          `${key} is not a field of project.`,
        ),
      );
    } else if (typeof field !== 'string') {
      problems.push(
        problem(
          `project.${key}`,
          'invalid_type',
          `project.${key} must be a text.`,
        ),
      );
    }
  }
  const text = (field: unknown) =>
    typeof field === 'string' ? field.trim() : '';
  return { name: text(value['name']), description: text(value['description']) };
}

/** The entries of one section that are objects with known fields and the required ones. */
function readSection(
  value: unknown,
  section: Section,
  problems: Problem[],
): Entry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(
      problem(section, 'invalid_type', `${section} must be a list.`),
    );
    return [];
  }
  const { all, required } = SECTION_FIELDS[section];
  const usable: Entry[] = [];
  value.forEach((entry: unknown, i) => {
    const path = `${section}[${i}]`;
    if (!isPlainRecord(entry)) {
      problems.push(
        problem(path, 'invalid_type', `${path} must be an object.`),
      );
      usable.push({});
      return;
    }
    for (const key of Object.keys(entry)) {
      if (!all.includes(key)) {
        problems.push(
          problem(
            `${path}.${key}`,
            'unknown_field',
            `${key} is not a field of ${section}.`,
          ),
        );
      }
    }
    for (const key of required) {
      if (entry[key] === undefined || entry[key] === null) {
        problems.push(
          problem(`${path}.${key}`, 'required', `${key} is required.`),
        );
      }
    }
    for (const key of ['key', 'from', 'to', 'object', 'role', 'reference']) {
      if (
        all.includes(key) &&
        entry[key] !== undefined &&
        entry[key] !== null &&
        typeof entry[key] !== 'string'
      ) {
        problems.push(
          problem(
            `${path}.${key}`,
            'invalid_type',
            `${key} must be a key (a text).`,
          ),
        );
      }
    }
    usable.push(entry);
  });
  return usable;
}

/** Key → new id for objects or roles; a key used twice is a problem at its second use. */
function keyIndex(
  entries: readonly Entry[],
  section: 'objects' | 'roles',
  newId: (path: string) => Id | undefined,
  problems: Problem[],
): Map<string, Id> {
  const ids = new Map<string, Id>();
  entries.forEach((entry, i) => {
    const key = trimmed(entry['key']);
    if (typeof key !== 'string') return;
    if (key === '') {
      problems.push(
        problem(`${section}[${i}].key`, 'empty', 'key must not be empty.'),
      );
    } else if (ids.has(key)) {
      problems.push(
        problem(
          `${section}[${i}].key`,
          'duplicate_key',
          `The key "${key}" is used by an earlier entry of ${section}.`,
        ),
      );
    } else {
      const id = newId(`${section}[${i}]`);
      if (id !== undefined) ids.set(key, id);
    }
  });
  return ids;
}

/** Order keys for entries grouped into lists (attributes per object, CTAs per cell), in document order. */
function keysPerList(
  entries: readonly Entry[],
  listOf: (entry: Entry) => string,
): string[] {
  const sizes = new Map<string, number>();
  for (const entry of entries)
    sizes.set(listOf(entry), (sizes.get(listOf(entry)) ?? 0) + 1);
  const keys = new Map([...sizes].map(([list, n]) => [list, orderKeysFor(n)]));
  const used = new Map<string, number>();
  return entries.map((entry) => {
    const list = listOf(entry);
    const n = used.get(list) ?? 0;
    used.set(list, n + 1);
    return (keys.get(list) ?? [])[n];
  });
}

function readStates(value: unknown): OrcaObject['states'] {
  if (!Array.isArray(value)) return orDefault(value, []);
  return value.map((state: unknown) =>
    isPlainRecord(state)
      ? {
          ...state,
          name: trimmed(state['name']),
          description: orDefault(state['description'], ''),
          transitions: trimmedList(state['transitions']),
        }
      : (state as OrcaObject['states'][number]),
  );
}

function readSip(value: unknown): SipCheck {
  if (!isPlainRecord(value)) return orDefault(value, emptySip());
  const sip: Record<string, unknown> = { ...emptySip(), ...value };
  for (const [question, entry] of Object.entries(sip)) {
    if (isPlainRecord(entry))
      sip[question] = { answer: null, note: '', ...entry };
  }
  return sip as unknown as SipCheck;
}

/** Readable, unique keys from names: "Learner Profile" → "learner-profile". */
function keysFromNames(
  items: readonly { readonly id: Id; readonly name: string }[],
  fallback: string,
): Map<Id, string> {
  const keys = new Map<Id, string>();
  const used = new Set<string>();
  for (const item of items) {
    const base =
      item.name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '') || fallback;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    keys.set(item.id, key);
  }
  return keys;
}

/**
 * The interchange form of a model: lists in model order, keys from names. Fields the fixtures
 * document are always written; the others only when they hold something.
 */
export function toInterchange(
  model: ProjectModel,
  project: InterchangeProject = { name: '', description: '' },
): InterchangeDocument {
  const objects = objectsInOrder(model);
  const roles = rolesInOrder(model);
  const objectKey = keysFromNames(objects, 'object');
  const roleKey = keysFromNames(roles, 'role');
  const rank = new Map(objects.map((o, i) => [o.id, i]));
  const roleRank = new Map(roles.map((r, i) => [r.id, i]));
  const keyOf = (id: Id) => objectKey.get(id) ?? id;
  const byObject = <T extends { readonly objectId: Id }>(a: T, b: T) =>
    (rank.get(a.objectId) ?? 0) - (rank.get(b.objectId) ?? 0);

  return {
    format: INTERCHANGE_FORMAT,
    version: INTERCHANGE_VERSION,
    project,
    roles: roles.map((r) => ({
      key: roleKey.get(r.id) ?? r.id,
      name: r.name,
      description: r.description,
      ...(r.archived ? { archived: true } : {}),
    })),
    objects: objects.map((o) => ({
      key: keyOf(o.id),
      name: o.name,
      definition: o.definition,
      synonyms: o.synonyms,
      examples: o.examples,
      states: o.states.map((s) => ({
        name: s.name,
        ...(s.description !== '' ? { description: s.description } : {}),
        ...(s.transitions.length > 0 ? { transitions: s.transitions } : {}),
      })),
      priority: o.priority,
      score: o.score,
      ...(deepSipIsEmpty(o.sip) ? {} : { sip: o.sip }),
      ...(o.openQuestions.length > 0 ? { openQuestions: o.openQuestions } : {}),
      ...(o.position !== null ? { position: o.position } : {}),
    })),
    relationships: Object.values(model.relationships)
      .sort(
        (a, b) =>
          (rank.get(a.fromObjectId) ?? 0) - (rank.get(b.fromObjectId) ?? 0) ||
          (rank.get(a.toObjectId) ?? 0) - (rank.get(b.toObjectId) ?? 0),
      )
      .map((r) => ({
        from: keyOf(r.fromObjectId),
        to: keyOf(r.toObjectId),
        label: r.label,
        cardinality: r.cardinality,
        mechanics: r.mechanics,
        sort: r.sort,
        filter: r.filter,
        dependency: r.dependency,
        ...(r.required ? { required: true } : {}),
        ...(r.notes !== '' ? { notes: r.notes } : {}),
      })),
    attributes: sortByOrder(Object.values(model.attributes))
      .sort(byObject)
      .map((a) => ({
        object: keyOf(a.objectId),
        name: a.name,
        type: a.type,
        kind: a.kind,
        required: a.required,
        ...(a.listValues.length > 0 ? { values: a.listValues } : {}),
        ...(a.defaultValue !== null ? { default: a.defaultValue } : {}),
        ...(a.referencedObjectId !== null
          ? { reference: keyOf(a.referencedObjectId) }
          : {}),
        ...(a.description !== '' ? { description: a.description } : {}),
        ...(a.source !== '' ? { source: a.source } : {}),
        ...(a.visibility !== '' ? { visibility: a.visibility } : {}),
        ...(a.priority !== null ? { priority: a.priority } : {}),
        ...(a.score !== null ? { score: a.score } : {}),
      })),
    ctas: sortByOrder(Object.values(model.ctas))
      .sort(byObject)
      .sort(
        (a, b) => (roleRank.get(a.roleId) ?? 0) - (roleRank.get(b.roleId) ?? 0),
      )
      .map((c) => ({
        role: roleKey.get(c.roleId) ?? c.roleId,
        object: keyOf(c.objectId),
        verb: c.verb,
        crud: c.crud,
        primary: c.primary,
        preconditions: c.preconditions,
        postconditions: c.postconditions,
        ...(c.requiredState !== null ? { requiredState: c.requiredState } : {}),
        ...(c.userStory !== '' ? { userStory: c.userStory } : {}),
        ...(c.priority !== null ? { priority: c.priority } : {}),
        ...(c.score !== null ? { score: c.score } : {}),
      })),
  };
}

function deepSipIsEmpty(sip: SipCheck): boolean {
  return Object.values(sip).every(
    (entry) => entry.answer === null && entry.note === '',
  );
}

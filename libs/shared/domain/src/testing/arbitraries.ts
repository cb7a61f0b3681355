/**
 * fast-check arbitraries: valid models, and "change seeds" that become concrete changes — valid
 * or deliberately not — against whatever model the sequence has reached.
 */
import fc from 'fast-check';
import { CHANGE_KINDS, type ChangeKind } from '../lib/changes';
import {
  ATTRIBUTE_KINDS,
  ATTRIBUTE_TYPES,
  CARDINALITIES,
  CRUD_CLASSES,
  PRIORITIES,
  findItem,
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
  type Attribute,
  type AttributeType,
  type Cardinality,
  type CrudClass,
  type Id,
  type ItemKind,
  type Priority,
  type ProjectModel,
} from '../lib/model';
import { orderKeyForIndex } from '../lib/ordering';
import {
  attributesOf,
  ctasInCell,
  objectsInOrder,
  rolesInOrder,
} from '../lib/queries';
import { testId } from './ids';
import { ModelBuilder } from './model-builder';

const OBJECT_NAMES = [
  'Course',
  'Lesson',
  'Topic',
  'Review',
  'Certificate',
  'Enrollment',
  'Library',
  'Badge',
];
const SYNONYMS = [
  'Class',
  'Unit',
  'Module',
  'Category',
  'Rating',
  'Credential',
  'Thread',
  'Label',
];
const STATE_NAMES = ['Draft', 'Published', 'Archived', 'Active', 'Hidden'];
const ROLE_NAMES = ['Learner', 'Instructor', 'Admin', 'Guest'];
const ATTRIBUTE_NAMES = [
  'Title',
  'Body',
  'Price',
  'Level',
  'Owner',
  'Published on',
];
const VERBS = ['Create', 'Publish', 'Archive', 'Browse', 'Hide', 'Enroll in'];

const priority = fc.constantFrom<Priority | null>(null, ...PRIORITIES);
const score = fc.option(fc.integer({ min: 1, max: 10 }), { nil: null });

/** A valid model of up to 6 objects, 3 roles and their relationships, attributes and CTAs. */
export const modelArbitrary: fc.Arbitrary<ProjectModel> = fc
  .record({
    objects: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...OBJECT_NAMES),
        definition: fc.string({ maxLength: 20 }),
        states: fc.subarray(STATE_NAMES),
        synonyms: fc.nat(2),
        priority,
        score,
        sip: fc.constantFrom<'yes' | 'no' | 'unsure' | null>(
          null,
          'yes',
          'no',
          'unsure',
        ),
      }),
      { maxLength: 6, selector: (o) => o.name },
    ),
    synonyms: fc.shuffledSubarray(SYNONYMS),
    roles: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...ROLE_NAMES),
        archived: fc.boolean(),
      }),
      {
        maxLength: 3,
        selector: (r) => r.name,
      },
    ),
    relationships: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        cardinality: fc.constantFrom(...CARDINALITIES),
        mechanics: fc.constantFrom('', 'User adds'),
      }),
      { maxLength: 14 },
    ),
    attributes: fc.array(
      fc.record({
        object: fc.nat(),
        name: fc.constantFrom(...ATTRIBUTE_NAMES),
        type: fc.constantFrom(...ATTRIBUTE_TYPES),
        kind: fc.constantFrom(...ATTRIBUTE_KINDS),
        reference: fc.option(fc.nat(), { nil: null }),
        values: fc.subarray(['Low', 'High']),
        priority,
      }),
      { maxLength: 14 },
    ),
    ctas: fc.array(
      fc.record({
        role: fc.nat(),
        object: fc.nat(),
        verb: fc.constantFrom(...VERBS),
        crud: fc.constantFrom(...CRUD_CLASSES),
        primary: fc.boolean(),
        state: fc.option(fc.nat(), { nil: null }),
        postconditions: fc.constantFrom(
          '',
          'It is Published',
          'Course is Archived',
        ),
        priority,
        score,
      }),
      { maxLength: 12 },
    ),
  })
  .map((recipe) => {
    const builder = new ModelBuilder();
    const synonyms = [...recipe.synonyms];
    const objects = recipe.objects.map((o) =>
      builder.object(o.name, {
        definition: o.definition,
        states: o.states.map((name) => ({
          name,
          description: '',
          transitions: [],
        })),
        synonyms: synonyms.splice(0, o.synonyms),
        priority: o.priority,
        score: o.score,
        sip: {
          structure: { answer: o.sip, note: '' },
          instances: { answer: 'yes', note: '' },
          purpose: { answer: null, note: o.sip === null ? '' : 'checked' },
        },
      }),
    );
    const states = recipe.objects.map((o) => o.states);
    const roles = recipe.roles.map((r) => ({
      id: builder.role(r.name),
      archived: r.archived,
    }));
    if (objects.length > 0) {
      const pairs = new Set<string>();
      for (const r of recipe.relationships) {
        const from = objects[r.from % objects.length];
        const to = objects[r.to % objects.length];
        if (pairs.has(`${from}>${to}`)) continue;
        pairs.add(`${from}>${to}`);
        builder.relationship(from, to, r.cardinality, {
          mechanics: r.mechanics,
        });
      }
      const names = new Set<string>();
      for (const a of recipe.attributes) {
        const object = objects[a.object % objects.length];
        if (names.has(`${object}>${a.name}`)) continue;
        names.add(`${object}>${a.name}`);
        builder.attribute(object, a.name, a.type, {
          kind: a.kind,
          listValues: a.type === 'list' ? a.values : [],
          referencedObjectId:
            a.type === 'reference' && a.reference !== null
              ? objects[a.reference % objects.length]
              : null,
          priority: a.priority,
        });
      }
      if (roles.length > 0) {
        for (const c of recipe.ctas) {
          const index = c.object % objects.length;
          const own = states[index];
          builder.cta(
            roles[c.role % roles.length].id,
            objects[index],
            c.verb,
            c.crud,
            {
              primary: c.primary,
              postconditions: c.postconditions,
              requiredState:
                c.state !== null && own.length > 0
                  ? own[c.state % own.length]
                  : null,
              priority: c.priority,
              score: c.score,
            },
          );
        }
      }
    }
    // Archive after the CTAs exist, as people do.
    let model = builder.build();
    for (const role of roles.filter((r) => r.archived)) {
      const current = findItem(model, 'role', role.id);
      if (current)
        model = {
          ...model,
          roles: { ...model.roles, [role.id]: { ...current, archived: true } },
        };
    }
    return model;
  });

/** The raw ingredients of one change; `toChange` turns them into a change against a model. */
export interface ChangeSeed {
  readonly kind: ChangeKind | 'garbage';
  readonly pick: number;
  readonly pick2: number;
  readonly index: number;
  readonly ghost: boolean;
  /** Take the deliberately invalid variant (unknown field, bad key, wrong text field…). */
  readonly rare: boolean;
  readonly reuseId: boolean;
  readonly name: string;
  readonly text: string;
  readonly score: unknown;
  readonly priority: Priority | null;
  readonly cardinality: string;
  readonly type: string;
  readonly crud: string;
  readonly flag: boolean;
  readonly fields: readonly string[];
  readonly states: readonly string[];
  readonly garbage: unknown;
}

const nameArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...OBJECT_NAMES,
      ...SYNONYMS,
      ...ROLE_NAMES,
      ...ATTRIBUTE_NAMES,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'course',
      'CLASS',
      ' Course',
      '',
      '   ',
      'x'.repeat(121),
    ),
  },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
);

const WEIGHT_OF_VERB: Record<string, number> = {
  create: 4,
  update: 3,
  move: 2,
  delete: 1,
  set: 2,
  edit: 2,
};

const kindArbitrary = fc.oneof(
  ...CHANGE_KINDS.map((kind) => ({
    weight: WEIGHT_OF_VERB[kind.split('.')[1]] ?? 1,
    arbitrary: fc.constant<ChangeKind | 'garbage'>(kind),
  })),
  { weight: 1, arbitrary: fc.constant<ChangeKind | 'garbage'>('garbage') },
);

const oneIn = (n: number) =>
  fc.oneof(
    { weight: n - 1, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );

export const changeSeedArbitrary: fc.Arbitrary<ChangeSeed> = fc.record({
  kind: kindArbitrary,
  pick: fc.nat(),
  pick2: fc.nat(),
  index: fc.nat(8),
  ghost: oneIn(12),
  rare: oneIn(8),
  reuseId: oneIn(4),
  name: nameArbitrary,
  text: fc.string({ maxLength: 30 }),
  score: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    },
    { weight: 1, arbitrary: fc.constantFrom(0, 11, 2.5, '7') },
  ),
  priority,
  cardinality: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<string>(...CARDINALITIES) },
    { weight: 1, arbitrary: fc.constant('some-to-few') },
  ),
  type: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<string>(...ATTRIBUTE_TYPES) },
    { weight: 1, arbitrary: fc.constant('colour') },
  ),
  crud: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<string>(...CRUD_CLASSES) },
    { weight: 1, arbitrary: fc.constant('archive') },
  ),
  flag: fc.boolean(),
  fields: fc.subarray([
    'name',
    'definition',
    'synonyms',
    'states',
    'score',
    'priority',
    'position',
    'label',
    'cardinality',
    'archived',
    'requiredState',
    'type',
    'referencedObjectId',
    'listValues',
    'verb',
  ]),
  states: fc.subarray(STATE_NAMES),
  garbage: fc.jsonValue({ maxDepth: 2 }),
});

/** Makes the change a seed describes against `model`. The result may well be invalid: that is the point. */
export function toChange(
  model: ProjectModel,
  seed: ChangeSeed,
  freshId: () => Id,
): unknown {
  const objects = objectsInOrder(model);
  const roles = rolesInOrder(model);
  const pickFrom = <T extends { id: Id }>(
    list: readonly T[],
    n: number,
  ): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  const idOf = <T extends { id: Id }>(list: readonly T[], n = seed.pick): Id =>
    seed.ghost
      ? testId('ghost-1')
      : (pickFrom(list, n)?.id ?? testId('ghost-2'));
  const collection = (kind: ItemKind) =>
    Object.values(model[`${kind}s` as 'objects']) as unknown as { id: Id }[];
  const newOrExistingId = (kind: ItemKind) =>
    seed.reuseId && collection(kind).length > 0
      ? idOf(collection(kind))
      : freshId();
  const object = pickFrom(objects, seed.pick2);
  const stateList = seed.states.map((name) => ({
    name,
    description: '',
    transitions: [],
  }));

  const objectFields: Record<string, unknown> = {
    name: seed.name,
    definition: seed.text,
    synonyms: seed.flag ? [seed.name] : [],
    states: stateList,
    score: seed.score,
    priority: seed.priority,
    position: { x: seed.index * 10, y: seed.pick2 % 100 },
    bogus: 1,
    orderKey: 'a5',
  };
  const fields = seed.rare
    ? [...seed.fields, 'bogus', 'orderKey', 'roleId', 'objectId']
    : seed.fields;
  const pickFields = (available: Record<string, unknown>) =>
    Object.fromEntries(
      fields.filter((f) => f in available).map((f) => [f, available[f]]),
    );

  switch (seed.kind) {
    case 'garbage':
      return seed.garbage;
    case 'object.create': {
      const id = newOrExistingId('object');
      const existing = findItem(model, 'object', id);
      if (existing && seed.flag) return { kind: seed.kind, object: existing };
      return {
        kind: seed.kind,
        object: newObject({
          id,
          name: seed.name,
          orderKey: orderKeyForIndex(objects, seed.index),
          score: seed.score as number | null,
          priority: seed.priority,
          states: stateList,
          synonyms: seed.flag ? [] : [seed.text.trim()].filter((s) => s !== ''),
        }),
      };
    }
    case 'object.update':
      return {
        kind: seed.kind,
        id: idOf(objects),
        patch: pickFields(objectFields),
      };
    case 'object.move': {
      const id = idOf(objects);
      return {
        kind: seed.kind,
        id,
        orderKey: seed.rare ? 'a0!' : orderKeyForIndex(objects, seed.index, id),
      };
    }
    case 'relationship.create': {
      const id = newOrExistingId('relationship');
      const existing = findItem(model, 'relationship', id);
      if (existing && seed.flag)
        return { kind: seed.kind, relationship: existing };
      return {
        kind: seed.kind,
        relationship: newRelationship({
          id,
          fromObjectId: idOf(objects),
          toObjectId: seed.ghost
            ? testId('ghost-3')
            : (object?.id ?? testId('ghost-4')),
          cardinality: seed.cardinality as Cardinality,
          label: seed.text,
        }),
      };
    }
    case 'relationship.update':
      return {
        kind: seed.kind,
        id: idOf(Object.values(model.relationships)),
        patch: pickFields({
          label: seed.text,
          cardinality: seed.cardinality,
          notes: seed.text,
          bogus: true,
        }),
      };
    case 'role.create': {
      const id = newOrExistingId('role');
      const existing = findItem(model, 'role', id);
      if (existing && seed.flag) return { kind: seed.kind, role: existing };
      return {
        kind: seed.kind,
        role: newRole({
          id,
          name: seed.name,
          orderKey: orderKeyForIndex(roles, seed.index),
        }),
      };
    }
    case 'role.update':
      return {
        kind: seed.kind,
        id: idOf(roles),
        patch: pickFields({
          name: seed.name,
          archived: seed.flag,
          description: seed.text,
          orderKey: 'a1',
        }),
      };
    case 'role.move': {
      const id = idOf(roles);
      return {
        kind: seed.kind,
        id,
        orderKey: orderKeyForIndex(roles, seed.index, id),
      };
    }
    case 'cta.create': {
      const id = newOrExistingId('cta');
      const existing = findItem(model, 'cta', id);
      if (existing && seed.flag) return { kind: seed.kind, cta: existing };
      const roleId = idOf(roles);
      const objectId = object?.id ?? testId('ghost-5');
      return {
        kind: seed.kind,
        cta: newCta({
          id,
          roleId,
          objectId,
          verb: seed.name,
          crud: seed.crud as CrudClass,
          orderKey: orderKeyForIndex(
            ctasInCell(model, roleId, objectId),
            seed.index,
          ),
          requiredState: seed.flag
            ? (object?.states[0]?.name ?? null)
            : (seed.states[0] ?? null),
          score: seed.score as number | null,
          priority: seed.priority,
        }),
      };
    }
    case 'cta.update':
      return {
        kind: seed.kind,
        id: idOf(Object.values(model.ctas)),
        patch: pickFields({
          verb: seed.name,
          requiredState: seed.states[0] ?? null,
          score: seed.score,
          priority: seed.priority,
          roleId: 'x',
          bogus: 0,
        }),
      };
    case 'cta.move': {
      const cta = pickFrom(Object.values(model.ctas), seed.pick);
      const id = seed.ghost
        ? testId('ghost-6')
        : (cta?.id ?? testId('ghost-7'));
      const roleId = seed.flag ? idOf(roles, seed.pick2) : undefined;
      const objectId = seed.flag ? object?.id : undefined;
      const target = ctasInCell(
        model,
        roleId ?? cta?.roleId ?? '',
        objectId ?? cta?.objectId ?? '',
      );
      return {
        kind: seed.kind,
        id,
        orderKey: orderKeyForIndex(target, seed.index, id),
        roleId,
        objectId,
      };
    }
    case 'attribute.create': {
      const id = newOrExistingId('attribute');
      const existing = findItem(model, 'attribute', id);
      if (existing && seed.flag)
        return { kind: seed.kind, attribute: existing };
      const objectId = idOf(objects);
      return {
        kind: seed.kind,
        attribute: newAttribute({
          id,
          objectId,
          name: seed.name,
          type: seed.type as AttributeType,
          orderKey: orderKeyForIndex(attributesOf(model, objectId), seed.index),
          referencedObjectId:
            seed.type === 'reference' || seed.flag
              ? (object?.id ?? null)
              : null,
          listValues: seed.type === 'list' ? ['Low', 'High'] : [],
        }),
      };
    }
    case 'attribute.update':
      return {
        kind: seed.kind,
        id: idOf(Object.values(model.attributes)),
        patch: pickFields({
          name: seed.name,
          type: seed.type,
          referencedObjectId: seed.flag ? (object?.id ?? null) : null,
          listValues: seed.states,
          score: seed.score,
          objectId: 'x',
        }),
      };
    case 'attribute.move': {
      const attribute = pickFrom(Object.values(model.attributes), seed.pick) as
        | Attribute
        | undefined;
      const id = seed.ghost
        ? testId('ghost-8')
        : (attribute?.id ?? testId('ghost-9'));
      const objectId = seed.flag ? object?.id : undefined;
      const target = attributesOf(model, objectId ?? attribute?.objectId ?? '');
      return {
        kind: seed.kind,
        id,
        orderKey: orderKeyForIndex(target, seed.index, id),
        objectId,
      };
    }
    case 'object.delete':
    case 'relationship.delete':
    case 'role.delete':
    case 'cta.delete':
    case 'attribute.delete': {
      const kind = seed.kind.split('.')[0] as ItemKind;
      return { kind: seed.kind, id: idOf(collection(kind)) };
    }
    case 'priority.set': {
      const items = [
        ...objects
          .slice(0, seed.index)
          .map((o) => ({ itemKind: 'object', id: o.id })),
        ...Object.values(model.ctas)
          .slice(0, seed.pick % 3)
          .map((c) => ({ itemKind: 'cta', id: c.id })),
        ...Object.values(model.attributes)
          .slice(0, seed.pick2 % 4)
          .map((a) => ({ itemKind: 'attribute', id: a.id })),
        ...(seed.ghost ? [{ itemKind: 'object', id: testId('ghost-10') }] : []),
      ];
      return {
        kind: seed.kind,
        items,
        priority: seed.priority,
        ...(seed.flag ? { score: seed.score } : {}),
      };
    }
    case 'text.edit': {
      const id = idOf(objects);
      const definition = findItem(model, 'object', id)?.definition ?? '';
      const keep = Math.min(seed.index, [...definition].length);
      return {
        kind: seed.kind,
        target: {
          itemKind: 'object',
          id,
          field: seed.rare ? 'name' : 'definition',
        },
        ops: [
          ...(keep > 0 ? [{ retain: keep }] : []),
          { insert: seed.text || 'x' },
          ...(seed.pick % 2 ? [{ delete: 1 }] : []),
        ],
      };
    }
  }
}

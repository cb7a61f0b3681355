import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyChange,
  emptyModel,
  fromInterchange,
  newObject,
  newRelationship,
  newRole,
  orderKeysFor,
  validateChange,
  type Attribute,
  type Change,
  type Cta,
  type OrcaObject,
  type ProjectModel,
  type Role,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';

/** /work/shared/fixtures, from libs/web/ui-model/src/testing. */
const FIXTURES_DIR = join(__dirname, '../../../../../../shared/fixtures');

/** The learning-platform fixture (9 objects, 3 roles) as a model, with readable counter ids. */
export function learningPlatform(): ProjectModel {
  let counter = 0;
  const result = fromInterchange(
    JSON.parse(
      readFileSync(join(FIXTURES_DIR, 'learning-platform.orca.json'), 'utf8'),
    ),
    { generateId: () => testId(`lp-${++counter}`) },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

function byName<T extends { readonly name: string }>(
  items: Iterable<T>,
  name: string,
  kind: string,
): T {
  const found = [...items].find((item) => item.name === name);
  if (!found) throw new Error(`No ${kind} named ${name}`);
  return found;
}

export function objectNamed(model: ProjectModel, name: string): OrcaObject {
  return byName(Object.values(model.objects), name, 'object');
}

export function roleNamed(model: ProjectModel, name: string): Role {
  return byName(Object.values(model.roles), name, 'role');
}

export function attributeNamed(
  model: ProjectModel,
  objectName: string,
  name: string,
): Attribute {
  const objectId = objectNamed(model, objectName).id;
  return byName(
    Object.values(model.attributes).filter((a) => a.objectId === objectId),
    name,
    'attribute',
  );
}

export function ctaWithVerb(model: ProjectModel, verb: string): Cta {
  const found = Object.values(model.ctas).find((c) => c.verb === verb);
  if (!found) throw new Error(`No CTA "${verb}"`);
  return found;
}

/**
 * Applies a change the way the live store would, after asserting the domain accepts it: a test
 * fails on the first change a component emits that the server would refuse.
 */
export function applyValid(model: ProjectModel, change: Change): ProjectModel {
  expect(validateChange(model, change)).toEqual([]);
  return applyChange(model, change).model;
}

/** `n` objects named "Object 1"… and a few relationships: the NOM stress shape. */
export function largeModel(n: number): ProjectModel {
  let model = emptyModel();
  const keys = orderKeysFor(n);
  for (let i = 0; i < n; i++) {
    model = applyChange(model, {
      kind: 'object.create',
      object: newObject({
        id: testId(`o${i}`),
        name: `Object ${i + 1}`,
        orderKey: keys[i],
      }),
    }).model;
  }
  for (let i = 0; i + 1 < n; i++) {
    model = applyChange(model, {
      kind: 'relationship.create',
      relationship: newRelationship({
        id: testId(`r${i}`),
        fromObjectId: testId(`o${i}`),
        toObjectId: testId(`o${i + 1}`),
        cardinality: 'one-to-many',
        label: 'has many',
      }),
    }).model;
  }
  model = applyChange(model, {
    kind: 'role.create',
    role: newRole({
      id: testId('role-1'),
      name: 'Member',
      orderKey: orderKeysFor(1)[0],
    }),
  }).model;
  return model;
}

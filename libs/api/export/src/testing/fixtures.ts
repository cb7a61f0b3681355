/** Models for the format tests: every fixture in /work/shared/fixtures, and an awkward one. */
import {
  fromInterchange,
  objectsInOrder,
  type InterchangeDocument,
  type ProjectModel,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** /work/shared/fixtures, from libs/api/export/src/testing. */
export const FIXTURES_DIR = join(
  __dirname,
  '../../../../../../shared/fixtures',
);

export interface TestModel {
  readonly name: string;
  readonly projectName: string;
  readonly projectDescription: string;
  readonly model: ProjectModel;
}

/** Ids `testId('id-1')`, `testId('id-2')`… (UUIDs that spell their label), so failures are readable. */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => testId(`${prefix}-${++n}`);
}

export function modelFrom(document: unknown, name = 'model'): TestModel {
  const result = fromInterchange(document, { generateId: counterIds() });
  if (!result.ok)
    throw new Error(
      `${name} is not a valid model: ${result.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  return {
    name,
    projectName: result.project.name,
    projectDescription: result.project.description,
    model: result.model,
  };
}

/** Every `*.orca.json` fixture, read through the importer's own conversion. */
export function fixtureModels(): TestModel[] {
  const files = readdirSync(FIXTURES_DIR).filter((file) =>
    file.endsWith('.orca.json'),
  );
  if (files.length === 0) throw new Error(`No fixtures in ${FIXTURES_DIR}`);
  return files.map((file) =>
    modelFrom(JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8')), file),
  );
}

/** Names and texts that break naive exporters: quotes, formulas, markup, accents, line breaks. */
export const AWKWARD_DOCUMENT: InterchangeDocument = {
  format: 'orca-project',
  version: 1,
  project: {
    name: 'Café "Ölmühle" <b>& co</b>',
    description: 'A model whose texts try to break every format.',
  },
  roles: [
    { key: 'guest', name: 'Guest <script>alert(1)</script>' },
    { key: 'owner', name: '=Owner', description: '@admin, +1' },
  ],
  objects: [
    {
      key: 'order',
      name: 'Order "special"',
      definition:
        '# Not a heading\nAn order, with **markdown**, a | pipe and <img src="https://evil.example/x.png">.\n\n---\nSecond paragraph.',
      synonyms: ['=HYPERLINK("https://evil.example")', 'Bestellung'],
      examples: ['Order #1; urgent', 'Order, "two"'],
      states: [
        { name: 'Open', transitions: ['Paid'] },
        { name: 'Paid', description: 'Money received' },
      ],
      priority: 'now',
      score: 7,
    },
    {
      key: 'line',
      name: 'Line {item} %% [x] \\ back',
      definition: 'One line of an order.',
      synonyms: [],
      examples: [],
      states: [],
      priority: 'now',
      score: null,
    },
    {
      key: 'customer',
      name: 'Ünïcödé Кастомер 客户',
      definition: '-starts with a minus',
      synonyms: [],
      examples: [],
      states: [],
      priority: 'later',
      score: 2,
    },
  ],
  relationships: [
    {
      from: 'order',
      to: 'line',
      label: 'has "many"',
      cardinality: 'one-to-many',
      required: true,
      mechanics: '+ user adds',
    },
    {
      from: 'line',
      to: 'order',
      label: 'belongs to',
      cardinality: 'many-to-one',
    },
    {
      from: 'customer',
      to: 'order',
      label: 'places',
      cardinality: 'one-to-many',
    },
    {
      from: 'order',
      to: 'order',
      label: 'replaces',
      cardinality: 'one-to-one',
    },
  ],
  attributes: [
    {
      object: 'order',
      name: 'Total (€)',
      type: 'currency',
      kind: 'core',
      required: true,
    },
    {
      object: 'order',
      name: '@status',
      type: 'list',
      kind: 'metadata',
      values: ['=open', 'paid, late'],
    },
    {
      object: 'order',
      name: 'Buyer',
      type: 'reference',
      kind: 'metadata',
      reference: 'customer',
    },
    {
      object: 'order',
      name: 'Photo',
      type: 'image',
      kind: 'core',
      priority: 'later',
    },
    { object: 'customer', name: 'Name\twith tab', type: 'text', kind: 'core' },
  ],
  ctas: [
    {
      role: 'guest',
      object: 'order',
      verb: 'Place <order>',
      crud: 'create',
      primary: true,
      preconditions: '=1+1',
      postconditions: 'Order is "Open"',
    },
    {
      role: 'owner',
      object: 'order',
      verb: 'Refund',
      crud: 'update',
      priority: 'next',
    },
    { role: 'owner', object: 'customer', verb: 'Ban', crud: 'delete' },
  ],
};

export function awkwardModel(): TestModel {
  return modelFrom(AWKWARD_DOCUMENT, 'awkward');
}

/** The fixtures and the awkward model: what every format is tested on. */
export function testModels(): TestModel[] {
  return [...fixtureModels(), awkwardModel()];
}

export const GENERATED_AT = '2025-03-12T09:30:00.000Z';

/** The first fixture model with its first object's definition replaced by `definition`. */
export function withFirstDefinition(definition: string): TestModel {
  const fixture = testModels()[0];
  const first = fixture && objectsInOrder(fixture.model)[0];
  if (!fixture || !first)
    throw new Error('the fixtures have a model with objects');
  return {
    ...fixture,
    model: {
      ...fixture.model,
      objects: {
        ...fixture.model.objects,
        [first.id]: { ...first, definition },
      },
    },
  };
}

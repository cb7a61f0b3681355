/** Models for the diagram tests: the learning-platform fixture, and small hand-made ones. */
import {
  fromInterchange,
  objectsInOrder,
  type Id,
  type InterchangeDocument,
  type ProjectModel,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

/** /work/shared/fixtures, from libs/shared/diagrams/src/testing. */
const FIXTURES_DIR = join(__dirname, '../../../../../../shared/fixtures');

export function modelFrom(document: unknown): ProjectModel {
  let n = 0;
  const result = fromInterchange(document, {
    generateId: () => testId(`id-${String(++n).padStart(3, '0')}`),
  });
  if (!result.ok)
    throw new Error(
      result.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    );
  return result.model;
}

export function learningPlatformDocument(): InterchangeDocument {
  return JSON.parse(
    readFileSync(join(FIXTURES_DIR, 'learning-platform.orca.json'), 'utf8'),
  ) as InterchangeDocument;
}

export function learningPlatform(): ProjectModel {
  return modelFrom(learningPlatformDocument());
}

export function objectId(model: ProjectModel, name: string): Id {
  const found = objectsInOrder(model).find((o) => o.name === name);
  if (!found) throw new Error(`No object ${name}`);
  return found.id;
}

/** The model with each collection's records in reverse insertion order: the same model. */
export function reinserted(model: ProjectModel): ProjectModel {
  const reverse = <T>(record: Readonly<Record<Id, T>>) =>
    Object.fromEntries(Object.entries(record).reverse());
  return {
    objects: reverse(model.objects),
    relationships: reverse(model.relationships),
    roles: reverse(model.roles),
    ctas: reverse(model.ctas),
    attributes: reverse(model.attributes),
  };
}

/** A document with a self-relationship, a contradiction, a one-way cell and hostile texts. */
export const AWKWARD_DOCUMENT: InterchangeDocument = {
  format: 'orca-project',
  version: 1,
  project: { name: 'Café <b>&</b>', description: '' },
  roles: [{ key: 'guest', name: 'Guest <script>alert(1)</script>' }],
  objects: [
    {
      key: 'order',
      name: 'Order "special" & <co>',
      priority: 'now',
    },
    { key: 'line', name: "Line's {item} %% ]]> back", priority: 'now' },
    {
      key: 'customer',
      name: 'Ünïcödé Кастомер 客户 with a name long enough to wrap over several lines',
      priority: 'later',
    },
  ],
  relationships: [
    {
      from: 'order',
      to: 'line',
      label: 'has "many"',
      cardinality: 'one-to-many',
      required: true,
    },
    {
      from: 'line',
      to: 'order',
      label: 'belongs to',
      cardinality: 'one-to-many',
    },
    {
      from: 'customer',
      to: 'order',
      label: 'places <script>',
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
      name: 'Total (€) & tax',
      type: 'currency',
      kind: 'core',
    },
    { object: 'order', name: '<status>', type: 'text', kind: 'metadata' },
  ],
  ctas: [
    {
      role: 'guest',
      object: 'order',
      verb: 'Place <order> & "pay"',
      crud: 'create',
      primary: true,
    },
  ],
};

export function awkwardModel(): ProjectModel {
  return modelFrom(AWKWARD_DOCUMENT);
}

/** Parses an SVG document as XML, as an image viewer would; throws when it is not well formed. */
export function parseSvg(svg: string): Document {
  const { DOMParser } = new JSDOM('').window;
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`Not well-formed XML: ${error.textContent ?? ''}`);
  return document;
}

/** Every text of an SVG document (its `<text>` elements), in document order. */
export function textsOf(document: Document, selector = 'text'): string[] {
  return [...document.querySelectorAll(selector)].map(
    (el) => el.textContent ?? '',
  );
}

import {
  emptyModel,
  newAttribute,
  newObject,
  newRelationship,
  nowOnly,
  objectsInOrder,
  orderKeysFor,
  type ProjectModel,
} from '@orca/shared/domain';
import fc from 'fast-check';
import { parseMermaid } from '../../testing/parse-mermaid';
import { awkwardModel, GENERATED_AT, testModels } from '../../testing/fixtures';
import { exportMermaid } from './mermaid';

const RELATIONSHIP_LINE =
  /^ {4}o\d+ (\|\||\}o)--(\|\||o\||o\{|\|\{) o\d+ : ".*"$/;

describe('Mermaid erDiagram export', () => {
  const models = testModels();
  let diagrams: Array<{ name: string; all: string; now: string }>;
  let parsed: ReturnType<typeof parseMermaid>;
  let fuzzed: Array<{ diagram: string; error?: string }>;

  /** A model whose names, attribute names and labels are arbitrary text. */
  function arbitraryModel(texts: readonly string[]): ProjectModel {
    const keys = orderKeysFor(texts.length);
    const model = emptyModel() as {
      -readonly [K in keyof ProjectModel]: Record<string, never>;
    } & ProjectModel;
    const objects: Record<string, ReturnType<typeof newObject>> = {};
    const attributes: Record<string, ReturnType<typeof newAttribute>> = {};
    const relationships: Record<
      string,
      ReturnType<typeof newRelationship>
    > = {};
    texts.forEach((text, i) => {
      const id = `o-${i}`;
      objects[id] = newObject({ id, name: text, orderKey: keys[i] as string });
      attributes[`a-${i}`] = newAttribute({
        id: `a-${i}`,
        objectId: id,
        name: text,
        type: 'list',
        listValues: [text],
        orderKey: 'a0',
      });
      if (i > 0)
        relationships[`r-${i}`] = newRelationship({
          id: `r-${i}`,
          fromObjectId: `o-${i - 1}`,
          toObjectId: id,
          label: text,
          cardinality: 'many-to-many',
        });
    });
    return { ...model, objects, attributes, relationships };
  }

  beforeAll(async () => {
    diagrams = await Promise.all(
      models.map(async ({ name, model, projectName }) => ({
        name,
        all: (await exportMermaid(model, {
          projectName,
          rev: 2,
          generatedAt: GENERATED_AT,
        })) as string,
        now: (await exportMermaid(model, {
          projectName,
          nowOnly: true,
        })) as string,
      })),
    );
    const arbitrary = await Promise.all(
      fc
        .sample(
          fc.array(
            fc.oneof(
              fc.string({ unit: 'grapheme', maxLength: 40 }),
              fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
            ),
            { minLength: 2, maxLength: 12 },
          ),
          { numRuns: 60, seed: 4242 },
        )
        .map(
          async (texts) =>
            (await exportMermaid(arbitraryModel(texts), {
              projectName: texts[0] ?? '',
            })) as string,
        ),
    );
    // One child process for every diagram, plus two that must fail: the check can fail.
    const results = parseMermaid([
      ...diagrams.flatMap((d) => [d.all, d.now]),
      'erDiagram\n    o1 ||--o{ o2 has',
      'erDiagram\n    o1["A"] {\n    text Name "unterminated\n    }',
      ...arbitrary,
    ]);
    parsed = results.slice(0, diagrams.length * 2 + 2);
    fuzzed = results
      .slice(diagrams.length * 2 + 2)
      .map((result, i) =>
        result.ok
          ? { diagram: '' }
          : { diagram: arbitrary[i] ?? '', error: result.error },
      );
  }, 180_000);

  it('parses with the real mermaid parser, and a broken diagram does not', () => {
    expect(parsed.slice(0, -2)).toEqual(
      diagrams.flatMap(() => [
        { ok: true, type: 'er' },
        { ok: true, type: 'er' },
      ]),
    );
    expect(parsed.slice(-2).map((result) => result.ok)).toEqual([false, false]);
  });

  it('parses whatever text people give objects, attributes and relationships', () => {
    expect(fuzzed.filter((result) => result.error)).toEqual([]);
    expect(fuzzed).toHaveLength(60);
  });

  it.each(models.map((m, i) => [m.name, i] as const))(
    '%s: an entity per object, its attributes, one line per related pair',
    (_name, index) => {
      const { model } = models[index] as (typeof models)[number];
      const text = diagrams[index]?.all ?? '';
      const objects = objectsInOrder(model);
      const entities = [...text.matchAll(/^ {4}(o\d+)\["(.*)"\]/gm)];
      expect(entities.map((m) => m[2])).toEqual(
        objects.map((o) =>
          o.name
            .replace(/"/g, "'")
            .replace(/</g, '\u2039')
            .replace(/>/g, '\u203A')
            .replace(/%/g, '\uFF05')
            .replace(/\\/g, '\uFF3C'),
        ),
      );
      const attributeLines = text
        .split('\n')
        .filter(
          (line) =>
            /^ {4}\S+ \S+( FK)? ".*"$/.test(line) &&
            !RELATIONSHIP_LINE.test(line),
        );
      expect(attributeLines).toHaveLength(Object.keys(model.attributes).length);
      const pairs = new Set(
        Object.values(model.relationships).map((r) =>
          [r.fromObjectId, r.toObjectId].sort().join('|'),
        ),
      );
      expect(
        text.split('\n').filter((line) => RELATIONSHIP_LINE.test(line)),
      ).toHaveLength(pairs.size);
    },
  );

  it('draws a pair once, with both phrases and the cardinality markers', async () => {
    const text = diagrams[diagrams.length - 1]?.all ?? '';
    // Order has many Lines (required), each Line belongs to one Order.
    expect(text).toContain(`o1 ||--|{ o2 : "has 'many' / belongs to"`);
    expect(text).toContain(`o3 ||--o{ o1 : "places"`);
    expect(text).toContain(`o1 ||--o| o1 : "replaces"`);
    expect(text).toContain(
      `reference Buyer FK "Buyer, metadata, refers to Ünïcödé Кастомер 客户"`,
    );
  });

  it('keeps only Now objects when asked', () => {
    const { model } = awkwardModel();
    const now = diagrams[diagrams.length - 1]?.now ?? '';
    expect([...now.matchAll(/^ {4}o\d+\["(.*)"\]/gm)]).toHaveLength(
      Object.keys(nowOnly(model).objects).length,
    );
    expect(now).not.toContain('Кастомер');
  });
});

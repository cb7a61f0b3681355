import {
  objectsInOrder,
  OOUX_COLOURS,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  awkwardModel,
  learningPlatform,
  parseSvg,
  textsOf,
} from '../testing/models';
import { objectMapLayout } from './object-map-layout';
import { NOTE_COLOURS, objectMapSvg } from './object-map-svg';

/** The texts of the notes of one kind, lines joined back into the note's text. */
function noteTexts(document: Document, kind: string): string[] {
  return [...document.querySelectorAll(`g[data-kind="${kind}"]`)].map((g) =>
    [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '),
  );
}

describe('objectMapSvg', () => {
  let model: ProjectModel;
  let svg: string;
  let document: Document;
  beforeAll(() => {
    model = learningPlatform();
    svg = objectMapSvg(objectMapLayout(model), {
      title: 'Learning platform: Object Map',
      subtitle: 'all phases · rev 7',
    });
    document = parseSvg(svg);
  });

  it('is a standalone SVG document: namespace, explicit size, a viewBox, a title', () => {
    const root = document.documentElement;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const width = Number(root.getAttribute('width'));
    const height = Number(root.getAttribute('height'));
    expect(width).toBeGreaterThan(9 * 200);
    expect(height).toBeGreaterThan(400);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(document.querySelector('title')?.textContent).toBe(
      'Learning platform: Object Map',
    );
    expect(textsOf(document)).toContain('all phases · rev 7');
  });

  it('fetches and runs nothing: no scripts, images, links, foreign content or external references', () => {
    expect(
      document.querySelectorAll('script, image, a, foreignObject, use, style'),
    ).toHaveLength(0);
    expect(svg).not.toMatch(/href|url\(|@import|javascript:/i);
  });

  it('holds every object with its notes, in the OOUX colours', () => {
    expect(noteTexts(document, 'object')).toEqual(
      objectsInOrder(model).map((o) => o.name),
    );
    expect(noteTexts(document, 'core')).toContain('Cover image');
    expect(noteTexts(document, 'metadata')).toContain('Average rating');
    expect(noteTexts(document, 'cta')).toContain('Learner: Enroll in');
    const fills = (kind: string) =>
      new Set(
        [
          ...document.querySelectorAll(
            `g[data-kind="${kind}"] > rect:nth-of-type(2)`,
          ),
        ].map((rect) => rect.getAttribute('fill')?.toUpperCase()),
      );
    expect(fills('core')).toEqual(new Set([`#${OOUX_COLOURS.core}`]));
    expect(fills('metadata')).toEqual(new Set([`#${OOUX_COLOURS.metadata}`]));
    expect(fills('nested')).toEqual(new Set([`#${OOUX_COLOURS.nested}`]));
    expect(fills('cta')).toEqual(new Set([`#${OOUX_COLOURS.cta}`]));
    expect(fills('object')).toEqual(
      new Set([NOTE_COLOURS.object.fill.toUpperCase()]),
    );
    // Primary CTAs carry a star; the others do not.
    const primaries = [
      ...document.querySelectorAll('g[data-kind="cta"]'),
    ].filter((g) => g.querySelector('polygon'));
    expect(primaries.length).toBeGreaterThan(0);
    for (const g of primaries)
      expect(g.querySelector('title')?.textContent).toMatch(/\(primary\)$/);
  });

  it('explains the colours in a legend', () => {
    const texts = textsOf(document);
    for (const label of [
      'Object',
      'Core content',
      'Metadata',
      'Nested object',
      'CTA (Role: verb)',
      'Primary CTA',
    ])
      expect(texts).toContain(label);
  });

  it('escapes every text from the model: names cannot add markup', () => {
    const hostile = objectMapSvg(objectMapLayout(awkwardModel()), {
      title: 'Café <b>&</b> "quoted"',
    });
    const parsed = parseSvg(hostile);
    expect(
      parsed.querySelectorAll('script, b, co, order, status'),
    ).toHaveLength(0);
    expect(parsed.querySelector('title')?.textContent).toBe(
      'Café <b>&</b> "quoted"',
    );
    expect(noteTexts(parsed, 'object')).toContain('Order "special" & <co>');
    expect(noteTexts(parsed, 'metadata')).toEqual(['<status>']);
    // Wrapped over lines; the note's title holds the whole text.
    expect(
      [...parsed.querySelectorAll('g[data-kind="cta"] > title')].map(
        (t) => t.textContent,
      ),
    ).toEqual([
      'CTA (Role: verb): Guest <script>alert(1)</script>: Place <order> & "pay" (primary)',
    ]);
  });

  it('stays well-formed whatever a hand-built model holds', () => {
    const model = awkwardModel();
    const [first] = objectsInOrder(model);
    if (!first) throw new Error('the awkward model has objects');
    const broken: ProjectModel = {
      ...model,
      objects: {
        ...model.objects,
        [first.id]: { ...first, name: 'Bell\u0007 ]]> \uD800' },
      },
    };
    const parsed = parseSvg(objectMapSvg(objectMapLayout(broken)));
    expect(noteTexts(parsed, 'object')).toContain('Bell\uFFFD ]]> \uFFFD');
  });

  it('says so when there are no objects yet', () => {
    const parsed = parseSvg(
      objectMapSvg(
        objectMapLayout({
          objects: {},
          relationships: {},
          roles: {},
          ctas: {},
          attributes: {},
        }),
      ),
    );
    expect(textsOf(parsed)).toContain('No objects yet.');
  });

  it('is the same document for the same layout', () => {
    expect(objectMapSvg(objectMapLayout(model))).toBe(
      objectMapSvg(objectMapLayout(learningPlatform())),
    );
  });
});

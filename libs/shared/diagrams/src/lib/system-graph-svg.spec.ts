import { objectsInOrder, type ProjectModel } from '@orca/shared/domain';
import {
  awkwardModel,
  learningPlatform,
  parseSvg,
  textsOf,
} from '../testing/models';
import { DIAGRAM_COLOURS } from './palette';
import { systemGraphLayout } from './system-graph-layout';
import { systemGraphSvg } from './system-graph-svg';

const nodeNames = (document: Document) =>
  [...document.querySelectorAll('[data-layer="nodes"] > g')].map((g) =>
    [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '),
  );

describe('systemGraphSvg', () => {
  let model: ProjectModel;
  let svg: string;
  let document: Document;
  beforeAll(() => {
    model = learningPlatform();
    svg = systemGraphSvg(systemGraphLayout(model), {
      title: 'Learning platform: system graph',
    });
    document = parseSvg(svg);
  });

  it('is a standalone SVG document holding every object as a node', () => {
    const root = document.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const width = Number(root.getAttribute('width'));
    const height = Number(root.getAttribute('height'));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(document.querySelector('title')?.textContent).toBe(
      'Learning platform: system graph',
    );
    expect(nodeNames(document)).toEqual(
      objectsInOrder(model).map((o) => o.name),
    );
    expect(document.querySelector('desc')?.textContent).toBe(
      'System graph: 9 objects and 16 relationships.',
    );
  });

  it('draws the whole graph inside the document', () => {
    const root = document.documentElement;
    const layout = systemGraphLayout(model);
    const width = Number(root.getAttribute('width'));
    const height = Number(root.getAttribute('height'));
    const shift = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(
      document.querySelector('g[transform]')?.getAttribute('transform') ?? '',
    );
    const dx = Number(shift?.[1]);
    const dy = Number(shift?.[2]);
    expect(layout.bounds.x + dx).toBeGreaterThanOrEqual(0);
    expect(layout.bounds.y + dy).toBeGreaterThan(60);
    expect(layout.bounds.x + layout.bounds.width + dx).toBeLessThanOrEqual(
      width,
    );
    expect(layout.bounds.y + layout.bounds.height + dy).toBeLessThanOrEqual(
      height,
    );
  });

  it('draws an arrow per relationship, one-way edges dashed in the warning colour, with a legend saying so', () => {
    const edges = [...document.querySelectorAll('[data-layer="edges"] > g')];
    expect(edges).toHaveLength(Object.keys(model.relationships).length);
    const markers = new Set(
      [...document.querySelectorAll('marker')].map((m) => m.getAttribute('id')),
    );
    for (const g of edges) {
      const path = g.querySelector('path');
      const marker = /^url\(#(.+)\)$/.exec(
        path?.getAttribute('marker-end') ?? '',
      )?.[1];
      expect(markers.has(marker ?? '')).toBe(true);
      if (g.getAttribute('data-tone') === 'one-way') {
        expect(path?.getAttribute('stroke')).toBe(DIAGRAM_COLOURS.oneWay);
        expect(path?.getAttribute('stroke-dasharray')).toBeTruthy();
      } else {
        expect(path?.getAttribute('stroke')).toBe(DIAGRAM_COLOURS.edge);
        expect(path?.hasAttribute('stroke-dasharray')).toBe(false);
      }
    }
    const oneWay = edges.filter(
      (g) => g.getAttribute('data-tone') === 'one-way',
    );
    expect(oneWay.map((g) => g.querySelector('title')?.textContent)).toContain(
      'Lesson → Discussion Post: has · one to many (Lesson → Discussion Post is filled but Discussion Post → Lesson is empty.)',
    );
    const texts = textsOf(document);
    expect(texts).toContain('has · one to many');
    expect(texts).toContain('one way only');
    expect(texts).toContain('One way only: the reverse NOM cell is empty');
    expect(texts).toContain(
      'Contradictory: the two directions disagree on cardinality',
    );
  });

  it('draws contradictory edges red and thicker', () => {
    const parsed = parseSvg(systemGraphSvg(systemGraphLayout(awkwardModel())));
    const red = [
      ...parsed.querySelectorAll('g[data-tone="contradictory"] > path'),
    ];
    expect(red).toHaveLength(2);
    for (const path of red) {
      expect(path.getAttribute('stroke')).toBe(DIAGRAM_COLOURS.contradictory);
      expect(Number(path.getAttribute('stroke-width'))).toBeGreaterThan(2);
    }
    expect(textsOf(parsed)).toContain('contradicts the reverse');
  });

  it('escapes every text from the model, and fetches nothing', () => {
    const hostile = systemGraphSvg(systemGraphLayout(awkwardModel()), {
      title: '<script>alert(1)</script> & co',
    });
    const parsed = parseSvg(hostile);
    expect(
      parsed.querySelectorAll('script, co, a, image, use, foreignObject'),
    ).toHaveLength(0);
    expect(parsed.querySelector('title')?.textContent).toBe(
      '<script>alert(1)</script> & co',
    );
    expect(nodeNames(parsed)).toContain('Order "special" & <co>');
    expect(textsOf(parsed).join(' ')).toContain(
      'has "many" · one to many, required',
    );
    expect(hostile).not.toMatch(
      /href|@import|javascript:|url\((?!#orca-system-graph-arrow-)/i,
    );
  });

  it('prefixes its ids, so two graphs inlined in one page do not share markers', () => {
    const layout = systemGraphLayout(model);
    const a = parseSvg(systemGraphSvg(layout, { idPrefix: 'first' }));
    const b = parseSvg(systemGraphSvg(layout, { idPrefix: 'second' }));
    const ids = (d: Document) =>
      [...d.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids(a).every((id) => id.startsWith('first-'))).toBe(true);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
  });

  it('says so when there are no objects yet', () => {
    const parsed = parseSvg(
      systemGraphSvg(
        systemGraphLayout({
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
});

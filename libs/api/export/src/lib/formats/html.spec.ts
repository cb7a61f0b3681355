import {
  cdllPreview,
  cdllPreviews,
  instanceActions,
  nowOnly,
  objectGuide,
  objectsInOrder,
} from '@orca/shared/domain';
import { JSDOM } from 'jsdom';
import {
  awkwardModel,
  GENERATED_AT,
  testModels,
  withFirstDefinition,
} from '../../testing/fixtures';
import { exportHtml } from './html';

function load(html: string): Document {
  return new JSDOM(html).window.document;
}

/** The names on the system graph's nodes, in document order. */
const graphNodes = (root: ParentNode) =>
  [...root.querySelectorAll('#system-graph [data-layer="nodes"] > g')].map(
    (node) =>
      [...node.querySelectorAll('text')].map((t) => t.textContent).join(' '),
  );

const texts = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((el) => el.textContent ?? '');

describe('HTML Object Map and CDLL previews', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName }) => {
      let html: string;
      let document: Document;
      beforeAll(async () => {
        html = (await exportHtml(model, {
          projectName,
          rev: 4,
          generatedAt: GENERATED_AT,
        })) as string;
        document = load(html);
      });

      it('is one self-contained file: no scripts, no external requests', () => {
        expect(
          document.querySelectorAll('script, link, iframe, object, embed, img'),
        ).toHaveLength(0);
        // Only links a reader follows (a definition's own) leave the page; nothing is fetched.
        const references = [...document.querySelectorAll('[src], [href]')]
          .filter((el) => !el.matches('.definition a[rel~="noopener"]'))
          .map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '');
        expect(references.filter((ref) => !ref.startsWith('#'))).toEqual([]);
        expect(html).not.toMatch(/src\s*=\s*["']?\s*(https?:)?\/\//i);
        // The only url() is the system graph's own arrowheads, by fragment.
        expect(html).not.toMatch(/@import|url\((?!#system-graph-arrow-)/i);
        expect(
          document
            .querySelector('meta[http-equiv="Content-Security-Policy"]')
            ?.getAttribute('content'),
        ).toBe("default-src 'none'; style-src 'unsafe-inline'");
      });

      it('draws the Object Map: a column per object with its core content, metadata, nested objects and CTAs in the OOUX colours', () => {
        const guide = objectGuide(model);
        const columns = [...document.querySelectorAll('.map-column')];
        expect(columns).toHaveLength(guide.entries.length);
        guide.entries.forEach((entry, i) => {
          const column = columns[i] as Element;
          expect(texts(column, '.object')).toEqual([entry.object.name]);
          expect(texts(column, '.core')).toEqual(entry.core.map((a) => a.name));
          expect(texts(column, '.metadata')).toEqual(
            entry.metadata.map((a) => a.name),
          );
          expect(texts(column, '.nested')).toEqual(
            entry.nested.map((n) => n.object.name),
          );
          expect(texts(column, '.cta')).toHaveLength(
            entry.ctasByRole.reduce((n, g) => n + g.ctas.length, 0),
          );
        });
        expect(html).toContain('.core{background:#FFF2CC}');
        expect(html).toContain('.metadata{background:#F4CCCC}');
        expect(html).toContain('.cta{background:#D9EAD3}');
      });

      it('previews every object as Card, Detail, List and Landing, and warns where core content is missing', () => {
        const guide = objectGuide(model);
        const previews = [...document.querySelectorAll('article.preview')];
        expect(
          previews.map((p) =>
            p.querySelector('h3')?.firstChild?.textContent?.trim(),
          ),
        ).toEqual(guide.entries.map((e) => e.object.name));
        guide.entries.forEach((entry, i) => {
          const preview = previews[i] as Element;
          expect(texts(preview, 'figcaption')).toEqual([
            'Card',
            'Detail',
            'List',
            'Landing',
          ]);
          const detail = preview.querySelectorAll('figure')[1] as Element;
          for (const attribute of entry.core)
            expect(texts(detail, 'dt')).toContain(attribute.name);
          // Primary CTAs on an instance; a create CTA is the landing's.
          for (const cta of instanceActions(entry))
            expect(texts(detail, '.button')).toContain(cta.verb);
          const create = cdllPreview(entry, guide).createAction;
          if (create)
            expect(
              texts(
                preview.querySelectorAll('figure')[3] as Element,
                '.button',
              ),
            ).toContain(create.cta.verb);
          const warnings = texts(preview, '.warning').join(' ');
          if (entry.core.length === 0)
            expect(warnings).toContain('No core content');
          else expect(warnings).not.toContain('No core content');
        });
      });

      it("shows what the app's previews show: the domain's samples, sorts, filters and warnings", () => {
        const previews = [...document.querySelectorAll('article.preview')];
        cdllPreviews(model).forEach((sketch, i) => {
          const preview = previews[i] as Element;
          expect(
            texts(preview, '.warning').map((text) => text.slice(2)),
          ).toEqual(sketch.warnings.map((w) => w.message));
          const card = preview.querySelector('figure .card') as Element;
          const first = sketch.instances[0];
          expect(card.querySelector('strong')?.textContent).toBe(first?.name);
          const picture = sketch.cardAttributes.find((a) => a.type === 'image');
          const listed = sketch.cardAttributes.filter((a) => a !== picture);
          expect(texts(card, 'dt')).toEqual(listed.map((a) => a.name));
          expect(texts(card, 'dd')).toEqual(
            listed.map((a) => first?.values[a.id]?.text),
          );
          const controls = texts(preview, '.controls span').join(' | ');
          if (sketch.controls.sorts[0])
            expect(controls).toContain(sketch.controls.sorts[0].label);
          for (const filter of sketch.controls.filters)
            expect(controls).toContain(`${filter.attribute.name}: any`);
          if (
            sketch.controls.sorts.length + sketch.controls.filters.length ===
            0
          )
            expect(controls).toBe('No sort or filter (no metadata)');
        });
      });

      it('shows only Now objects when asked', async () => {
        const now = load(
          (await exportHtml(model, { projectName, nowOnly: true })) as string,
        );
        expect(texts(now, '.map-column .object')).toEqual(
          objectsInOrder(nowOnly(model)).map((o) => o.name),
        );
        expect(now.querySelector('.sub')?.textContent).toContain('Now only');
        expect(graphNodes(now)).toEqual(
          objectsInOrder(nowOnly(model)).map((o) => o.name),
        );
      });

      it('draws the system graph: every object a node, every relationship an arrow', () => {
        expect(graphNodes(document)).toEqual(
          objectsInOrder(model).map((o) => o.name),
        );
        const graph = document.querySelector('#system-graph svg');
        expect(graph?.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
        expect(
          graph?.querySelectorAll('[data-layer="edges"] > g path'),
        ).toHaveLength(Object.keys(model.relationships).length);
        for (const path of graph?.querySelectorAll('path[marker-end]') ?? [])
          expect(
            graph?.querySelector(
              (path.getAttribute('marker-end') ?? '').slice(4, -1),
            )?.tagName,
          ).toBe('marker');
      });
    },
  );

  it('escapes every text: names and definitions cannot add markup', async () => {
    const { model, projectName } = awkwardModel();
    const document = load((await exportHtml(model, { projectName })) as string);
    expect(document.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(document.title).toBe(`${projectName}: Object Map and CDLL previews`);
    expect(document.querySelector('h1')?.textContent).toBe(projectName);
    expect(document.body.textContent).toContain(
      'Guest <script>alert(1)</script>: Place <order>',
    );
    expect(document.querySelector('.definition')?.textContent).toContain(
      '<img src="https://evil.example/x.png">',
    );
  });

  it("renders definitions as the team's Markdown: emphasis, lists and links", async () => {
    const { model: edited, projectName } = withFirstDefinition(
      'A **taught** series.\n\n- has lessons\n- has a [syllabus](https://example.org/s)',
    );
    const document = load(
      (await exportHtml(edited, { projectName })) as string,
    );
    const definition = document.querySelector('#object-1 .definition');
    expect(definition?.querySelector('strong')?.textContent).toBe('taught');
    expect(texts(definition as Element, 'li')).toEqual([
      'has lessons',
      'has a syllabus',
    ]);
    expect(definition?.querySelector('a')?.getAttribute('href')).toBe(
      'https://example.org/s',
    );
    expect(
      document.querySelector('#object-1 .hero p strong')?.textContent,
    ).toBe('taught');
  });
});

import {
  fromInterchange,
  nowOnly,
  objectGuide,
  objectsInOrder,
} from '@orca/shared/domain';
import { readPdf } from '../../testing/pdf-text';
import {
  awkwardModel,
  GENERATED_AT,
  testModels,
  withFirstDefinition,
} from '../../testing/fixtures';
import { exportPdf, PDF_GRAPH_MAX_OBJECTS } from './pdf';

/**
 * pdfmake may break a line after `/` or `%`: compare text without whitespace. Roboto has no
 * glyphs for scripts beyond Latin, Greek and Cyrillic (CJK prints blank), so those are left out.
 */
const squash = (text: string) =>
  text
    .replace(
      /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/gu,
      '',
    )
    .replace(/\s+/g, '');

/** The text of the system graph's page: from its heading to the page's footer. */
function graphText(text: string): string {
  const start = text.indexOf('System graph\n');
  expect(start).toBeGreaterThan(-1);
  const footer = /\n[^\n]* · \d+ \/ \d+\n/.exec(text.slice(start));
  return text.slice(start, start + (footer?.index ?? text.length));
}

describe('PDF Object Guide and Object Map', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName }) => {
      it('is a valid PDF holding the Object Map and a guide section per object', async () => {
        const percents: number[] = [];
        const pdf = (await exportPdf(model, {
          projectName,
          rev: 5,
          generatedAt: GENERATED_AT,
          onProgress: (percent) => percents.push(percent),
        })) as Buffer;
        const { pages, text } = readPdf(pdf);
        const guide = objectGuide(model);
        // Title page, the Object Map on its own page(s), then the guide.
        expect(pages).toBeGreaterThanOrEqual(3);
        expect(text).toContain(
          `Object Guide and Object Map · rev 5 · all phases · generated ${GENERATED_AT}`,
        );
        const map = text.slice(text.indexOf('Object Map\n'));
        for (const entry of guide.entries) {
          expect(squash(map)).toContain(squash(entry.object.name));
          for (const attribute of [...entry.core, ...entry.metadata])
            expect(squash(text)).toContain(squash(attribute.name));
          for (const group of entry.ctasByRole)
            for (const cta of group.ctas)
              expect(squash(text)).toContain(
                squash(`${group.role.name}: ${cta.verb}`),
              );
        }
        expect(text.match(/\nStates\n/g)).toHaveLength(guide.entries.length);
        expect(text.match(/\nNested objects\n/g)).toHaveLength(
          guide.entries.length,
        );
        expect(percents[0]).toBe(0);
        expect(percents.at(-1)).toBe(100);
        expect([...percents].sort((a, b) => a - b)).toEqual(percents);
      });

      it('draws the system graph on a page of its own, every object a node', async () => {
        const { text } = readPdf(
          (await exportPdf(model, { projectName })) as Buffer,
        );
        const graph = graphText(text);
        expect(graph).toContain('One way only: the reverse NOM cell is empty');
        for (const object of objectsInOrder(model))
          expect(squash(graph)).toContain(squash(object.name));
        for (const r of Object.values(model.relationships))
          if (r.label) expect(squash(graph)).toContain(squash(r.label));
      });

      it('holds only Now objects when asked', async () => {
        const pdf = (await exportPdf(model, {
          projectName,
          nowOnly: true,
        })) as Buffer;
        const { text } = readPdf(pdf);
        expect(text.match(/\nStates\n/g) ?? []).toHaveLength(
          objectsInOrder(nowOnly(model)).length,
        );
        const later = objectsInOrder(model).filter(
          (o) => o.priority === 'later',
        );
        for (const object of later)
          expect(text).not.toContain(`${object.name} (later)`);
        const graph = graphText(text);
        for (const object of objectsInOrder(nowOnly(model)))
          expect(squash(graph)).toContain(squash(object.name));
        for (const object of later)
          expect(graph.split('\n')).not.toContain(object.name);
      });
    },
  );

  it('says where to see a system graph too large to print, and still guides every object', async () => {
    const objects = PDF_GRAPH_MAX_OBJECTS + 1;
    const imported = fromInterchange(
      {
        format: 'orca-project',
        version: 1,
        project: { name: 'Large' },
        objects: Array.from({ length: objects }, (_, i) => ({
          key: `o${i}`,
          name: `Object ${i}`,
        })),
        relationships: [{ from: 'o0', to: 'o1', cardinality: 'one-to-many' }],
      },
      { generateId: () => crypto.randomUUID() },
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const { text } = readPdf(
      (await exportPdf(imported.model, { projectName: 'Large' })) as Buffer,
    );
    expect(squash(graphText(text))).toContain(
      squash(
        `The system graph of ${objects} objects and 1 relationship is too large to print on one page.`,
      ),
    );
    expect(text.match(/\nStates\n/g)).toHaveLength(objects);
  });

  it('prints names as text, accents and Cyrillic included', async () => {
    const { model, projectName } = awkwardModel();
    const { text } = readPdf(
      (await exportPdf(model, { projectName })) as Buffer,
    );
    expect(squash(text)).toContain(squash('Café "Ölmühle" <b>& co</b>'));
    expect(squash(text)).toContain(
      squash('Guest <script>alert(1)</script>: Place <order>'),
    );
    expect(text).toContain('Ünïcödé Кастомер');
  });

  it("prints definitions as the team's Markdown: no asterisks or brackets, lists kept", async () => {
    const { model: edited, projectName } = withFirstDefinition(
      'A **taught** _series_ of `lessons`.\n\n1. has modules\n2. has a [syllabus](https://example.org/s)\n\n<b>raw</b>',
    );
    const { text } = readPdf(
      (await exportPdf(edited, { projectName })) as Buffer,
    );
    expect(squash(text)).toContain(squash('A taught series of lessons.'));
    // pdfmake writes a list's numbers after its items: look for the items in order.
    expect(squash(text)).toMatch(/hasmodules.*hasasyllabus/);
    expect(squash(text)).toContain(squash('<b>raw</b>'));
    expect(text).not.toMatch(/\*\*taught|_series_|\[syllabus\]/);
  });
});

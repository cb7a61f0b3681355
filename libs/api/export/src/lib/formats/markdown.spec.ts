import {
  cardinalityPhrase,
  nowOnly,
  objectGuide,
  objectsInOrder,
  rolesInOrder,
} from '@orca/shared/domain';
import { marked } from 'marked';
import { awkwardModel, GENERATED_AT, testModels } from '../../testing/fixtures';
import { exportMarkdown } from './markdown';

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The rendered text of every heading of a level outside quotes, as a Markdown viewer shows it. */
function headings(markdown: string, level: number): string[] {
  const html = marked
    .parse(markdown, { async: false })
    .replace(/<blockquote>[\s\S]*?<\/blockquote>/g, '');
  return [
    ...html.matchAll(new RegExp(`<h${level}[^>]*>(.*?)</h${level}>`, 'g')),
  ].map((match) => decode(match[1] ?? ''));
}

/** The Markdown of one object's section. */
function section(markdown: string, name: string, next?: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex(
    (line) =>
      decode(marked.parseInline(line.replace(/^## /, ''), { async: false })) ===
        name && line.startsWith('## '),
  );
  const end = next
    ? lines.findIndex(
        (line, i) =>
          i > start &&
          line.startsWith('## ') &&
          decode(
            marked.parseInline(line.replace(/^## /, ''), { async: false }),
          ) === next,
      )
    : lines.length;
  return lines.slice(start, end).join('\n');
}

describe('Markdown Object Guide', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName }) => {
      it('has a section per object with definition, synonyms, states, attributes, nested objects and CTAs per role', async () => {
        const markdown = (await exportMarkdown(model, {
          projectName,
          rev: 3,
          generatedAt: GENERATED_AT,
        })) as string;
        const objects = objectsInOrder(model);
        expect(headings(markdown, 1)).toEqual([`${projectName}: Object Guide`]);
        expect(headings(markdown, 2)).toEqual([
          ...(objects.length > 0 ? ['Objects'] : []),
          ...objects.map((o) => o.name),
        ]);
        const guide = objectGuide(model);
        guide.entries.forEach((entry, index) => {
          const text = section(
            markdown,
            entry.object.name,
            guide.entries[index + 1]?.object.name,
          );
          const html = decode(marked.parse(text, { async: false }));
          for (const line of entry.object.definition.split('\n'))
            if (line.trim())
              expect(text).toContain(`> ${line.replace(/</g, '&lt;')}`);
          for (const synonym of entry.object.synonyms)
            expect(html).toContain(synonym);
          for (const state of entry.object.states)
            expect(html).toContain(state.name);
          expect(headings(text, 4).slice(0, 2)).toEqual([
            'Core content',
            'Metadata',
          ]);
          for (const attribute of [...entry.core, ...entry.metadata])
            expect(html).toContain(attribute.name);
          for (const nested of entry.nested) {
            expect(html).toContain(nested.object.name);
            expect(html).toContain(cardinalityPhrase(nested.relationship));
          }
          expect(headings(text, 4).slice(2)).toEqual(
            entry.ctasByRole.map(
              (g) =>
                `${g.role.name}${g.role.archived ? ' (archived role)' : ''}`,
            ),
          );
          for (const group of entry.ctasByRole)
            for (const cta of group.ctas) {
              expect(html).toContain(cta.verb);
              if (cta.preconditions) expect(html).toContain(cta.preconditions);
            }
        });
        expect(markdown).toContain(
          `roles: ${rolesInOrder(model).length > 0 ? '' : 'none yet'}`,
        );
      });

      it('leaves out objects not planned for Now when asked', async () => {
        const markdown = (await exportMarkdown(model, {
          projectName,
          nowOnly: true,
        })) as string;
        expect(headings(markdown, 2)).toEqual(
          objectsInOrder(nowOnly(model)).length > 0
            ? ['Objects', ...objectsInOrder(nowOnly(model)).map((o) => o.name)]
            : [],
        );
        expect(markdown).toContain('Now only');
      });
    },
  );

  it('shows names literally: no markup, links or HTML can come from a name', async () => {
    const { model, projectName } = awkwardModel();
    const markdown = (await exportMarkdown(model, { projectName })) as string;
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>|<img/);
    expect(headings(markdown, 1)).toEqual([`${projectName}: Object Guide`]);
    expect(headings(markdown, 4)).toContain('Guest <script>alert(1)</script>');
    // A definition is the team's own Markdown, quoted: its "# heading" does not become a section,
    // its emphasis stays, its raw HTML reads as text.
    expect(html).toContain('<blockquote>\n<h1>Not a heading</h1>');
    expect(html).toContain('<strong>markdown</strong>');
    expect(html).toContain('&lt;img src=');
  });
});

import { JSDOM } from 'jsdom';
import { safeMarkdownHtml } from './safe-markdown';

describe('safeMarkdownHtml', () => {
  it('renders the Markdown people write in definitions', () => {
    const html = safeMarkdownHtml(
      'A **course** is a _series_ of lessons.\n\n- has modules\n- has a `code`\n\nSee [the catalogue](https://example.org/c).',
    );
    expect(html).toContain('<strong>course</strong>');
    expect(html).toContain('<em>series</em>');
    expect(html).toContain('<li>has modules</li>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain(
      '<a href="https://example.org/c" rel="noopener noreferrer">the catalogue</a>',
    );
  });

  it('shows raw HTML as text and never keeps a script, a handler or a javascript: link', () => {
    const html = safeMarkdownHtml(
      'Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n<div onclick="x()">block</div>\n\n[click](javascript:alert(3)) [data](data:text/html,x)',
    );
    const body = new JSDOM(html).window.document.body;
    expect(body.querySelectorAll('script, img, div, a')).toHaveLength(0);
    const attributes = [...body.querySelectorAll('*')].flatMap((el) =>
      el.getAttributeNames(),
    );
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
    expect(body.textContent).toContain('<img src=x onerror=alert(2)>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('click');
    expect(html).toContain('data');
  });

  it('fetches nothing: an image becomes its alt text', () => {
    const html = safeMarkdownHtml(
      '![Course cover](https://cdn.example.org/c.png)',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('cdn.example.org');
    expect(html).toContain('[Course cover]');
  });

  it('gives nothing for blank text', () => {
    expect(safeMarkdownHtml('  \n ')).toBe('');
  });
});

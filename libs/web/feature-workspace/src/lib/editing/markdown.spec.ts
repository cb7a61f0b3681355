import { TestBed } from '@angular/core/testing';
import { DomSanitizer } from '@angular/platform-browser';
import { renderMarkdown } from './markdown';

/**
 * The one place the app inserts HTML made from model text (`[innerHTML]` of a definition): what
 * people typed must come out inert, whatever it holds (issue 12, decision 0025).
 */
describe('renderMarkdown', () => {
  const render = (text: string) => {
    const host = document.createElement('div');
    host.innerHTML = renderMarkdown(text, TestBed.inject(DomSanitizer));
    return host;
  };

  beforeEach(() =>
    jest.spyOn(console, 'warn').mockImplementation(() => undefined),
  );
  afterEach(() => jest.restoreAllMocks());

  it('keeps the team’s Markdown: emphasis, lists and http links', () => {
    const host = render(
      'A **course**.\n\n- one\n- two\n\n[docs](https://example.org)',
    );
    expect(host.querySelector('strong')?.textContent).toBe('course');
    expect(host.querySelectorAll('li')).toHaveLength(2);
    expect(host.querySelector('a')?.getAttribute('href')).toBe(
      'https://example.org',
    );
  });

  it('drops scripts, event handlers and javascript: links, however they are written', () => {
    const host = render(
      [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<a href="javascript:alert(2)" onclick="alert(3)">a</a>',
        '[link](javascript:alert(1))',
        '[b](JaVaScRiPt:alert(1))',
        '[c](java&#115;cript:alert(1))',
        '<svg onload=alert(4)><circle/></svg>',
        '<iframe src="https://evil.example"></iframe>',
      ].join('\n\n'),
    );
    expect(host.querySelectorAll('script, iframe, svg')).toHaveLength(0);
    const handlers = [...host.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes]
        .filter((a) => /^on/i.test(a.name))
        .map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    const hrefs = [...host.querySelectorAll('[href], [src]')].map(
      (element) =>
        element.getAttribute('href') ?? element.getAttribute('src') ?? '',
    );
    expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);
  });
});

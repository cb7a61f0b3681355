/**
 * A definition's Markdown as HTML for the self-contained export page, with no way to run code or
 * reach the network: raw HTML in the text is shown as text, links keep only http(s) and mailto
 * targets (others become plain text), and images become their alt text in brackets (the page
 * must fetch nothing). The page's Content-Security-Policy backs this up.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './text';

const SAFE_LINK = /^(https?:|mailto:)/i;

const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_LINK.test(href.trim())) return label;
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href.trim())}"${titled} rel="noopener noreferrer">${label}</a>`;
    },
    image({ text }: Tokens.Image): string {
      return text ? `[${escapeHtml(text)}]` : '';
    },
  },
});

/** Safe HTML for a piece of the team's Markdown (empty for blank text). */
export function safeMarkdownHtml(text: string): string {
  if (!text.trim()) return '';
  return markdown.parse(text) as string;
}

/** One line of the team's Markdown as safe inline HTML (no paragraph around it). */
export function safeMarkdownInline(text: string): string {
  return markdown.parseInline(text) as string;
}

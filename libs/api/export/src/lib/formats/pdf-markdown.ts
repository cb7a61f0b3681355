/**
 * A definition's Markdown as pdfmake content: paragraphs, headings, lists, quotes and code, with
 * bold, italics, strike-through, code and links inside them. Raw HTML and images print as the
 * text they are written as (a PDF fetches nothing).
 */
import { Lexer, type Token, type Tokens } from 'marked';
import type { Content } from 'pdfmake/interfaces';

interface Marks {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly strike?: boolean;
}

/** A run of text with its marks, as pdfmake nests them. */
interface Run {
  readonly text: string | Run[];
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly decoration?: 'lineThrough' | 'underline';
  readonly background?: string;
  readonly color?: string;
  readonly link?: string;
}

const SAFE_LINK = /^(https?:|mailto:)/i;
const CODE_BACKGROUND = '#eef1f4';
const LINK_COLOUR = '#0b5cad';
const MUTED = '#57606a';

function run(text: string, marks: Marks): Run {
  return {
    text,
    ...(marks.bold && { bold: true }),
    ...(marks.italics && { italics: true }),
    ...(marks.strike && { decoration: 'lineThrough' as const }),
  };
}

function inline(tokens: readonly Token[] | undefined, marks: Marks): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs.push(...inline(token.tokens, { ...marks, bold: true }));
        break;
      case 'em':
        runs.push(...inline(token.tokens, { ...marks, italics: true }));
        break;
      case 'del':
        runs.push(...inline(token.tokens, { ...marks, strike: true }));
        break;
      case 'codespan':
        runs.push({ ...run(token.text, marks), background: CODE_BACKGROUND });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const label = inline(link.tokens, marks);
        runs.push(
          SAFE_LINK.test(link.href.trim())
            ? {
                text: label,
                link: link.href.trim(),
                color: LINK_COLOUR,
                decoration: 'underline',
              }
            : { text: label },
        );
        break;
      }
      case 'image':
        runs.push(run(token.text ? `[${token.text}]` : '', marks));
        break;
      case 'br':
        runs.push(run('\n', marks));
        break;
      case 'text':
        runs.push(
          ...('tokens' in token && token.tokens && token.tokens.length > 0
            ? inline(token.tokens, marks)
            : [run(decode(token.text), marks)]),
        );
        break;
      case 'escape':
        runs.push(run(token.text, marks));
        break;
      default:
        // Raw HTML, tags and anything new: the text as written.
        runs.push(run(token.raw, marks));
    }
  }
  return runs;
}

/** The few entities marked leaves in text tokens. */
function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function blocks(tokens: readonly Token[]): Content[] {
  const content: Content[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        break;
      case 'paragraph':
        content.push({ text: inline(token.tokens, {}), margin: [0, 0, 0, 4] });
        break;
      case 'heading':
        content.push({
          text: inline(token.tokens, { bold: true }),
          margin: [0, 2, 0, 2],
        });
        break;
      case 'text':
        content.push({
          text:
            'tokens' in token && token.tokens
              ? inline(token.tokens, {})
              : decode(token.text),
        });
        break;
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map(
          (item): Content => ({ stack: blocks(item.tokens) }),
        );
        content.push(
          list.ordered
            ? {
                ol: items,
                start: typeof list.start === 'number' ? list.start : 1,
                margin: [0, 0, 0, 4],
              }
            : { ul: items, margin: [0, 0, 0, 4] },
        );
        break;
      }
      case 'blockquote':
        content.push({
          stack: blocks(token.tokens ?? []),
          margin: [12, 0, 0, 4],
          color: MUTED,
        });
        break;
      case 'code':
        content.push({
          text: token.text,
          background: CODE_BACKGROUND,
          preserveLeadingSpaces: true,
          margin: [0, 0, 0, 4],
        });
        break;
      default:
        // Tables, raw HTML blocks and anything new: the text as written.
        content.push({ text: token.raw.trim(), margin: [0, 0, 0, 4] });
    }
  }
  return content;
}

/** The Markdown's blocks, ready for a `stack`. */
export function markdownToPdf(markdown: string): Content[] {
  return blocks(new Lexer({ gfm: true, breaks: true }).lex(markdown));
}

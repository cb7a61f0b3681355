import {
  Pipe,
  type PipeTransform,
  SecurityContext,
  inject,
} from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { Marked } from 'marked';

// One instance with our options, leaving marked's global defaults alone.
const markdown = new Marked({ gfm: true, breaks: true, async: false });

/**
 * Markdown (a definition, a note) as HTML safe to insert: marked renders it, Angular's sanitizer
 * then removes scripts, event handlers and `javascript:` links, whatever the text contains.
 */
export function renderMarkdown(text: string, sanitizer: DomSanitizer): string {
  if (!text.trim()) return '';
  const html = markdown.parse(text) as string;
  return sanitizer.sanitize(SecurityContext.HTML, html) ?? '';
}

/** `[innerHTML]="object.definition | markdown"`. */
@Pipe({ name: 'markdown' })
export class MarkdownPipe implements PipeTransform {
  private readonly sanitizer = inject(DomSanitizer);

  transform(text: string | null | undefined): string {
    return renderMarkdown(text ?? '', this.sanitizer);
  }
}

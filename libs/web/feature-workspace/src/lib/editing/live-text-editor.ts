import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { type TextOp, applyTextOps, diffToTextOps } from '@orca/shared/domain';
import { rebaseTextEdit } from './text-edits';

/** How long typing may pause before the edit is sent. */
export const LIVE_TEXT_SEND_DELAY_MS = 300;

/**
 * A textarea over a long text field that several people may type in at once. It sends what the
 * person typed as text ops (a short pause after typing, and on leaving the field), and when the
 * text changes underneath — someone else's edit, or a refused one of ours rolled back — it
 * carries the unsent typing over onto the new text, keeping the caret where it was.
 */
@Component({
  selector: 'orca-live-text-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <textarea
      #area
      class="textarea"
      [id]="fieldId()"
      [attr.aria-describedby]="describedBy()"
      [rows]="rows()"
      [disabled]="disabled()"
      [attr.placeholder]="placeholder()"
      (input)="onInput()"
      (focus)="focused.emit()"
      (blur)="onBlur()"
    ></textarea>
  `,
  styles: `
    :host {
      display: block;
    }
    textarea {
      font-family: var(--orca-font-mono);
      font-size: 0.9375rem;
      line-height: 1.5;
    }
  `,
})
export class LiveTextEditor {
  /** The field's text in the model (with this person's pending edits). */
  readonly text = input.required<string>();
  readonly fieldId = input.required<string>();
  readonly describedBy = input<string | null>(null);
  readonly placeholder = input<string | null>(null);
  readonly rows = input(8);
  readonly disabled = input(false);
  /** Ops that turn the model's text into what the person typed. */
  readonly edited = output<TextOp[]>();
  readonly focused = output<void>();
  readonly blurred = output<void>();

  private readonly area = viewChild<ElementRef<HTMLTextAreaElement>>('area');
  /** The model's text the draft is based on. */
  private synced = '';
  /** What the textarea holds. */
  private draft = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    afterNextRender(() => {
      const element = this.area()?.nativeElement;
      if (element) element.value = this.draft;
    });
    effect(() => {
      const text = this.text();
      untracked(() => this.rebaseOnto(text));
    });
    inject(DestroyRef).onDestroy(() => this.flush());
  }

  /** Sends what is typed and not yet sent, now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.rebaseOnto(untracked(this.text));
    const ops = diffToTextOps(this.synced, this.draft);
    if (ops.length === 0) return;
    // The store applies it at once: the model's text becomes the draft.
    this.synced = this.draft;
    this.edited.emit(ops);
  }

  protected onInput(): void {
    const element = this.area()?.nativeElement;
    if (!element) return;
    this.draft = element.value;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), LIVE_TEXT_SEND_DELAY_MS);
  }

  protected onBlur(): void {
    this.flush();
    this.blurred.emit();
  }

  private rebaseOnto(text: string): void {
    if (text === this.synced) return;
    const element = this.area()?.nativeElement;
    const before = this.draft;
    const unsent = rebaseTextEdit(this.synced, this.draft, text);
    this.synced = text;
    this.draft = applyTextOps(text, unsent);
    if (!element || element.value === this.draft) return;
    const caret = shiftedCaret(before, this.draft, element.selectionStart);
    element.value = this.draft;
    if (element === element.ownerDocument.activeElement)
      element.setSelectionRange(caret, caret);
  }
}

/** Where a caret at `caret` in `before` belongs in `after`, when one span of text changed. */
function shiftedCaret(before: string, after: string, caret: number): number {
  let prefix = 0;
  while (
    prefix < before.length &&
    prefix < after.length &&
    before[prefix] === after[prefix]
  )
    prefix++;
  if (caret <= prefix) return caret;
  return Math.max(prefix, caret + after.length - before.length);
}

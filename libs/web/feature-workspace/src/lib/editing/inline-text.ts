import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/** An inline edit that ended with Enter or by leaving the field: the text before and after. */
export interface InlineEdit {
  readonly before: string;
  readonly after: string;
}

/**
 * A value shown as text that turns into an input on click, Enter or F2, like a spreadsheet cell.
 * Enter or leaving the field saves; Escape puts the value back. Read-only people see plain text.
 */
@Component({
  selector: 'orca-inline-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.editing]': 'editing()' },
  template: `
    @if (editing()) {
      <input
        #field
        class="input"
        type="text"
        [attr.aria-label]="label()"
        [value]="draft()"
        [attr.maxlength]="maxLength()"
        (input)="draft.set(field.value)"
        (keydown.enter)="$event.preventDefault(); commit(true)"
        (keydown.escape)="$event.preventDefault(); cancel()"
        (blur)="commit()"
        (focus)="activated.emit()"
      />
    } @else if (disabled()) {
      <span class="value" [class.placeholder]="!value()">{{
        value() || placeholder()
      }}</span>
    } @else {
      <button
        #display
        type="button"
        class="value cell-button"
        [class.placeholder]="!value()"
        [attr.aria-label]="
          label() + ': ' + (value() || placeholder()) + '. Edit'
        "
        (click)="start()"
        (keydown.f2)="start()"
      >
        {{ value() || placeholder() }}
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .value {
      display: block;
      width: 100%;
      min-height: 2rem;
      padding: var(--orca-space-1) var(--orca-space-2);
      overflow-wrap: anywhere;
    }
    .cell-button {
      border: 1px solid transparent;
      border-radius: var(--orca-radius);
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: text;
    }
    .cell-button:hover {
      border-color: var(--orca-border);
      background: var(--orca-surface);
    }
    .placeholder {
      color: var(--orca-text-muted);
      font-style: italic;
    }
    .input {
      min-height: 2rem;
      padding: var(--orca-space-1) var(--orca-space-2);
    }
  `,
})
export class InlineText {
  readonly value = input.required<string>();
  /** Says what the value is, for screen readers ("Name of Course"). */
  readonly label = input.required<string>();
  readonly placeholder = input('—');
  readonly disabled = input(false);
  readonly maxLength = input<number | null>(null);
  readonly saved = output<InlineEdit>();
  /** The person started editing (for presence). */
  readonly activated = output<void>();
  readonly finished = output<void>();

  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  private before = '';
  private readonly field = viewChild<ElementRef<HTMLInputElement>>('field');
  private readonly display =
    viewChild<ElementRef<HTMLButtonElement>>('display');
  /** Ended from the keyboard: focus goes back to the value, not to the page. */
  private returnFocus = false;

  constructor() {
    afterRenderEffect(() => {
      const field = this.field()?.nativeElement;
      if (field && this.editing() && document.activeElement !== field) {
        field.focus();
        field.select();
      }
      const display = this.display()?.nativeElement;
      if (display && !this.editing() && this.returnFocus) {
        this.returnFocus = false;
        display.focus();
      }
    });
  }

  /** Opens the editor (also used by the page for keyboard shortcuts). */
  start(): void {
    if (this.disabled() || this.editing()) return;
    this.before = this.value();
    this.draft.set(this.before);
    this.editing.set(true);
  }

  protected commit(fromKeyboard = false): void {
    if (!this.editing()) return;
    this.returnFocus = fromKeyboard;
    this.editing.set(false);
    const after = this.draft();
    if (after !== this.before) this.saved.emit({ before: this.before, after });
    this.finished.emit();
  }

  protected cancel(): void {
    this.returnFocus = true;
    this.editing.set(false);
    this.finished.emit();
  }
}

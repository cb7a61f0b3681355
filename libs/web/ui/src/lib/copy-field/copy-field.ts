import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';

type CopyOutcome = 'idle' | 'copied' | 'failed';

/** A read-only value (a link, a secret) with a button that copies it to the clipboard. */
@Component({
  selector: 'orca-copy-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="label" [attr.for]="fieldId()">{{ label() }}</label>
    <div class="row">
      <input
        #valueInput
        class="input mono"
        type="text"
        readonly
        [id]="fieldId()"
        [value]="value()"
        [attr.data-testid]="testId()"
        (focus)="valueInput.select()"
      />
      <button
        type="button"
        class="btn"
        [attr.aria-label]="'Copy ' + label()"
        [attr.data-testid]="testId() ? testId() + '-copy' : null"
        (click)="copy()"
      >
        Copy
      </button>
    </div>
    <p class="status" aria-live="polite">
      @switch (outcome()) {
        @case ('copied') {
          Copied to the clipboard.
        }
        @case ('failed') {
          Could not copy automatically: the text is selected, press Ctrl+C (⌘C
          on a Mac).
        }
      }
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .label {
      display: block;
      font-weight: 600;
      margin-bottom: var(--orca-space-1);
    }
    .row {
      display: flex;
      gap: var(--orca-space-2);
    }
    .row .input {
      flex: 1;
      min-width: 0;
    }
    .status {
      min-height: 1.25rem;
      margin: var(--orca-space-1) 0 0;
      font-size: 0.875rem;
      color: var(--orca-text-muted);
    }
  `,
})
export class CopyField {
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly fieldId = input.required<string>();
  readonly testId = input<string | null>(null);
  readonly copied = output<string>();

  protected readonly outcome = signal<CopyOutcome>('idle');
  private readonly clipboard = inject(Clipboard);
  private readonly valueInput =
    viewChild.required<ElementRef<HTMLInputElement>>('valueInput');

  protected copy(): void {
    if (this.clipboard.copy(this.value())) {
      this.outcome.set('copied');
      this.copied.emit(this.value());
    } else {
      this.outcome.set('failed');
      this.valueInput().nativeElement.select();
    }
  }
}

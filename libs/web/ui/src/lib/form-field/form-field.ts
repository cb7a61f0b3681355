import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
} from '@angular/core';

/**
 * A labelled form control with an optional hint and an error text.
 * Project one control whose `id` equals `fieldId`; the field wires `aria-describedby` and
 * `aria-invalid` on it so screen readers announce the hint and the error with the control.
 */
@Component({
  selector: 'orca-form-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'orca-form-field', '[class.has-error]': '!!error()' },
  template: `
    <label class="label" [attr.for]="fieldId()">
      {{ label() }}
      @if (optional()) {
        <span class="optional">(optional)</span>
      }
    </label>
    @if (hint()) {
      <p class="hint" [id]="fieldId() + '-hint'">{{ hint() }}</p>
    }
    <ng-content />
    @if (error()) {
      <p
        class="error"
        [id]="fieldId() + '-error'"
        [attr.data-testid]="fieldId() + '-error'"
      >
        {{ error() }}
      </p>
    }
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
    .optional {
      font-weight: 400;
      color: var(--orca-text-muted);
    }
    .hint {
      margin: 0 0 var(--orca-space-2);
      font-size: 0.875rem;
      color: var(--orca-text-muted);
    }
    .error {
      margin: var(--orca-space-1) 0 0;
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--orca-danger);
    }
  `,
})
export class FormField {
  readonly label = input.required<string>();
  /** The `id` of the projected control. */
  readonly fieldId = input.required<string>();
  readonly hint = input<string | null>(null);
  readonly error = input<string | null>(null);
  readonly optional = input(false);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  constructor() {
    afterRenderEffect(() => {
      const id = this.fieldId();
      const described = [
        this.hint() ? `${id}-hint` : null,
        this.error() ? `${id}-error` : null,
      ].filter((value): value is string => value !== null);
      const control = Array.from(
        this.host.nativeElement.querySelectorAll<HTMLElement>(
          'input, select, textarea',
        ),
      ).find((element) => element.id === id);
      if (!control) {
        return;
      }
      if (described.length > 0) {
        control.setAttribute('aria-describedby', described.join(' '));
      } else {
        control.removeAttribute('aria-describedby');
      }
      control.setAttribute('aria-invalid', String(!!this.error()));
    });
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message box. Errors are announced at once (`role="alert"`), other tones politely.
 * The message is projected; `heading` is optional.
 */
@Component({
  selector: 'orca-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': "'orca-alert tone-' + tone()",
    '[attr.role]': 'role()',
  },
  template: `
    <div class="body">
      @if (heading()) {
        <p class="heading">{{ heading() }}</p>
      }
      <ng-content />
    </div>
    @if (dismissible()) {
      <button
        type="button"
        class="btn btn-quiet btn-small dismiss"
        [attr.aria-label]="dismissLabel()"
        (click)="dismissed.emit()"
      >
        ✕
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: var(--orca-space-3);
      padding: var(--orca-space-3) var(--orca-space-4);
      border: 1px solid currentColor;
      border-left-width: 4px;
      border-radius: var(--orca-radius);
      margin-bottom: var(--orca-space-4);
    }
    :host(.tone-info) {
      background: var(--orca-info-soft);
      color: var(--orca-info);
    }
    :host(.tone-success) {
      background: var(--orca-success-soft);
      color: var(--orca-success);
    }
    :host(.tone-warning) {
      background: var(--orca-warning-soft);
      color: var(--orca-warning);
    }
    :host(.tone-error) {
      background: var(--orca-danger-soft);
      color: var(--orca-danger);
    }
    .body {
      flex: 1;
      color: var(--orca-text);
    }
    .body ::ng-deep p:last-child {
      margin-bottom: 0;
    }
    .heading {
      font-weight: 700;
      margin-bottom: var(--orca-space-1);
    }
    .dismiss {
      color: inherit;
    }
  `,
})
export class Alert {
  readonly tone = input<AlertTone>('info');
  readonly heading = input<string | null>(null);
  readonly dismissible = input(false);
  readonly dismissLabel = input('Dismiss message');
  readonly dismissed = output<void>();

  protected readonly role = computed(() =>
    this.tone() === 'error' ? 'alert' : 'status',
  );
}

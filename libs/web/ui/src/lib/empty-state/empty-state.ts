import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** What a list shows when it has nothing yet, with an optional next step projected inside. */
@Component({
  selector: 'orca-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="heading">{{ heading() }}</p>
    @if (message()) {
      <p class="message">{{ message() }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      padding: var(--orca-space-6) var(--orca-space-4);
      border: 1px dashed var(--orca-border-strong);
      border-radius: var(--orca-radius-lg);
      background: var(--orca-surface);
      text-align: center;
    }
    .heading {
      font-weight: 600;
      font-size: 1.0625rem;
      margin-bottom: var(--orca-space-2);
    }
    .message {
      color: var(--orca-text-muted);
    }
  `,
})
export class EmptyState {
  readonly heading = input.required<string>();
  readonly message = input<string | null>(null);
}

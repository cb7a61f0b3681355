import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A quiet, announced "loading" line for pages and sections waiting on the server. */
@Component({
  selector: 'orca-loading-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status' },
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: var(--orca-space-2);
      padding: var(--orca-space-4) 0;
      color: var(--orca-text-muted);
    }
    .dot {
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      border: 2px solid var(--orca-border-strong);
      border-top-color: var(--orca-primary);
      animation: spin 0.9s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none;
      }
    }
  `,
})
export class LoadingIndicator {
  readonly label = input('Loading…');
}

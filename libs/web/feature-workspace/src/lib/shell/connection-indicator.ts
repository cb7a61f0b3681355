import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { WorkspaceStatus } from '@orca/web/data-access-workspace';

type Tone = 'ok' | 'busy' | 'warning' | 'error';

/** The live connection in a word or two, and whether my changes have reached the server. */
@Component({
  selector: 'orca-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    '[class]': "'tone-' + view().tone",
    '[attr.data-status]': 'status()',
    'data-testid': 'connection-indicator',
  },
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span class="label">{{ view().label }}</span>
    @if (view().detail; as detail) {
      <span class="detail">{{ detail }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--orca-space-2);
      padding: 0.125rem var(--orca-space-3);
      border: 1px solid currentColor;
      border-radius: 999px;
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .dot {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: currentColor;
    }
    .detail {
      font-weight: 400;
    }
    :host(.tone-ok) {
      color: var(--orca-success);
      background: var(--orca-success-soft);
    }
    :host(.tone-busy) {
      color: var(--orca-info);
      background: var(--orca-info-soft);
    }
    :host(.tone-warning) {
      color: var(--orca-warning);
      background: var(--orca-warning-soft);
    }
    :host(.tone-error) {
      color: var(--orca-danger);
      background: var(--orca-danger-soft);
    }
  `,
})
export class ConnectionIndicator {
  readonly status = input.required<WorkspaceStatus>();
  /** My changes not yet confirmed. */
  readonly pending = input(0);

  protected readonly view = computed(
    (): {
      label: string;
      tone: Tone;
      detail: string | null;
    } => {
      const pending = this.pending();
      const waiting =
        pending > 0
          ? `${pending} ${pending === 1 ? 'change' : 'changes'} waiting`
          : null;
      switch (this.status()) {
        case 'live':
          return {
            label: 'Live',
            tone: 'ok',
            detail: pending > 0 ? 'saving…' : null,
          };
        case 'idle':
        case 'connecting':
          return { label: 'Connecting…', tone: 'busy', detail: null };
        case 'syncing':
          return { label: 'Syncing…', tone: 'busy', detail: waiting };
        case 'offline':
          return {
            label: 'Offline',
            tone: 'warning',
            detail: waiting ?? 'retrying',
          };
        case 'revoked':
          return { label: 'No access', tone: 'error', detail: null };
        case 'failed':
          return { label: 'Disconnected', tone: 'error', detail: null };
      }
    },
  );
}

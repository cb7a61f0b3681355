import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import type { WorkspaceNotice } from '@orca/web/data-access-workspace';

/** How long a notice stays before it goes by itself. */
export const NOTICE_LIFETIME_MS = 15_000;

/**
 * The toast area: refused changes (already rolled back) and other workspace messages, newest
 * last, each dismissible, each leaving by itself after a while. Announced to screen readers.
 */
@Component({
  selector: 'orca-workspace-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="notices" aria-live="assertive" aria-relevant="additions">
      @for (notice of notices(); track notice.id) {
        <li
          class="notice"
          [class.error]="notice.tone === 'error'"
          data-testid="workspace-notice"
        >
          <p>{{ notice.message }}</p>
          <button
            type="button"
            class="btn btn-quiet btn-small"
            aria-label="Dismiss message"
            (click)="dismissed.emit(notice.id)"
          >
            ✕
          </button>
        </li>
      }
    </ol>
  `,
  styles: `
    .notices {
      position: fixed;
      right: var(--orca-space-4);
      bottom: var(--orca-space-4);
      z-index: 900;
      display: grid;
      gap: var(--orca-space-2);
      width: min(26rem, calc(100vw - 2rem));
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .notice {
      display: flex;
      align-items: flex-start;
      gap: var(--orca-space-2);
      padding: var(--orca-space-3) var(--orca-space-3) var(--orca-space-3)
        var(--orca-space-4);
      border: 1px solid var(--orca-info);
      border-left-width: 4px;
      border-radius: var(--orca-radius);
      background: var(--orca-surface);
      box-shadow: var(--orca-shadow-raised);
    }
    .notice.error {
      border-color: var(--orca-danger);
    }
    .notice p {
      flex: 1;
      margin: 0;
    }
  `,
})
export class WorkspaceNotices {
  readonly notices = input.required<readonly WorkspaceNotice[]>();
  readonly dismissed = output<number>();

  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor() {
    effect(() => {
      const live = new Set(this.notices().map((notice) => notice.id));
      for (const [id, timer] of this.timers) {
        if (!live.has(id)) {
          clearTimeout(timer);
          this.timers.delete(id);
        }
      }
      for (const id of live) {
        if (!this.timers.has(id))
          this.timers.set(
            id,
            setTimeout(() => this.dismissed.emit(id), NOTICE_LIFETIME_MS),
          );
      }
    });
    inject(DestroyRef).onDestroy(() =>
      this.timers.forEach((timer) => clearTimeout(timer)),
    );
  }
}

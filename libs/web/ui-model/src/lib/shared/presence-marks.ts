import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { initials, readableInk } from './ink';
import { LockIcon } from './lock-icon';
import type { PresenceMarks } from './presence-index';

const MAX_AVATARS = 3;

/** Small avatars of the others on a cell or item, and a lock badge when one of them edits it. */
@Component({
  selector: 'orca-presence-marks',
  imports: [LockIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (marks(); as m) {
      @for (member of shown(); track member.userId) {
        <span
          class="avatar"
          aria-hidden="true"
          [style.background]="member.color"
          [style.color]="member.ink"
          >{{ member.initials }}</span
        >
      }
      @if (more() > 0) {
        <span class="avatar more" aria-hidden="true">+{{ more() }}</span>
      }
      @if (m.lock; as lock) {
        <span
          class="lock"
          data-testid="lock-badge"
          aria-hidden="true"
          [style.border-color]="lock.holder.color"
          ><orca-lock-icon
        /></span>
      }
      <span class="visually-hidden">{{ description() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 1px;
      pointer-events: none;
    }
    .avatar,
    .lock {
      display: inline-grid;
      place-items: center;
      min-width: 1.25rem;
      height: 1.25rem;
      border-radius: 999px;
      font-size: 0.625rem;
      font-weight: 700;
      line-height: 1;
      box-shadow: 0 0 0 1px var(--orca-surface);
    }
    .more {
      padding: 0 0.2rem;
      background: var(--orca-text-muted);
      color: var(--orca-text-inverse);
    }
    .lock {
      background: var(--orca-surface);
      border: 2px solid;
      font-size: 0.625rem;
    }
  `,
})
export class PresenceMarksComponent {
  readonly marks = input.required<PresenceMarks | null>();

  protected readonly shown = computed(() =>
    (this.marks()?.members ?? []).slice(0, MAX_AVATARS).map((m) => ({
      userId: m.userId,
      color: m.color,
      ink: readableInk(m.color),
      initials: initials(m.displayName),
    })),
  );
  protected readonly more = computed(
    () => (this.marks()?.members.length ?? 0) - MAX_AVATARS,
  );
  protected readonly description = computed(() => {
    const m = this.marks();
    if (!m) return '';
    const parts: string[] = [];
    if (m.members.length > 0)
      parts.push(`Here: ${m.members.map((x) => x.displayName).join(', ')}.`);
    if (m.lock) parts.push(`${m.lock.holder.displayName} is editing.`);
    return parts.join(' ');
  });
}

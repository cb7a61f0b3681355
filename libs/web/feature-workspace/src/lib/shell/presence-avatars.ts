import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { PresenceMember } from '@orca/shared/contracts';
import type { ProjectModel } from '@orca/shared/domain';
import { describeFocus } from '../workspace-links';

/** "Ada Lovelace" → "AL"; one letter for one word. */
export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1
      ? [words[0], words[words.length - 1]].map((w) => Array.from(w)[0])
      : Array.from(words[0] ?? '?').slice(0, 1);
  return letters.join('').toUpperCase();
}

/** Black or white, whichever reads better on `background` (#rrggbb): WCAG contrast. */
export function inkOn(background: string): '#000000' | '#ffffff' {
  const match = /^#?([0-9a-f]{6})$/i.exec(background);
  if (!match) return '#ffffff';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance =
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}

/**
 * Who else is in the project: initials in each person's colour, and on hover or focus what
 * they are looking at. Shows the first few and a count of the rest.
 */
@Component({
  selector: 'orca-presence-avatars',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (members().length > 0) {
      <ul
        class="avatars"
        [attr.aria-label]="summary()"
        data-testid="presence-avatars"
      >
        @for (person of shown(); track person.userId) {
          <li
            class="avatar"
            tabindex="0"
            [style.background]="person.color"
            [style.color]="person.ink"
            [attr.aria-label]="person.displayName + ': ' + person.where"
            [attr.data-user-name]="person.displayName"
            data-testid="presence-avatar"
          >
            <span aria-hidden="true">{{ person.initials }}</span>
            <span class="tooltip" role="tooltip">
              <strong>{{ person.displayName }}</strong>
              <span>{{ person.where }}</span>
            </span>
          </li>
        }
        @if (hidden() > 0) {
          <li class="avatar more" [attr.aria-label]="hidden() + ' more people'">
            +{{ hidden() }}
          </li>
        }
      </ul>
    } @else {
      <span class="alone">Only you here</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
    }
    .avatars {
      display: flex;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .avatar {
      position: relative;
      display: grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      margin-left: -0.25rem;
      border: 2px solid var(--orca-surface);
      border-radius: 50%;
      font-size: 0.75rem;
      font-weight: 700;
      cursor: default;
    }
    .avatar:first-child {
      margin-left: 0;
    }
    .more {
      background: var(--orca-surface-muted);
      color: var(--orca-text);
    }
    .tooltip {
      position: absolute;
      top: calc(100% + 0.375rem);
      right: 0;
      z-index: 20;
      display: none;
      min-width: 11rem;
      max-width: 16rem;
      padding: var(--orca-space-2) var(--orca-space-3);
      border-radius: var(--orca-radius);
      background: #1f2933;
      color: #ffffff;
      font-size: 0.8125rem;
      font-weight: 400;
      text-align: left;
      box-shadow: var(--orca-shadow-raised);
    }
    .tooltip strong,
    .tooltip span {
      display: block;
    }
    .avatar:hover .tooltip,
    .avatar:focus .tooltip {
      display: block;
    }
    .alone {
      color: var(--orca-text-muted);
      font-size: 0.875rem;
    }
  `,
})
export class PresenceAvatars {
  readonly members = input.required<readonly PresenceMember[]>();
  readonly model = input<ProjectModel | null>(null);
  readonly max = input(5);

  protected readonly shown = computed(() =>
    this.members()
      .slice(0, this.max())
      .map((member) => ({
        ...member,
        initials: initialsOf(member.displayName),
        ink: inkOn(member.color),
        where: describeFocus(member.focus, this.model()),
      })),
  );
  protected readonly hidden = computed(() =>
    Math.max(0, this.members().length - this.max()),
  );
  protected readonly summary = computed(() => {
    const n = this.members().length;
    return `${n} ${n === 1 ? 'other person' : 'other people'} here`;
  });
}

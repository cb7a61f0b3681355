import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * A padlock drawn in SVG, in the text's colour: an emoji padlock depends on the fonts installed
 * (many office and Linux machines show an empty box instead).
 */
@Component({
  selector: 'orca-lock-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true' },
  template: `
    <svg viewBox="0 0 16 16" width="1em" height="1em" focusable="false">
      <path
        d="M5 7V5a3 3 0 0 1 6 0v2"
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
      />
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  `,
  styles: `
    :host {
      display: inline-flex;
      vertical-align: -0.125em;
    }
  `,
})
export class LockIcon {}

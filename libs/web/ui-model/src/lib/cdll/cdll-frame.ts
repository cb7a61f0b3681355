import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A browser window drawn around a page sketch (Detail, List, Landing): the chrome and an address
 * such as `/courses/intro-to-watercolor` make it read as a page at a glance, not as a form.
 */
@Component({
  selector: 'orca-cdll-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chrome" aria-hidden="true">
      <span class="dots"><i></i><i></i><i></i></span>
      <span class="address" data-testid="cdll-address">{{ address() }}</span>
    </div>
    <div class="page"><ng-content /></div>
  `,
  styles: `
    :host {
      display: block;
      overflow: hidden;
      border: 1px solid var(--orca-border);
      border-radius: var(--orca-radius-lg);
      background: var(--orca-surface);
      box-shadow: var(--orca-shadow);
    }
    .chrome {
      display: flex;
      align-items: center;
      gap: var(--orca-space-3);
      padding: var(--orca-space-2) var(--orca-space-3);
      border-bottom: 1px solid var(--orca-border);
      background: var(--orca-surface-muted);
    }
    .dots {
      display: inline-flex;
      gap: 5px;
    }
    .dots i {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--orca-border-strong);
      opacity: 0.55;
    }
    .address {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      padding: 2px var(--orca-space-3);
      border-radius: 999px;
      background: var(--orca-surface);
      color: var(--orca-text-muted);
      font-family: var(--orca-font-mono);
      font-size: 0.75rem;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .page {
      padding: var(--orca-space-5);
    }
    @media (max-width: 40rem) {
      .page {
        padding: var(--orca-space-3);
      }
    }
  `,
})
export class CdllFrameComponent {
  /** The page's address in the designed product, e.g. `/courses?sort=price`. */
  readonly address = input.required<string>();
}

/** "Intro to Watercolor" → "intro-to-watercolor", for a sketch's address bar. */
export function addressSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item'
  );
}

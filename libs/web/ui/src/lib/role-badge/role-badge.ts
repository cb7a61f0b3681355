import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ProjectRole } from '@orca/shared/domain';

/** A person's role on a project, as a small label. */
@Component({
  selector: 'orca-role-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': "'orca-role-badge role-' + role()",
    '[attr.title]': "'Role: ' + role()",
  },
  template: `{{ role() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-size: 0.8125rem;
      font-weight: 600;
      line-height: 1.4;
      text-transform: capitalize;
      white-space: nowrap;
    }
    :host(.role-facilitator) {
      background: #e8edfb;
      color: #1e3a8a;
    }
    :host(.role-contributor) {
      background: #e6f4ea;
      color: #14532d;
    }
    :host(.role-viewer) {
      background: #eef0f3;
      color: #3e4c59;
    }
  `,
})
export class RoleBadge {
  readonly role = input.required<ProjectRole>();
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  CHECK_RULES,
  type Finding,
  type FindingSeverity,
} from '@orca/shared/domain';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { EmptyState } from '@orca/web/ui';
import { type WorkspaceLink, findingLink } from '../workspace-links';

const SEVERITIES: ReadonlyArray<{
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly explanation: string;
}> = [
  {
    severity: 'error',
    title: 'Errors',
    explanation: 'The model contradicts itself. Fix these first.',
  },
  {
    severity: 'warning',
    title: 'Warnings',
    explanation: 'Gaps to close before the model is handed over.',
  },
  {
    severity: 'info',
    title: 'Worth a look',
    explanation: 'Not wrong, but practitioners would ask about them.',
  },
];

interface FindingRow {
  readonly finding: Finding;
  readonly title: string;
  readonly link: WorkspaceLink;
}

/**
 * Every finding of the practitioner checks on what is shown (the "Now only" filter applies),
 * grouped by severity, each linking to the place where it is fixed.
 */
@Component({
  selector: 'orca-checks-page',
  imports: [RouterLink, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>Checks</h1>
        <p class="muted">
          The checks practitioners run by eye, run for you on every change.
        </p>
      </div>
    </header>
    @if (store.findings().length === 0) {
      <orca-empty-state
        heading="Nothing to fix"
        [message]="emptyMessage()"
        data-testid="checks-empty"
      />
    } @else {
      @for (group of groups(); track group.severity) {
        <section
          class="card group"
          [attr.data-severity]="group.severity"
          [attr.aria-labelledby]="'checks-' + group.severity"
          data-testid="check-group"
        >
          <h2 [id]="'checks-' + group.severity">
            {{ group.title }} <span class="count">{{ group.rows.length }}</span>
          </h2>
          <p class="muted">{{ group.explanation }}</p>
          <ul class="findings">
            @for (row of group.rows; track $index) {
              <li
                data-testid="finding"
                [attr.data-rule]="row.finding.rule"
                [attr.data-target]="row.finding.target.id"
              >
                <div>
                  <p class="message">{{ row.finding.message }}</p>
                  <p class="rule muted">{{ row.title }}</p>
                </div>
                <a
                  class="btn btn-small"
                  [routerLink]="row.link.commands"
                  [queryParams]="row.link.queryParams"
                  [attr.aria-label]="'Fix: ' + row.finding.message"
                  data-testid="finding-fix"
                  >Fix</a
                >
              </li>
            }
          </ul>
        </section>
      }
    }
    @if (store.disabledRules().length > 0) {
      <p class="muted disabled">
        Switched off for this project:
        {{ disabledTitles().join('; ') }}.
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .group {
      border-left: 4px solid var(--orca-border-strong);
    }
    .group[data-severity='error'] {
      border-left-color: var(--orca-danger);
    }
    .group[data-severity='warning'] {
      border-left-color: var(--orca-warning);
    }
    .group[data-severity='info'] {
      border-left-color: var(--orca-info);
    }
    .count {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: var(--orca-surface-muted);
      font-size: 0.875rem;
    }
    .findings {
      display: grid;
      gap: var(--orca-space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .findings li {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--orca-space-3);
      padding: var(--orca-space-2) 0;
      border-bottom: 1px solid var(--orca-border);
    }
    .findings p {
      margin: 0;
    }
    .rule {
      font-size: 0.8125rem;
    }
    .disabled {
      margin-top: var(--orca-space-4);
      font-size: 0.875rem;
    }
  `,
})
export class ChecksPage {
  protected readonly store = inject(WorkspaceStore);

  protected readonly groups = computed(() => {
    const projectId = this.store.projectId() ?? '';
    const model = this.store.model();
    const rows = this.store.findings().map(
      (finding): FindingRow => ({
        finding,
        title: CHECK_RULES[finding.rule].title,
        link: findingLink(projectId, finding, model),
      }),
    );
    return SEVERITIES.map((group) => ({
      ...group,
      rows: rows.filter((row) => row.finding.severity === group.severity),
    })).filter((group) => group.rows.length > 0);
  });
  protected readonly disabledTitles = computed(() =>
    this.store.disabledRules().map((rule) => CHECK_RULES[rule].title),
  );
  protected readonly emptyMessage = computed(() =>
    this.store.model() &&
    Object.keys(this.store.model()?.objects ?? {}).length === 0
      ? 'Checks start as soon as the first object is added.'
      : 'The model passes every check that is switched on.',
  );

  constructor() {
    this.store.focus({ kind: 'view', view: 'checks' });
  }
}

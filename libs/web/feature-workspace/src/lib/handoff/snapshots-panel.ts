import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { DatePipe, DOCUMENT } from '@angular/common';
import { Router } from '@angular/router';
import type { SnapshotDiffDto, SnapshotDto } from '@orca/web/api-client';
import { toProblemMessage } from '@orca/web/data-access-auth';
import { SnapshotsApi, WorkspaceStore } from '@orca/web/data-access-workspace';
import {
  EXPORT_FORMATS,
  EXPORT_STATE_LABEL,
  downloadExport,
} from './export-formats';

const KINDS = [
  ['objects', 'Objects'],
  ['relationships', 'Relationships'],
  ['roles', 'Roles'],
  ['ctas', 'Calls to action'],
  ['attributes', 'Attributes'],
] as const;

/** A value as a person reads it in a diff. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Snapshots: facilitators take named copies of the model (before a workshop round, at hand-off);
 * anyone compares one with now, field by field, or restores it as a new project (never
 * overwriting this one).
 */
@Component({
  selector: 'orca-snapshots-panel',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="snapshots-heading" class="snapshots">
      <h2 id="snapshots-heading">Snapshots</h2>
      @if (canTake()) {
        <form class="take" (submit)="take($event)">
          <label>
            Name
            <input
              class="input"
              name="name"
              required
              maxlength="120"
              data-testid="snapshot-name"
              [value]="name()"
              (input)="name.set($any($event.target).value)"
            />
          </label>
          <label>
            Description
            <input
              class="input"
              name="description"
              maxlength="2000"
              [value]="description()"
              (input)="description.set($any($event.target).value)"
            />
          </label>
          <button
            type="submit"
            class="btn btn-primary"
            data-testid="take-snapshot"
            [disabled]="busy() || !name().trim()"
          >
            Take snapshot
          </button>
        </form>
      }
      @if (problem(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (snapshots().length === 0) {
        <p class="muted">
          No snapshots yet.
          @if (canTake()) {
            Take one before a workshop round or at hand-off, to compare later.
          } @else {
            Facilitators take them before a round or at hand-off.
          }
        </p>
      } @else {
        <ul class="list" data-testid="snapshot-list">
          @for (snapshot of snapshots(); track snapshot.id) {
            <li>
              <div>
                <strong>{{ snapshot.name }}</strong>
                <span class="muted">
                  rev {{ snapshot.rev }} ·
                  {{ snapshot.authorName ?? 'someone' }} ·
                  {{ snapshot.createdAt | date: 'medium' }}</span
                >
                @if (snapshot.description) {
                  <p class="muted">{{ snapshot.description }}</p>
                }
              </div>
              <div class="actions">
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  [attr.data-testid]="'compare-' + snapshot.name"
                  (click)="compare(snapshot)"
                >
                  Compare with now
                </button>
                <button
                  type="button"
                  class="btn btn-small btn-quiet"
                  [disabled]="busy()"
                  (click)="restore(snapshot)"
                >
                  Restore as a new project
                </button>
                <span class="export">
                  <select
                    class="select"
                    [attr.aria-label]="
                      'Format to export ' + snapshot.name + ' in'
                    "
                    [attr.data-testid]="'snapshot-format-' + snapshot.name"
                    #format
                  >
                    @for (option of formats; track option.format) {
                      <option [value]="option.format">
                        {{ option.title }}
                      </option>
                    }
                  </select>
                  <button
                    type="button"
                    class="btn btn-small btn-quiet"
                    [attr.data-testid]="'export-snapshot-' + snapshot.name"
                    (click)="download(snapshot, format.value)"
                  >
                    Download
                  </button>
                  @if (exportOf(snapshot.id); as progress) {
                    <span
                      class="muted"
                      role="status"
                      [attr.data-testid]="
                        'snapshot-export-status-' + snapshot.name
                      "
                    >
                      @if (progress.state === 'running') {
                        {{ progress.percent }} %
                      } @else {
                        {{ label(progress.state) }}
                      }
                    </span>
                  }
                </span>
              </div>
            </li>
          }
        </ul>
      }
      @if (diff(); as shownDiff) {
        <section class="diff" data-testid="snapshot-diff" aria-live="polite">
          <h3>
            {{ comparing()?.name }} → now: {{ shownDiff.totals.added }} added,
            {{ shownDiff.totals.removed }} removed,
            {{ shownDiff.totals.changed }} changed
          </h3>
          @for (kind of kinds; track kind[0]) {
            @let part = shownDiff[kind[0]];
            @if (
              part.added.length + part.removed.length + part.changed.length > 0
            ) {
              <h4>{{ kind[1] }}</h4>
              <ul>
                @for (item of part.added; track item.id) {
                  <li class="added">Added {{ item.label }}</li>
                }
                @for (item of part.removed; track item.id) {
                  <li class="removed">Removed {{ item.label }}</li>
                }
                @for (item of part.changed; track item.id) {
                  <li>
                    Changed {{ item.label }}:
                    @for (field of item.fields; track field.field) {
                      <span class="field"
                        >{{ field.field }}: {{ show(field.before) }} →
                        {{ show(field.after) }}</span
                      >
                    }
                  </li>
                }
              </ul>
            }
          }
        </section>
      }
    </section>
  `,
  styles: `
    .snapshots {
      margin-top: 2rem;
    }
    .take {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: flex-end;
      margin-bottom: 1rem;
    }
    .take label {
      display: grid;
      gap: 0.25rem;
      font-weight: 600;
    }
    .take label:nth-child(2) {
      flex: 1 1 16rem;
    }
    .export .select {
      width: auto;
      min-height: 2rem;
      font-size: 0.875rem;
    }
    .list {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .list li {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--orca-border, #d0d7de);
      border-radius: 0.5rem;
    }
    .list p {
      margin: 0.25rem 0 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .export {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }
    .field {
      display: block;
      margin-left: 1rem;
    }
    .added {
      color: #1a7f37;
    }
    .removed {
      color: #b42318;
    }
    .error {
      color: #b42318;
    }
  `,
})
export class SnapshotsPanel {
  private readonly store = inject(WorkspaceStore);
  private readonly document = inject(DOCUMENT);
  protected readonly formats = EXPORT_FORMATS;
  /** The latest export started per snapshot, by export id. */
  private readonly exportIds = signal<Readonly<Record<string, string>>>({});
  private readonly api = inject(SnapshotsApi);
  private readonly router = inject(Router);
  protected readonly kinds = KINDS;
  protected readonly snapshots = signal<SnapshotDto[]>([]);
  protected readonly diff = signal<SnapshotDiffDto | null>(null);
  protected readonly comparing = signal<SnapshotDto | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly name = signal('');
  protected readonly description = signal('');
  protected readonly canTake = computed(
    () => this.store.role() === 'facilitator',
  );

  constructor() {
    effect(() => {
      const projectId = this.store.projectId();
      if (projectId) untracked(() => this.load(projectId));
    });
  }

  protected show(value: unknown): string {
    return shown(value);
  }

  protected exportOf(snapshotId: string) {
    const exportId = this.exportIds()[snapshotId];
    return exportId ? this.store.exports()[exportId] : undefined;
  }

  protected label(state: keyof typeof EXPORT_STATE_LABEL): string {
    return EXPORT_STATE_LABEL[state];
  }

  /** The snapshot's model in one format, like the project's own exports (honouring "Now only"). */
  protected download(snapshot: SnapshotDto, format: string): void {
    const exportId = downloadExport(
      this.store,
      this.document,
      format,
      snapshot.id,
    );
    if (exportId)
      this.exportIds.update((ids) => ({ ...ids, [snapshot.id]: exportId }));
  }

  private load(projectId: string): void {
    this.api.list(projectId).subscribe({
      next: (snapshots) => this.snapshots.set(snapshots),
      error: (error: unknown) =>
        this.problem.set(
          toProblemMessage(error, 'The snapshots could not be loaded.').message,
        ),
    });
  }

  protected take(event: Event): void {
    event.preventDefault();
    const projectId = this.store.projectId();
    const name = this.name().trim();
    if (!projectId || !name) return;
    this.busy.set(true);
    this.problem.set(null);
    this.api.create(projectId, name, this.description().trim()).subscribe({
      next: (snapshot) => {
        this.busy.set(false);
        this.name.set('');
        this.description.set('');
        this.snapshots.update((all) => [snapshot, ...all]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(
          toProblemMessage(error, 'The snapshot was not taken.').message,
        );
      },
    });
  }

  protected compare(snapshot: SnapshotDto): void {
    const projectId = this.store.projectId();
    if (!projectId) return;
    this.comparing.set(snapshot);
    this.api.diff(projectId, snapshot.id, 'current').subscribe({
      next: (diff) => this.diff.set(diff),
      error: (error: unknown) =>
        this.problem.set(
          toProblemMessage(error, 'The comparison failed.').message,
        ),
    });
  }

  protected restore(snapshot: SnapshotDto): void {
    const projectId = this.store.projectId();
    if (!projectId) return;
    this.busy.set(true);
    this.api.restore(projectId, snapshot.id).subscribe({
      next: (project) => {
        this.busy.set(false);
        void this.router.navigate(['/projects', project.id]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(
          toProblemMessage(error, 'The snapshot was not restored.').message,
        );
      },
    });
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import {
  EXPORT_FORMATS,
  EXPORT_STATE_LABEL,
  downloadExport,
} from './export-formats';
import { SnapshotsPanel } from './snapshots-panel';

/**
 * The hand-off to engineering: every export of the model (honouring "Now only"), made on the
 * server in worker threads, with its progress shown live and a way to cancel a long one.
 */
@Component({
  selector: 'orca-handoff-page',
  imports: [SnapshotsPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>Hand-off</h1>
        <p class="muted">
          Take the model to engineering: spreadsheets, diagrams, documents and
          the project file.
          @if (store.nowOnly()) {
            <strong>"Now only" is on:</strong> exports hold only what is planned
            for Now.
          }
        </p>
      </div>
    </header>
    <ul class="formats" aria-label="Export formats">
      @for (option of formats; track option.format) {
        <li class="format">
          <div>
            <h2>{{ option.title }}</h2>
            <p class="muted">{{ option.forWhom }}</p>
          </div>
          <div class="actions">
            @if (progressOf(option.format); as progress) {
              <span
                class="progress"
                role="status"
                [attr.data-testid]="'export-status-' + option.format"
              >
                @if (progress.state === 'running') {
                  <progress max="100" [value]="progress.percent"></progress>
                  {{ progress.percent }} %
                  <button
                    type="button"
                    class="btn btn-small btn-quiet"
                    (click)="store.cancelExport(progress.exportId)"
                  >
                    Cancel
                  </button>
                } @else {
                  {{ label(progress.state) }}
                }
              </span>
            }
            <button
              type="button"
              class="btn btn-small"
              [attr.data-testid]="'export-' + option.format"
              [disabled]="!store.projectId()"
              (click)="download(option.format)"
            >
              Download
            </button>
          </div>
        </li>
      }
    </ul>
    <orca-snapshots-panel />
  `,
  styles: `
    .formats {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.75rem;
    }
    .format {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.75rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--orca-border, #d0d7de);
      border-radius: 0.5rem;
    }
    .format h2 {
      font-size: 1rem;
      margin: 0 0 0.25rem;
    }
    .format p {
      margin: 0;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .progress {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class HandoffPage {
  protected readonly store = inject(WorkspaceStore);
  private readonly document = inject(DOCUMENT);
  protected readonly formats = EXPORT_FORMATS;
  /** The latest export per format started from this page. */
  private readonly latest = signal<Readonly<Record<string, string>>>({});
  private readonly byFormat = computed(() => {
    const exports = this.store.exports();
    return Object.fromEntries(
      Object.entries(this.latest()).map(([format, exportId]) => [
        format,
        exports[exportId],
      ]),
    );
  });

  constructor() {
    this.store.focus({ kind: 'view', view: 'handoff' });
  }

  protected progressOf(format: string) {
    return this.byFormat()[format];
  }

  protected label(state: keyof typeof EXPORT_STATE_LABEL): string {
    return EXPORT_STATE_LABEL[state];
  }

  /** The server streams the file as an attachment: the page stays, the browser saves it. */
  protected download(format: string): void {
    const exportId = downloadExport(this.store, this.document, format);
    if (exportId)
      this.latest.update((latest) => ({ ...latest, [format]: exportId }));
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { SnapshotsPanel } from './snapshots-panel';

export interface ExportFormatOption {
  readonly format: string;
  readonly title: string;
  readonly forWhom: string;
}

/** What each export is for, in the words of the people who open it. */
export const EXPORT_FORMATS: readonly ExportFormatOption[] = [
  {
    format: 'zip',
    title: 'Everything (ZIP)',
    forWhom: 'Every format below in one bundle, with a manifest.',
  },
  {
    format: 'xlsx',
    title: 'Spreadsheet (Excel)',
    forWhom:
      'A sheet per artifact plus the NOM and CTA grids, in the OOUX colours.',
  },
  {
    format: 'pdf',
    title: 'Object Guide (PDF)',
    forWhom: 'The Object Guide and Object Map, ready to print.',
  },
  {
    format: 'html',
    title: 'Object Map and previews (HTML)',
    forWhom: 'One self-contained page: the map and card/detail/list previews.',
  },
  {
    format: 'md',
    title: 'Object Guide (Markdown)',
    forWhom: 'For a wiki or a repository.',
  },
  {
    format: 'mermaid',
    title: 'Diagram (Mermaid)',
    forWhom: 'An entity-relationship diagram of objects and attributes.',
  },
  {
    format: 'csv',
    title: 'CSV files',
    forWhom: 'One file per artifact, for spreadsheets and scripts.',
  },
  {
    format: 'json',
    title: 'Project file (JSON)',
    forWhom: 'Lossless; re-import it to copy or move the project.',
  },
];

const STATE_LABEL = {
  running: 'Preparing…',
  done: 'Downloaded',
  cancelled: 'Cancelled',
  failed: 'Failed — try again',
} as const;

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

  protected label(state: keyof typeof STATE_LABEL): string {
    return STATE_LABEL[state];
  }

  /** The server streams the file as an attachment: the page stays, the browser saves it. */
  protected download(format: string): void {
    const projectId = this.store.projectId();
    if (!projectId) return;
    const exportId = crypto.randomUUID();
    this.store.trackExport(exportId, format);
    this.latest.update((latest) => ({ ...latest, [format]: exportId }));
    const query = new URLSearchParams({ format, exportId });
    if (this.store.nowOnly()) query.set('priority', 'now');
    const link = this.document.createElement('a');
    link.href = `/api/v1/projects/${projectId}/export?${query}`;
    link.rel = 'noopener';
    link.download = '';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
  }
}

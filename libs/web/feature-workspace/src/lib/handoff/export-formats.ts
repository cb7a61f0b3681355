import type { WorkspaceStore } from '@orca/web/data-access-workspace';

/** The export formats as the hand-off page offers them, and how a download is started. */

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

export const EXPORT_STATE_LABEL = {
  running: 'Preparing…',
  done: 'Downloaded',
  cancelled: 'Cancelled',
  failed: 'Failed — try again',
} as const;

/**
 * Exports the project, or one of its snapshots, as a download the server streams as an
 * attachment (the page stays; the file's name comes from Content-Disposition), honouring "Now
 * only". Its progress is tracked in the store under the export id returned.
 */
export function downloadExport(
  store: WorkspaceStore,
  document: Document,
  format: string,
  snapshotId?: string,
): string | null {
  const projectId = store.projectId();
  if (!projectId) return null;
  const exportId = crypto.randomUUID();
  store.trackExport(exportId, format);
  const query = new URLSearchParams({ format, exportId });
  if (store.nowOnly()) query.set('priority', 'now');
  const path = snapshotId
    ? `/api/v1/projects/${projectId}/snapshots/${snapshotId}/export`
    : `/api/v1/projects/${projectId}/export`;
  const link = document.createElement('a');
  link.href = `${path}?${query}`;
  link.rel = 'noopener';
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return exportId;
}

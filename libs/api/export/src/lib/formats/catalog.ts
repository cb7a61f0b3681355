/** The export formats, their file extensions, content types and file names. */
import { slugify } from './text';

export const EXPORT_FORMATS = [
  'json',
  'csv',
  'xlsx',
  'md',
  'mermaid',
  'html',
  'pdf',
  'zip',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return (EXPORT_FORMATS as readonly unknown[]).includes(value);
}

export interface FormatDescription {
  /** Without the dot; `csv.zip` for the CSV files, which travel zipped together. */
  readonly extension: string;
  readonly contentType: string;
  readonly title: string;
}

export const FORMAT_DESCRIPTIONS: Readonly<
  Record<ExportFormat, FormatDescription>
> = {
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    title: 'ORCA JSON (re-importable)',
  },
  csv: {
    extension: 'csv.zip',
    contentType: 'application/zip',
    title: 'CSV, one file per artifact (zipped)',
  },
  xlsx: {
    extension: 'xlsx',
    contentType:
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: 'Excel workbook',
  },
  md: {
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    title: 'Object Guide (Markdown)',
  },
  mermaid: {
    extension: 'mmd',
    contentType: 'text/vnd.mermaid; charset=utf-8',
    title: 'Mermaid erDiagram',
  },
  html: {
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    title: 'Object Map and CDLL previews (HTML)',
  },
  pdf: {
    extension: 'pdf',
    contentType: 'application/pdf',
    title: 'Object Guide and Object Map (PDF)',
  },
  zip: {
    extension: 'zip',
    contentType: 'application/zip',
    title: 'Everything, with a manifest',
  },
};

/** What an export's file is named after (a subset of the export options). */
export interface ExportNaming {
  readonly projectName: string;
  readonly rev?: number;
  readonly nowOnly?: boolean;
  readonly snapshotName?: string;
}

/** `learning-platform-rev12`, `learning-platform-rev12-now`, `…-rev9-snapshot-after-discovery`. */
export function exportBaseName(naming: ExportNaming): string {
  return [
    slugify(naming.projectName),
    naming.rev !== undefined ? `rev${naming.rev}` : undefined,
    naming.snapshotName !== undefined
      ? `snapshot-${slugify(naming.snapshotName, 'unnamed')}`
      : undefined,
    naming.nowOnly ? 'now' : undefined,
  ]
    .filter(Boolean)
    .join('-');
}

/** `learning-platform-rev12.xlsx`, `learning-platform-rev9-snapshot-after-discovery-now.pdf` */
export function exportFileName(
  format: ExportFormat,
  naming: ExportNaming,
): string {
  return `${exportBaseName(naming)}.${FORMAT_DESCRIPTIONS[format].extension}`;
}

/**
 * ZIP: every other format in one bundle — the JSON, the CSV files (in `csv/`), the workbook, the
 * Object Guide, the diagram, the HTML page and the PDF — plus `manifest.json` listing each file
 * with its format, content type and size, the rev and the time of the export.
 */
import type { ProjectModel } from '@orca/shared/domain';
import {
  exportBaseName,
  type ExportFormat,
  FORMAT_DESCRIPTIONS,
} from './catalog';
import { CSV_ARTIFACTS, csvFiles, zipFiles } from './csv';
import {
  type ExportFormatFunction,
  type ExportOptions,
  generatedAt,
  progressRange,
} from './export-options';
import { exportHtml } from './html';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { exportMermaid } from './mermaid';
import { exportPdf } from './pdf';
import { exportXlsx } from './xlsx';

export const BUNDLE_FORMAT = 'orca-export-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly project: string;
  readonly rev: number | null;
  readonly filter: 'now' | null;
  readonly generatedAt: string;
  readonly formats: readonly ExportFormat[];
  readonly files: readonly {
    readonly name: string;
    readonly format: ExportFormat;
    readonly contentType: string;
    readonly bytes: number;
  }[];
}

type Part = Exclude<ExportFormat, 'csv' | 'zip'>;

/** Each format with its share of the work (for progress). */
const PARTS: ReadonlyArray<[Part, ExportFormatFunction, number]> = [
  ['json', exportJson, 4],
  ['xlsx', exportXlsx, 24],
  ['md', exportMarkdown, 5],
  ['mermaid', exportMermaid, 2],
  ['html', exportHtml, 8],
  ['pdf', exportPdf, 50],
];
const CSV_WEIGHT = 4;
const TOTAL = PARTS.reduce((sum, [, , w]) => sum + w, CSV_WEIGHT) + 3;

export const exportZip: ExportFormatFunction = async (
  model: ProjectModel,
  options: ExportOptions,
) => {
  const at = generatedAt(options);
  const fixed: ExportOptions = { ...options, generatedAt: at };
  const base = exportBaseName(
    options.projectName,
    options.rev,
    options.nowOnly,
  );
  const files: Record<string, string | Uint8Array> = {};
  const listed: Array<BundleManifest['files'][number]> = [];
  const add = (
    name: string,
    format: ExportFormat,
    content: string | Buffer,
  ) => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    files[name] = bytes;
    listed.push({
      name,
      format,
      contentType: FORMAT_DESCRIPTIONS[format].contentType,
      bytes: bytes.byteLength,
    });
  };
  options.onProgress?.(0);
  let done = 0;
  for (const [format, run, weight] of PARTS) {
    const content = await run(model, {
      ...fixed,
      onProgress: progressRange(
        options,
        (done / TOTAL) * 100,
        ((done + weight) / TOTAL) * 100,
      ),
    });
    add(`${base}.${FORMAT_DESCRIPTIONS[format].extension}`, format, content);
    done += weight;
    if (format === 'json') {
      const csv = csvFiles(model, fixed);
      for (const artifact of CSV_ARTIFACTS)
        add(`csv/${artifact}.csv`, 'csv', csv[`${artifact}.csv`]);
      done += CSV_WEIGHT;
    }
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    project: options.projectName,
    rev: options.rev ?? null,
    filter: options.nowOnly ? 'now' : null,
    generatedAt: at,
    formats: [...new Set(listed.map((file) => file.format))],
    files: listed,
  };
  files['manifest.json'] = `${JSON.stringify(manifest, null, 2)}\n`;
  const zipped = zipFiles(files, at);
  options.onProgress?.(100);
  return zipped;
};

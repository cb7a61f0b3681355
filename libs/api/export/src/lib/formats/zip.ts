/**
 * ZIP: every other format in one bundle — the JSON, the CSV files (in `csv/`), the workbook, the
 * Object Guide, the diagram, the HTML page and the PDF — plus `manifest.json` listing each file
 * with its format, content type and size, the rev, the snapshot and the time of the export.
 *
 * The bundle is made in parts (`BUNDLE_PARTS`) so the api can make them in parallel worker threads
 * and assemble them in one more (`assembleBundle`); `exportZip` makes the parts one after another
 * and gives the same bundle.
 */
import type { ProjectModel } from '@orca/shared/domain';
import { zipSync } from 'fflate';
import {
  exportBaseName,
  type ExportFormat,
  FORMAT_DESCRIPTIONS,
} from './catalog';
import { CSV_ARTIFACTS, csvFiles } from './csv';
import {
  type ExportFormatFunction,
  type ExportOptions,
  generatedAt,
  within,
} from './export-options';
import { exportHtml } from './html';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { exportMermaid } from './mermaid';
import { exportPdf } from './pdf';
import { exportXlsx } from './xlsx';
import {
  ASSEMBLY_WEIGHT,
  type BundledFormat,
  type BundleFile,
  type BundlePartSpec,
  BUNDLE_PARTS,
} from './bundle-parts';

export * from './bundle-parts';

export const BUNDLE_FORMAT = 'orca-export-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly project: string;
  readonly rev: number | null;
  /** The snapshot exported, or null for the project as it is. */
  readonly snapshot: string | null;
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

const FUNCTIONS: Readonly<Record<BundledFormat, ExportFormatFunction>> = {
  json: exportJson,
  xlsx: exportXlsx,
  md: exportMarkdown,
  mermaid: exportMermaid,
  html: exportHtml,
  pdf: exportPdf,
};

/** The order files are listed in, whichever part made them. */
const FILE_ORDER: readonly ExportFormat[] = [
  'json',
  'csv',
  'xlsx',
  'md',
  'mermaid',
  'html',
  'pdf',
];

const utf8 = new TextEncoder();
const bytesOf = (content: string | Uint8Array): Uint8Array =>
  typeof content === 'string' ? utf8.encode(content) : content;

/** Fixes the time once, so every part of one bundle says the same. */
export function bundleOptions(options: ExportOptions): ExportOptions {
  return { ...options, generatedAt: generatedAt(options) };
}

/** Makes one part's files (options as fixed by `bundleOptions`). */
export async function renderBundlePart(
  part: BundlePartSpec,
  model: ProjectModel,
  options: ExportOptions,
): Promise<BundleFile[]> {
  const base = exportBaseName(options);
  const files: BundleFile[] = [];
  const share = 100 / part.formats.length;
  for (const [index, format] of part.formats.entries()) {
    if (format === 'csv') {
      const csv = csvFiles(model, options);
      for (const artifact of CSV_ARTIFACTS)
        files.push({
          name: `csv/${artifact}.csv`,
          format: 'csv',
          content: bytesOf(csv[`${artifact}.csv`]),
        });
      options.onProgress?.((index + 1) * share);
      continue;
    }
    const content = await FUNCTIONS[format](model, {
      ...options,
      onProgress: within(options, index * share, (index + 1) * share),
    });
    files.push({
      name: `${base}.${FORMAT_DESCRIPTIONS[format].extension}`,
      format,
      content: bytesOf(content),
    });
  }
  return files;
}

/**
 * The bundle from its parts' files: listed in the usual order, with the manifest. Files that are
 * compressed already (the workbook, the PDF) are stored as they are, not deflated again.
 */
export function assembleBundle(
  files: readonly BundleFile[],
  options: ExportOptions,
): Buffer {
  const at = generatedAt(options);
  const sorted = [...files].sort(
    (a, b) => FILE_ORDER.indexOf(a.format) - FILE_ORDER.indexOf(b.format),
  );
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    project: options.projectName,
    rev: options.rev ?? null,
    snapshot: options.snapshotName ?? null,
    filter: options.nowOnly ? 'now' : null,
    generatedAt: at,
    formats: [...new Set(sorted.map((file) => file.format))],
    files: sorted.map((file) => ({
      name: file.name,
      format: file.format,
      contentType: FORMAT_DESCRIPTIONS[file.format].contentType,
      bytes: file.content.byteLength,
    })),
  };
  const mtime = new Date(at);
  const entries: Parameters<typeof zipSync>[0] = {};
  for (const file of sorted)
    entries[file.name] = [
      file.content,
      { mtime, level: file.format === 'pdf' || file.format === 'xlsx' ? 0 : 6 },
    ];
  entries['manifest.json'] = [
    utf8.encode(`${JSON.stringify(manifest, null, 2)}\n`),
    { mtime, level: 6 },
  ];
  const zipped = zipSync(entries);
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

export const exportZip: ExportFormatFunction = async (
  model: ProjectModel,
  options: ExportOptions,
) => {
  const fixed = bundleOptions(options);
  const total =
    BUNDLE_PARTS.reduce((sum, part) => sum + part.weight, 0) + ASSEMBLY_WEIGHT;
  options.onProgress?.(0);
  const files: BundleFile[] = [];
  let done = 0;
  for (const part of BUNDLE_PARTS) {
    files.push(
      ...(await renderBundlePart(part, model, {
        ...fixed,
        onProgress: within(
          options,
          (done / total) * 100,
          ((done + part.weight) / total) * 100,
        ),
      })),
    );
    done += part.weight;
  }
  const zipped = assembleBundle(files, fixed);
  options.onProgress?.(100);
  return zipped;
};

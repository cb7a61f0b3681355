/** Every export format as a pure function of the model: `(model, options) => Promise<Buffer | string>`. */
import type { ExportFormat } from './catalog';
import { exportCsv } from './csv';
import type { ExportFormatFunction } from './export-options';
import { exportHtml } from './html';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { exportMermaid } from './mermaid';
import { exportPdf } from './pdf';
import { exportXlsx } from './xlsx';
import { exportZip } from './zip';

export const EXPORT_FUNCTIONS: Readonly<
  Record<ExportFormat, ExportFormatFunction>
> = {
  json: exportJson,
  csv: exportCsv,
  xlsx: exportXlsx,
  md: exportMarkdown,
  mermaid: exportMermaid,
  html: exportHtml,
  pdf: exportPdf,
  zip: exportZip,
};

export * from './catalog';
export * from './export-options';
export {
  csvCell,
  parseCsv,
  toCsv,
  CSV_ARTIFACTS,
  type CsvArtifact,
} from './csv';
export { exportDocument, type ExportedJson } from './json';
export { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest } from './zip';

/**
 * How a ZIP bundle is split for parallel threads, without the format libraries (the main thread
 * plans a bundle; only workers load exceljs and pdfmake).
 */
import type { ExportFormat } from './catalog';

/** One file of the bundle, as a part makes it. */
export interface BundleFile {
  readonly name: string;
  readonly format: Exclude<ExportFormat, 'zip'>;
  readonly content: Uint8Array;
}

export type BundledFormat = Exclude<ExportFormat, 'csv' | 'zip'>;

/** A share of the bundle made in one go: its formats and its share of the work (progress). */
export interface BundlePartSpec {
  readonly formats: readonly (BundledFormat | 'csv')[];
  readonly weight: number;
}

/**
 * The parts, the slowest first so parallel threads finish together: the PDF alone, the workbook
 * alone, and the quick text formats together.
 */
export const BUNDLE_PARTS: readonly BundlePartSpec[] = [
  { formats: ['pdf'], weight: 50 },
  { formats: ['xlsx'], weight: 24 },
  { formats: ['json', 'csv', 'md', 'mermaid', 'html'], weight: 23 },
];
/** The assembly's share of the work. */
export const ASSEMBLY_WEIGHT = 3;

import { nowOnly, type ProjectModel } from '@orca/shared/domain';

/** What every format function is told besides the model. */
export interface ExportOptions {
  /** Shown as the document title; also the JSON export's `project.name`. */
  readonly projectName: string;
  readonly projectDescription?: string;
  /** Keep only what is planned for Now (the non-destructive phase filter). */
  readonly nowOnly?: boolean;
  /** The model revision exported (written into documents and the bundle manifest). */
  readonly rev?: number;
  /** Set when the model is a snapshot's: its name, shown beside the rev and in file names. */
  readonly snapshotName?: string;
  /** ISO time the export was made; defaults to now. Fixed in tests for reproducible output. */
  readonly generatedAt?: string;
  /** Called with 0–100 as the work advances (the worker forwards it to the person waiting). */
  readonly onProgress?: (percent: number) => void;
}

export type ExportFormatFunction = (
  model: ProjectModel,
  options: ExportOptions,
) => Promise<Buffer | string>;

/** The model a format renders: the whole model, or the Now view of it. */
export function exportedModel(
  model: ProjectModel,
  options: ExportOptions,
): ProjectModel {
  return options.nowOnly ? nowOnly(model) : model;
}

export function generatedAt(options: ExportOptions): string {
  return options.generatedAt ?? new Date().toISOString();
}

/** A short line saying what a document holds: revision, filter, time. */
export function exportSubtitle(options: ExportOptions): string {
  return [
    options.snapshotName !== undefined
      ? `snapshot “${options.snapshotName}”`
      : undefined,
    options.rev !== undefined ? `rev ${options.rev}` : undefined,
    options.nowOnly ? 'Now only' : 'all phases',
    `generated ${generatedAt(options)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Reports progress as a share of a sub-range, so a bundle can nest formats. */
export function progressRange(
  options: ExportOptions,
  from: number,
  to: number,
): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const percent = Math.round(
      from + (to - from) * Math.min(Math.max(fraction, 0), 1),
    );
    if (percent !== last) {
      last = percent;
      options.onProgress?.(percent);
    }
  };
}

/**
 * A sub-task's progress (0–100) as a share of this one's: `within(options, 40, 60)` gives the
 * `onProgress` for a format that makes the 40–60 % stretch of a bundle.
 */
export function within(
  options: ExportOptions,
  from: number,
  to: number,
): ((percent: number) => void) | undefined {
  if (!options.onProgress) return undefined;
  const range = progressRange(options, from, to);
  return (percent) => range(percent / 100);
}

/**
 * JSON: the model in the interchange form the fixtures use (`format: "orca-project"`, `version`),
 * so `POST /projects/import` takes it back and builds an identical model. Lossless up to ids and
 * the spelling of order keys (both are re-made on import). `exported` says where it came from; the
 * importer ignores it.
 */
import {
  INTERCHANGE_FORMAT,
  INTERCHANGE_VERSION,
  type InterchangeDocument,
  type ProjectModel,
  toInterchange,
} from '@orca/shared/domain';
import {
  type ExportFormatFunction,
  exportedModel,
  generatedAt,
  type ExportOptions,
} from './export-options';

export interface ExportedJson extends InterchangeDocument {
  readonly exported: {
    readonly by: 'ORCA Project Builder';
    readonly at: string;
    readonly rev: number | null;
    readonly filter: 'now' | null;
    /** The snapshot exported, or null for the project as it was at `rev`. */
    readonly snapshot: string | null;
  };
}

export function exportDocument(
  model: ProjectModel,
  options: ExportOptions,
): ExportedJson {
  const document = toInterchange(exportedModel(model, options), {
    name: options.projectName,
    description: options.projectDescription ?? '',
  });
  return {
    ...document,
    format: INTERCHANGE_FORMAT,
    version: INTERCHANGE_VERSION,
    exported: {
      by: 'ORCA Project Builder',
      at: generatedAt(options),
      rev: options.rev ?? null,
      filter: options.nowOnly ? 'now' : null,
      snapshot: options.snapshotName ?? null,
    },
  };
}

export const exportJson: ExportFormatFunction = async (model, options) => {
  options.onProgress?.(0);
  const text = `${JSON.stringify(exportDocument(model, options), null, 1)}\n`;
  options.onProgress?.(100);
  return text;
};

/**
 * The HTTP side of an export, shared by every download route (a project, a snapshot): the query
 * (`format`, `priority`, `exportId`) checked all at once, its OpenAPI description, cancel when
 * the client goes away, and the file sent as a named attachment.
 */
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { ApiProblems, validationFailed } from '@orca/api/core';
import type { FieldError } from '@orca/shared/contracts';
import { isUuid } from '@orca/shared/domain';
import type { Response } from 'express';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  FORMAT_DESCRIPTIONS,
  isExportFormat,
} from './formats/catalog';
import type { ExportedFile } from './export.service';

const CONTENT_TYPES = [
  ...new Set(Object.values(FORMAT_DESCRIPTIONS).map((f) => f.contentType)),
];

export interface ExportQuery {
  readonly format: ExportFormat;
  readonly nowOnly: boolean;
  readonly exportId?: string;
}

/** The export query as typed, or a 400 naming every bad field. */
export function parseExportQuery(query: {
  format: unknown;
  priority: unknown;
  exportId: unknown;
}): ExportQuery {
  const { format, priority, exportId } = query;
  const errors: FieldError[] = [];
  if (!isExportFormat(format))
    errors.push({
      field: 'format',
      message: `format must be one of ${EXPORT_FORMATS.join(', ')}`,
    });
  if (priority !== undefined && priority !== '' && priority !== 'now')
    errors.push({
      field: 'priority',
      message: 'priority may only be `now` (export the Now view)',
    });
  if (exportId !== undefined && !isUuid(exportId))
    errors.push({ field: 'exportId', message: 'exportId must be a UUID' });
  if (errors.length > 0 || !isExportFormat(format))
    throw validationFailed(errors);
  return {
    format,
    nowOnly: priority === 'now',
    exportId: exportId as string | undefined,
  };
}

/** Aborted when the client drops the request before its file is sent (the worker is stopped). */
export function cancelOnClose(response: Response): AbortSignal {
  const cancel = new AbortController();
  // The response's `close` comes when it is done or when the connection dropped before that.
  response.once('close', () => {
    if (!response.writableFinished) cancel.abort();
  });
  return cancel.signal;
}

/** The file as an attachment, never cached, with its export id and model rev in headers. */
export function exportAttachment(
  response: Response,
  file: ExportedFile,
): StreamableFile {
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('X-Export-Id', file.exportId);
  response.setHeader('X-Model-Rev', String(file.rev));
  return new StreamableFile(file.content, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.content.byteLength,
  });
}

/** The query parameters, the file types and the problems of an export route, for OpenAPI. */
export function ApiExport(...problems: Array<[number, string]>) {
  return applyDecorators(
    ApiQuery({ name: 'format', required: true, enum: EXPORT_FORMATS }),
    ApiQuery({
      name: 'priority',
      required: false,
      enum: ['now'],
      description: '`now`: only what is planned for Now',
    }),
    ApiQuery({
      name: 'exportId',
      required: false,
      description: 'A UUID naming this export (progress, cancel)',
    }),
    ApiProduces(...CONTENT_TYPES),
    ApiOkResponse({
      description:
        'The file, as an attachment with its name in Content-Disposition',
      content: Object.fromEntries(
        CONTENT_TYPES.map((type) => [
          type,
          { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    }),
    ApiProblems(
      [400, 'validation_failed: unknown format or priority, or a bad exportId'],
      ...problems,
      [409, 'export_cancelled, or export_running: that exportId is in use'],
      [
        503,
        'export_busy: too many exports waiting; export_out_of_memory: the model is too large for the memory one export may use',
      ],
    ),
  );
}

/** The OpenAPI description of what an export route's formats are and how its file is named. */
export function exportRouteDescription(what: string): string {
  return [
    `Downloads ${what} in one format, made off the event loop.`,
    'Formats: ' +
      EXPORT_FORMATS.map(
        (f) => `\`${f}\` (${FORMAT_DESCRIPTIONS[f].title})`,
      ).join(', ') +
      '.',
    'The file is named `<project-slug>-rev<rev>[-snapshot-<name>][-now].<ext>`; `csv` is a ZIP of five CSV files (`.csv.zip`).',
    'Pass your own `exportId` (a UUID) to follow its progress and cancel it; closing the request cancels it too.',
  ].join(' ');
}

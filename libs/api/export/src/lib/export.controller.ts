import {
  Controller,
  Get,
  Param,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, uuidParam, validationFailed } from '@orca/api/core';
import type { FieldError } from '@orca/shared/contracts';
import type { Response } from 'express';
import {
  EXPORT_FORMATS,
  FORMAT_DESCRIPTIONS,
  isExportFormat,
} from './formats/catalog';
import { ExportService } from './export.service';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTENT_TYPES = [
  ...new Set(Object.values(FORMAT_DESCRIPTIONS).map((f) => f.contentType)),
];

@ApiTags('export')
@Controller('projects/:projectId')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Authenticated({ projectRole: 'viewer' })
  @Get('export')
  @ApiOperation({
    operationId: 'exportProject',
    summary: 'Download the model in one format (made off the event loop)',
    description: [
      'Formats: ' +
        EXPORT_FORMATS.map(
          (f) => `\`${f}\` (${FORMAT_DESCRIPTIONS[f].title})`,
        ).join(', ') +
        '.',
      'The file is named `<project-slug>-rev<rev>[-now].<ext>`; `csv` is a ZIP of five CSV files (`.csv.zip`).',
      'Pass your own `exportId` (a UUID) to follow its progress and cancel it; closing the request cancels it too.',
    ].join(' '),
  })
  @ApiQuery({ name: 'format', required: true, enum: EXPORT_FORMATS })
  @ApiQuery({
    name: 'priority',
    required: false,
    enum: ['now'],
    description: '`now`: only what is planned for Now',
  })
  @ApiQuery({
    name: 'exportId',
    required: false,
    description: 'A UUID naming this export (progress, cancel)',
  })
  @ApiProduces(...CONTENT_TYPES)
  @ApiOkResponse({
    description:
      'The file, as an attachment with its name in Content-Disposition',
    content: Object.fromEntries(
      CONTENT_TYPES.map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiProblems(
    [400, 'validation_failed: unknown format or priority, or a bad exportId'],
    [409, 'export_cancelled, or export_running: that exportId is in use'],
    [503, 'export_busy: too many exports waiting'],
  )
  async export(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Query('format') format: unknown,
    @Query('priority') priority: unknown,
    @Query('exportId') exportId: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
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
    if (
      exportId !== undefined &&
      (typeof exportId !== 'string' || !UUID.test(exportId))
    )
      errors.push({ field: 'exportId', message: 'exportId must be a UUID' });
    if (errors.length > 0 || !isExportFormat(format))
      throw validationFailed(errors);

    // A client that goes away cancels its export: the worker running it is stopped.
    const cancel = new AbortController();
    const onClose = () => {
      if (!response.writableFinished) cancel.abort();
    };
    // The response's `close` comes when it is done or when the connection dropped before that.
    response.once('close', onClose);
    const file = await this.exports.export({
      projectId: id,
      userId: principal.userId,
      format,
      nowOnly: priority === 'now',
      exportId: exportId as string | undefined,
      signal: cancel.signal,
    });
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Export-Id', file.exportId);
    response.setHeader('X-Model-Rev', String(file.rev));
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.content.byteLength,
    });
  }
}

import {
  Controller,
  Get,
  Param,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { uuidParam } from '@orca/api/core';
import type { Response } from 'express';
import {
  ApiExport,
  cancelOnClose,
  exportAttachment,
  exportRouteDescription,
  parseExportQuery,
} from './export-http';
import { ExportService } from './export.service';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));

@ApiTags('export')
@Controller('projects/:projectId')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Authenticated({ projectRole: 'viewer' })
  @Get('export')
  @ApiOperation({
    operationId: 'exportProject',
    summary: 'Download the model in one format (made off the event loop)',
    description: exportRouteDescription('the project as it is now'),
  })
  @ApiExport()
  async export(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Query('format') format: unknown,
    @Query('priority') priority: unknown,
    @Query('exportId') exportId: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const query = parseExportQuery({ format, priority, exportId });
    const file = await this.exports.export({
      projectId: id,
      userId: principal.userId,
      ...query,
      signal: cancelOnClose(response),
    });
    return exportAttachment(response, file);
  }
}

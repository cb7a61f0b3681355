import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, uuidParam } from '@orca/api/core';
import {
  ApiExport,
  cancelOnClose,
  exportAttachment,
  ExportService,
  exportRouteDescription,
  parseExportQuery,
} from '@orca/api/export';
import { ProjectDto } from '@orca/api/projects';
import {
  CreateSnapshotDto,
  RestoreSnapshotDto,
  SnapshotDiffDto,
  SnapshotDto,
  SnapshotWithModelDto,
} from './dto/snapshots.dto';
import { SnapshotsService } from './snapshots.service';
import type { Response } from 'express';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));
const snapshotId = () =>
  Param('snapshotId', uuidParam('snapshot_not_found', 'Snapshot'));

@ApiTags('snapshots')
@Controller('projects/:projectId/snapshots')
export class SnapshotsController {
  constructor(
    private readonly snapshots: SnapshotsService,
    private readonly exports: ExportService,
  ) {}

  @Authenticated({ projectRole: 'viewer' })
  @Get()
  @ApiOperation({
    operationId: 'listSnapshots',
    summary: 'The snapshots of a project, newest first (without their models)',
  })
  @ApiOkResponse({ type: [SnapshotDto] })
  list(@projectId() id: string): Promise<SnapshotDto[]> {
    return this.snapshots.list(id);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Post()
  @ApiOperation({
    operationId: 'createSnapshot',
    summary: 'Keep a named, immutable copy of the whole model as it is now',
  })
  @ApiCreatedResponse({ type: SnapshotDto })
  @ApiProblems([400, 'validation_failed: name or description'])
  create(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateSnapshotDto,
  ): Promise<SnapshotDto> {
    return this.snapshots.create(id, principal.userId, body);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':snapshotId')
  @ApiOperation({
    operationId: 'getSnapshot',
    summary: 'One snapshot with its model',
  })
  @ApiOkResponse({ type: SnapshotWithModelDto })
  @ApiProblems([404, 'snapshot_not_found'])
  get(@projectId() id: string, @snapshotId() snapshot: string) {
    return this.snapshots.get(id, snapshot);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':snapshotId/export')
  @ApiOperation({
    operationId: 'exportSnapshot',
    summary:
      'Download a snapshot in one format, exactly like the project (made off the event loop)',
    description: exportRouteDescription('the model as the snapshot keeps it'),
  })
  @ApiExport([404, 'snapshot_not_found'])
  async export(
    @projectId() id: string,
    @snapshotId() snapshot: string,
    @CurrentPrincipal() principal: Principal,
    @Query('format') format: unknown,
    @Query('priority') priority: unknown,
    @Query('exportId') exportId: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const query = parseExportQuery({ format, priority, exportId });
    const { name, rev, model } = await this.snapshots.get(id, snapshot);
    const file = await this.exports.export({
      projectId: id,
      userId: principal.userId,
      ...query,
      snapshot: { name, rev, model },
      signal: cancelOnClose(response),
    });
    return exportAttachment(response, file);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':a/diff/:b')
  @ApiOperation({
    operationId: 'diffSnapshots',
    summary:
      'What differs from snapshot a to snapshot b (either may be `current`): items added, removed, and changed field by field',
  })
  @ApiParam({ name: 'a', description: 'A snapshot id, or `current`' })
  @ApiParam({ name: 'b', description: 'A snapshot id, or `current`' })
  @ApiOkResponse({ type: SnapshotDiffDto })
  @ApiProblems([404, 'snapshot_not_found: names the side (a or b)'])
  diff(@projectId() id: string, @Param('a') a: string, @Param('b') b: string) {
    return this.snapshots.diff(id, a, b);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Post(':snapshotId/restore')
  @ApiOperation({
    operationId: 'restoreSnapshot',
    summary:
      'Start a new project from a snapshot (the project it came from is left as it is); I become its facilitator',
  })
  @ApiBody({ type: RestoreSnapshotDto, required: false })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems([400, 'validation_failed: name'], [404, 'snapshot_not_found'])
  restore(
    @projectId() id: string,
    @snapshotId() snapshot: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: RestoreSnapshotDto,
  ): Promise<ProjectDto> {
    return this.snapshots.restore(id, snapshot, principal.userId, body.name);
  }
}

import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, ProblemException } from '@orca/api/core';
import {
  ProjectDto,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectsService,
} from '@orca/api/projects';
import { fromInterchange } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChangePipeline } from './change-pipeline.service';

/** Creates a project from an ORCA interchange document (the fixtures' format; the JSON export). */
@ApiTags('projects')
@Controller('projects/import')
export class ImportController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipeline: ChangePipeline,
    private readonly projects: ProjectsService,
  ) {}

  @Authenticated()
  @Post()
  @ApiOperation({
    operationId: 'importProject',
    summary: 'Create a project from an ORCA JSON document, all or nothing',
    description:
      'Accepts `{format: "orca-project", version: 1, project, roles, objects, relationships, attributes, ctas}` with items referring to each other by `key` — a hand-written file or the JSON export (`GET /projects/{projectId}/export?format=json`, whose `exported` stamp is ignored). Every problem found is listed, not just the first; nothing is created unless all is well.',
  })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems([
    422,
    'import_invalid: every problem, each naming its place in the document',
  ])
  async import(
    @CurrentPrincipal() principal: Principal,
    @Body() document: unknown,
  ): Promise<ProjectDto> {
    const result = fromInterchange(withoutExportStamp(document), {
      generateId: () => randomUUID(),
    });
    if (!result.ok) {
      throw new ProblemException(
        422,
        'import_invalid',
        'The document cannot be imported',
        `${result.problems.length} problem(s) found; nothing was created.`,
        result.problems.map((problem) => ({
          field: problem.field,
          message: problem.message,
          code: problem.code,
        })),
      );
    }
    const { project, model } = result;
    const projectId = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ProjectEntity, {
          name: project.name.trim().slice(0, 120) || 'Imported project',
          description: project.description ?? '',
          createdBy: principal.userId,
        }),
      );
      await manager.insert(ProjectMemberEntity, {
        projectId: created.id,
        userId: principal.userId,
        role: 'facilitator',
      });
      await this.pipeline.seed(manager, created.id, principal.userId, model, {
        objects: Object.keys(model.objects).length,
        relationships: Object.keys(model.relationships).length,
        roles: Object.keys(model.roles).length,
        ctas: Object.keys(model.ctas).length,
        attributes: Object.keys(model.attributes).length,
      });
      return created.id;
    });
    return this.projects.get(projectId, principal.userId);
  }
}

/**
 * The JSON export is the interchange document plus an `exported` stamp (who, when, which rev):
 * importing it drops the stamp. A stamp that is not an object is left in, so the document's own
 * checks name it as a problem.
 */
function withoutExportStamp(document: unknown): unknown {
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document) ||
    !('exported' in document)
  )
    return document;
  const { exported, ...rest } = document as Record<string, unknown>;
  return typeof exported === 'object' &&
    exported !== null &&
    !Array.isArray(exported)
    ? rest
    : document;
}

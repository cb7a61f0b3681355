import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, ProblemException, uuidParam } from '@orca/api/core';
import {
  attributesOf,
  type Change,
  isUuid,
  keysBetween,
  newRole,
  orderKeysFor,
  rolesInOrder,
  sameName,
} from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import {
  ChangePipeline,
  type ChangeSubmission,
} from './change-pipeline.service';
import {
  BulkResultDoc,
  ReorderAttributesDoc,
  StarterRolesDoc,
} from './dto/model.dto';

/** The roles most ORCA projects start from; the team renames or archives what does not fit. */
export const STARTER_ROLES = ['Visitor', 'Member', 'Admin'];

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));

function badRequest(field: string, message: string): ProblemException {
  return new ProblemException(
    400,
    'validation_failed',
    'The request is not valid',
    message,
    [{ field, message }],
  );
}

/** Operations that are several changes at once: all or nothing, one rev per change. */
@ApiTags('model')
@Controller('projects/:projectId')
export class BulkController {
  constructor(private readonly pipeline: ChangePipeline) {}

  @Authenticated({ projectRole: 'facilitator' })
  @Post('roles/starter-set')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'addStarterRoles',
    summary: 'Add a starter set of roles (new projects start with none)',
    description: `Adds each named role that the project does not have yet, in order. Default: ${STARTER_ROLES.join(', ')}.`,
  })
  @ApiBody({ type: StarterRolesDoc, required: false })
  @ApiOkResponse({ type: BulkResultDoc })
  async starterRoles(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ) {
    const request = (body ?? {}) as { names?: unknown };
    const extra = Object.keys(request).filter((key) => key !== 'names');
    if (extra[0])
      throw badRequest(extra[0], `${extra[0]} is not a known field`);
    if (
      request.names !== undefined &&
      (!Array.isArray(request.names) ||
        request.names.some((name) => typeof name !== 'string'))
    ) {
      throw badRequest('names', 'names must be a list of role names');
    }
    const names = (request.names as string[] | undefined) ?? STARTER_ROLES;
    const { model } = await this.pipeline.read(id);
    const existing = rolesInOrder(model);
    const missing = names
      .map((name) => name.trim())
      .filter(
        (name, index, all) =>
          !existing.some((role) => sameName(role.name, name)) &&
          all.findIndex((other) => sameName(other, name)) === index,
      );
    const keys = keysBetween(
      existing.at(-1)?.orderKey ?? null,
      null,
      missing.length,
    );
    const changes: Change[] = missing.map((name, index) => ({
      kind: 'role.create',
      role: newRole({
        id: randomUUID(),
        name,
        orderKey: keys[index] as string,
      }),
    }));
    const results = await this.pipeline.submitAll(
      id,
      changes.map((change) => this.submission(id, principal, change)),
      (field) => `names.${field}`,
    );
    const latest = results.at(-1);
    return {
      rev: latest?.rev ?? (await this.pipeline.read(id)).rev,
      changes: results.length,
      roles: latest ? rolesInOrder(latest.model) : existing,
    };
  }

  @Authenticated({ projectRole: 'contributor' })
  @Post('attributes/reorder')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reorderAttributes',
    summary:
      "Force-rank an object's attributes: send all of them in the new order",
  })
  @ApiBody({ type: ReorderAttributesDoc })
  @ApiOkResponse({ type: BulkResultDoc })
  @ApiProblems([
    400,
    'validation_failed: attributeIds must be exactly the object’s attributes',
  ])
  async reorderAttributes(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ) {
    const request = (body ?? {}) as {
      objectId?: unknown;
      attributeIds?: unknown;
    };
    const extra = Object.keys(request).filter(
      (key) => key !== 'objectId' && key !== 'attributeIds',
    );
    if (extra[0])
      throw badRequest(extra[0], `${extra[0]} is not a known field`);
    if (!isUuid(request.objectId))
      throw badRequest('objectId', 'objectId must be the id of an object');
    if (
      !Array.isArray(request.attributeIds) ||
      !request.attributeIds.every(isUuid)
    )
      throw badRequest(
        'attributeIds',
        'attributeIds must be a list of attribute ids',
      );
    const { model } = await this.pipeline.read(id);
    if (!(request.objectId in model.objects))
      throw new ProblemException(
        404,
        'item_not_found',
        'No such object in this project',
      );
    const current = attributesOf(model, request.objectId);
    const wanted = request.attributeIds as string[];
    const sameSet =
      wanted.length === current.length &&
      new Set(wanted).size === wanted.length &&
      current.every((attribute) => wanted.includes(attribute.id));
    if (!sameSet)
      throw badRequest(
        'attributeIds',
        `Send each of the object's ${current.length} attribute ids exactly once, in the new order.`,
      );
    const keys = orderKeysFor(wanted.length);
    const moves: Change[] = wanted.flatMap((attributeId, index) =>
      model.attributes[attributeId]?.orderKey === keys[index]
        ? []
        : [
            {
              kind: 'attribute.move',
              id: attributeId,
              orderKey: keys[index] as string,
            },
          ],
    );
    const results = await this.pipeline.submitAll(
      id,
      moves.map((change) => this.submission(id, principal, change)),
      (field) => `attributeIds.${field}`,
    );
    const latest = results.at(-1);
    return {
      rev: latest?.rev ?? (await this.pipeline.read(id)).rev,
      changes: results.length,
      attributes: attributesOf(latest?.model ?? model, request.objectId),
    };
  }

  private submission(
    projectId: string,
    principal: Principal,
    change: Change,
  ): ChangeSubmission {
    return {
      projectId,
      actorId: principal.userId,
      clientId: `rest:${principal.userId}`,
      mutationId: randomUUID(),
      change,
    };
  }
}

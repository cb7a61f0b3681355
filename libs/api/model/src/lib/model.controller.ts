import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import {
  ApiProblems,
  ProblemException,
  uuidParam,
  validationFailed,
} from '@orca/api/core';
import type { FieldError } from '@orca/shared/contracts';
import {
  buildCtaMatrix,
  buildNestedObjectMatrix,
  CHECK_RULE_IDS,
  type CheckRuleId,
  CRUD_CLASSES,
  type CrudClass,
  isUuid,
  reviewModel,
} from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { ChangePipeline } from './change-pipeline.service';
import {
  ChangePageDoc,
  ChangeRequestDoc,
  ModelResponseDoc,
  UndoRequestDoc,
  UndoResultDoc,
  WriteResultDoc,
} from './dto/model.dto';
import { CheckSettings } from './check-settings.service';
import { CheckSettingsDoc, UpdateCheckSettingsDoc } from './dto/model.dto';
import { ModelHistory } from './model-history.service';
import { applyPriorityFilter } from './priority-filter';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));
const PRIORITY_QUERY = {
  name: 'priority',
  required: false,
  description: 'Show only these phases, e.g. `now` or `now,next`',
};

@ApiTags('model')
@Controller('projects/:projectId')
export class ModelController {
  constructor(
    private readonly pipeline: ChangePipeline,
    private readonly history: ModelHistory,
    private readonly checkSettings: CheckSettings,
  ) {}

  @Authenticated({ projectRole: 'viewer' })
  @Get('model')
  @ApiOperation({
    operationId: 'getModel',
    summary: 'The whole model with its rev',
  })
  @ApiQuery(PRIORITY_QUERY)
  @ApiOkResponse({ type: ModelResponseDoc })
  async model(@projectId() id: string, @Query('priority') priority?: string) {
    const { rev, model } = await this.pipeline.read(id);
    return { rev, model: applyPriorityFilter(model, priority) };
  }

  @Authenticated({ projectRole: 'contributor' })
  @Post('changes')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'submitChange',
    summary: 'Apply one change of any kind (the same pipeline as the socket)',
    description:
      'Moves, text edits, bulk priority and every create/update/delete. The answer carries the new rev.',
  })
  @ApiBody({ type: ChangeRequestDoc })
  @ApiOkResponse({ type: WriteResultDoc })
  @ApiProblems(
    [404, 'item_not_found'],
    [409, 'item_deleted: someone deleted the item'],
    [422, 'validation_failed: the change breaks a rule'],
  )
  async submit(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ) {
    // Validated by the shared domain, not class-validator: the same rules as the browser's.
    const request = body as Record<string, unknown>;
    const unknown = Object.keys(request ?? {}).filter(
      (key) => !['mutationId', 'baseRev', 'change'].includes(key),
    );
    if (
      !request ||
      typeof request !== 'object' ||
      unknown.length > 0 ||
      typeof request['change'] !== 'object'
    ) {
      throw new ProblemException(
        400,
        'validation_failed',
        'The request is not valid',
        'Send {change, mutationId?, baseRev?}.',
        [
          ...unknown.map((field) => ({
            field,
            message: `${field} is not a known field`,
          })),
          ...(typeof request?.['change'] !== 'object'
            ? [
                {
                  field: 'change',
                  message: 'change must be an object with a kind',
                },
              ]
            : []),
        ],
      );
    }
    const mutationId =
      typeof request['mutationId'] === 'string' &&
      request['mutationId'].length <= 64
        ? request['mutationId']
        : randomUUID();
    const result = await this.pipeline.submit(
      {
        projectId: id,
        actorId: principal.userId,
        clientId: `rest:${principal.userId}`,
        mutationId,
        baseRev: request['baseRev'],
        change: request['change'],
      },
      (field) => `change.${field}`,
    );
    return {
      rev: result.rev,
      changed: result.changed,
      duplicate: result.duplicate,
      effects: result.effects,
      overwrote: result.overwrote,
    };
  }

  @Authenticated({ projectRole: 'contributor' })
  @Post('changes/undo')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'undoChange',
    summary: 'Undo my latest change (or the one at `rev`) as new changes',
    description:
      'Reverts my latest change that is neither an undo nor undone yet, through the same pipeline as every write: the revert is new changes (broadcast as change:applied) that name the undone rev in `undoes`. Pressing it again goes further back; an undo is not undone (there is no redo). Text comes back without losing what others typed since; fields others changed since are overwritten and reported in `overwrote`. A change whose effects are already gone is skipped for the one before it.',
  })
  @ApiBody({ type: UndoRequestDoc, required: false })
  @ApiOkResponse({ type: UndoResultDoc })
  @ApiProblems(
    [
      409,
      'nothing_to_undo, or undo_conflict: the model changed so that the change cannot be reverted (an item was deleted since…); nothing was written',
    ],
    [
      422,
      'validation_failed: `rev` is not a change of mine that can be undone',
    ],
  )
  async undo(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<UndoResultDoc> {
    const request = (body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(request).filter((key) => key !== 'rev');
    const rev = request['rev'];
    if (
      typeof request !== 'object' ||
      Array.isArray(request) ||
      unknown.length > 0 ||
      (rev !== undefined &&
        (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 1))
    ) {
      throw validationFailed([
        ...unknown.map((field) => ({
          field,
          message: `${field} is not a known field`,
        })),
        ...(unknown.length === 0
          ? [{ field: 'rev', message: 'rev must be a whole number above 0' }]
          : []),
      ]);
    }
    const { undone, results } = await this.pipeline.undo(
      id,
      principal.userId,
      `rest:${principal.userId}`,
      rev as number | undefined,
    );
    const committed = results.filter((result) => result.changed);
    return {
      rev: Math.max(...results.map((result) => result.rev)),
      undone,
      changes: committed.map(
        (result) => result.change as unknown as Record<string, unknown>,
      ),
      effects: committed.flatMap((result) => result.effects),
      overwrote: committed.flatMap((result) => result.overwrote),
    };
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get('changes')
  @ApiOperation({
    operationId: 'listChanges',
    summary:
      'The change log after sinceRev: who changed what, when (activity feed, history, resync)',
    description:
      'Each entry names its actor (`actorName`), the previous values (`inverse`) and how it relates to undo (`undoes`, `undoneBy`). Filter by `itemId` (changes to that item, including deletes that took it along) and `actorId`; `order=desc` with `beforeRev` pages back from the newest.',
  })
  @ApiQuery({ name: 'sinceRev', required: false, type: Number })
  @ApiQuery({
    name: 'limit',
    required: false,
    type: Number,
    description: '1–500, default 100',
  })
  @ApiQuery({
    name: 'itemId',
    required: false,
    description: 'Only changes that touched this item',
  })
  @ApiQuery({
    name: 'actorId',
    required: false,
    description: 'Only changes made by this person',
  })
  @ApiQuery({
    name: 'beforeRev',
    required: false,
    type: Number,
    description: 'Only changes below this rev',
  })
  @ApiQuery({
    name: 'order',
    required: false,
    enum: ['asc', 'desc'],
    description: '`desc`: newest first (default `asc`)',
  })
  @ApiOkResponse({ type: ChangePageDoc })
  @ApiProblems([400, 'validation_failed: a query parameter is not valid'])
  changes(
    @projectId() id: string,
    @Query('sinceRev', new ParseIntPipe({ optional: true })) sinceRev?: number,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
    @Query('itemId') itemId?: string,
    @Query('actorId') actorId?: string,
    @Query('beforeRev') beforeRev?: string,
    @Query('order') order?: string,
  ) {
    const errors: FieldError[] = [];
    const uuid = (value: string | undefined, field: string) => {
      if (value !== undefined && !isUuid(value)) {
        errors.push({ field, message: `${field} must be a UUID` });
      }
    };
    uuid(itemId, 'itemId');
    uuid(actorId, 'actorId');
    const before = beforeRev === undefined ? undefined : Number(beforeRev);
    if (before !== undefined && !Number.isSafeInteger(before))
      errors.push({
        field: 'beforeRev',
        message: 'beforeRev must be a whole number',
      });
    if (order !== undefined && order !== 'asc' && order !== 'desc')
      errors.push({ field: 'order', message: 'order must be asc or desc' });
    if (errors.length > 0) throw validationFailed(errors);
    return this.history.page(
      id,
      sinceRev ?? 0,
      Math.min(Math.max(limit ?? 100, 1), 500),
      {
        itemId,
        actorId,
        beforeRev: before,
        order: order as 'asc' | 'desc' | undefined,
      },
    );
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get('nom')
  @ApiOperation({
    operationId: 'getNestedObjectMatrix',
    summary:
      'The Nested Object Matrix ready to draw: objects on both axes, each cell with its relationship or empty',
  })
  @ApiQuery(PRIORITY_QUERY)
  async nom(@projectId() id: string, @Query('priority') priority?: string) {
    const { rev, model } = await this.pipeline.read(id);
    return {
      rev,
      ...buildNestedObjectMatrix(applyPriorityFilter(model, priority)),
    };
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get('cta-matrix')
  @ApiOperation({
    operationId: 'getCtaMatrix',
    summary:
      'The CTA Matrix: roles × objects, each cell with its CTAs in order',
  })
  @ApiQuery(PRIORITY_QUERY)
  @ApiQuery({ name: 'crud', required: false, enum: CRUD_CLASSES })
  @ApiQuery({ name: 'primaryOnly', required: false, type: Boolean })
  async ctaMatrix(
    @projectId() id: string,
    @Query('priority') priority?: string,
    @Query('crud') crud?: string,
    @Query('primaryOnly', new ParseBoolPipe({ optional: true }))
    primaryOnly?: boolean,
  ) {
    if (
      crud !== undefined &&
      !(CRUD_CLASSES as readonly string[]).includes(crud)
    ) {
      throw new ProblemException(
        400,
        'validation_failed',
        'Unknown CRUD class',
        undefined,
        [
          {
            field: 'crud',
            message: `crud must be one of ${CRUD_CLASSES.join(', ')}`,
          },
        ],
      );
    }
    const { rev, model } = await this.pipeline.read(id);
    return {
      rev,
      ...buildCtaMatrix(applyPriorityFilter(model, priority), {
        crud: crud as CrudClass | undefined,
        primaryOnly,
      }),
    };
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get('validation')
  @ApiOperation({
    operationId: 'getValidation',
    summary:
      'The checks practitioners run by eye: findings, completeness per ORCA round, readiness',
    description:
      'Rules the project switched off (PUT validation/settings) are skipped; `disable` skips more for this request only.',
  })
  @ApiQuery({
    name: 'disable',
    required: false,
    description: 'Comma-separated rule ids to skip for this request',
  })
  async validation(
    @projectId() id: string,
    @Query('disable') disable?: string,
  ) {
    const { rev, model } = await this.pipeline.read(id);
    const disabledRules = [
      ...new Set([
        ...(await this.checkSettings.disabledRules(id)),
        ...parseRules((disable ?? '').split(','), 'disable'),
      ]),
    ];
    return { rev, disabledRules, ...reviewModel(model, { disabledRules }) };
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get('validation/settings')
  @ApiOperation({
    operationId: 'getCheckSettings',
    summary: 'Which check rules exist and which this project has switched off',
  })
  @ApiOkResponse({ type: CheckSettingsDoc })
  async checkSettingsOf(@projectId() id: string): Promise<CheckSettingsDoc> {
    return {
      rules: [...CHECK_RULE_IDS],
      disabledRules: await this.checkSettings.disabledRules(id),
    };
  }

  @Authenticated({ projectRole: 'contributor' })
  @Put('validation/settings')
  @ApiOperation({
    operationId: 'updateCheckSettings',
    summary: 'Switch check rules off (or back on) for this project',
  })
  @ApiBody({ type: UpdateCheckSettingsDoc })
  @ApiOkResponse({ type: CheckSettingsDoc })
  @ApiProblems([400, 'validation_failed: an unknown rule id'])
  async updateCheckSettings(
    @projectId() id: string,
    @Body() body: unknown,
  ): Promise<CheckSettingsDoc> {
    const request = body as { disabledRules?: unknown } | null;
    const extra = Object.keys(request ?? {}).filter(
      (key) => key !== 'disabledRules',
    );
    if (
      !request ||
      !Array.isArray(request.disabledRules) ||
      request.disabledRules.some((rule) => typeof rule !== 'string') ||
      extra.length > 0
    ) {
      throw new ProblemException(
        400,
        'validation_failed',
        'The request is not valid',
        'Send {disabledRules: string[]}.',
        [
          {
            field: extra[0] ?? 'disabledRules',
            message: extra[0]
              ? `${extra[0]} is not a known field`
              : 'disabledRules must be a list of rule ids',
          },
        ],
      );
    }
    const rules = parseRules(
      request.disabledRules as string[],
      'disabledRules',
    );
    await this.checkSettings.setDisabledRules(id, rules);
    return { rules: [...CHECK_RULE_IDS], disabledRules: rules };
  }
}

function parseRules(values: readonly string[], field: string): CheckRuleId[] {
  const rules = values.map((rule) => rule.trim()).filter(Boolean);
  const unknown = rules.filter(
    (rule) => !(CHECK_RULE_IDS as readonly string[]).includes(rule),
  );
  if (unknown.length > 0) {
    throw new ProblemException(
      400,
      'validation_failed',
      'Unknown check rule',
      `Known rules: ${CHECK_RULE_IDS.join(', ')}`,
      [{ field, message: `Unknown rule: ${unknown.join(', ')}` }],
    );
  }
  return [...new Set(rules)] as CheckRuleId[];
}

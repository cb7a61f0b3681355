import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  type Type,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import {
  ApiProblems,
  notFound,
  ProblemException,
  uuidParam,
} from '@orca/api/core';
import {
  type AnyItem,
  attributesOf,
  type Change,
  ctasInCell,
  isUuid,
  itemMatches,
  itemName,
  type ItemKind,
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
  orderKeyAtEnd,
  type ProjectModel,
  searchQuery,
  sortByOrder,
} from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { ChangePipeline } from './change-pipeline.service';
import {
  AttributeDoc,
  CtaDoc,
  OrcaObjectDoc,
  RelationshipDoc,
  RoleDoc,
} from './dto/model.dto';
import { applyPriorityFilter } from './priority-filter';

type Body = Record<string, unknown>;
type Item = {
  id: string;
  orderKey?: string;
  name?: string;
  verb?: string;
  label?: string;
};

interface ItemsSpec {
  /** URL segment and model collection. */
  path: 'objects' | 'relationships' | 'roles' | 'ctas' | 'attributes';
  kind: ItemKind;
  /** Singular and plural for operation ids and messages. */
  singular: string;
  plural: string;
  doc: Type;
  /** Builds the create change from a request body, filling defaults and the order key. */
  create(body: Body, id: string, model: ProjectModel): Change;
  /** Extra list filters by query parameter. */
  filters: Array<{
    name: string;
    field: keyof Item | 'roleId' | 'objectId' | 'fromObjectId' | 'toObjectId';
    description: string;
  }>;
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : '';

const SPECS: ItemsSpec[] = [
  {
    path: 'objects',
    kind: 'object',
    singular: 'Object',
    plural: 'Objects',
    doc: OrcaObjectDoc,
    create: (body, id, model) => ({
      kind: 'object.create',
      object: newObject({
        orderKey: orderKeyAtEnd(Object.values(model.objects)),
        ...(body as object),
        id,
      } as Parameters<typeof newObject>[0]),
    }),
    filters: [],
  },
  {
    path: 'relationships',
    kind: 'relationship',
    singular: 'Relationship',
    plural: 'Relationships',
    doc: RelationshipDoc,
    create: (body, id) => ({
      kind: 'relationship.create',
      relationship: newRelationship({ ...(body as object), id } as Parameters<
        typeof newRelationship
      >[0]),
    }),
    filters: [
      {
        name: 'fromObjectId',
        field: 'fromObjectId',
        description: 'Only this row of the NOM',
      },
      {
        name: 'toObjectId',
        field: 'toObjectId',
        description: 'Only this column of the NOM',
      },
    ],
  },
  {
    path: 'roles',
    kind: 'role',
    singular: 'Role',
    plural: 'Roles',
    doc: RoleDoc,
    create: (body, id, model) => ({
      kind: 'role.create',
      role: newRole({
        orderKey: orderKeyAtEnd(Object.values(model.roles)),
        ...(body as object),
        id,
      } as Parameters<typeof newRole>[0]),
    }),
    filters: [],
  },
  {
    path: 'ctas',
    kind: 'cta',
    singular: 'Cta',
    plural: 'Ctas',
    doc: CtaDoc,
    create: (body, id, model) => ({
      kind: 'cta.create',
      cta: newCta({
        orderKey: orderKeyAtEnd(
          ctasInCell(model, str(body['roleId']), str(body['objectId'])),
        ),
        ...(body as object),
        id,
      } as Parameters<typeof newCta>[0]),
    }),
    filters: [
      {
        name: 'roleId',
        field: 'roleId',
        description: 'Only CTAs of this role',
      },
      {
        name: 'objectId',
        field: 'objectId',
        description: 'Only CTAs on this object',
      },
    ],
  },
  {
    path: 'attributes',
    kind: 'attribute',
    singular: 'Attribute',
    plural: 'Attributes',
    doc: AttributeDoc,
    create: (body, id, model) => ({
      kind: 'attribute.create',
      attribute: newAttribute({
        kind: 'core',
        type: 'text',
        orderKey: orderKeyAtEnd(attributesOf(model, str(body['objectId']))),
        ...(body as object),
        id,
      } as Parameters<typeof newAttribute>[0]),
    }),
    filters: [
      {
        name: 'objectId',
        field: 'objectId',
        description: "Only this object's attributes (in force-rank order)",
      },
    ],
  },
];

export class DeletedItemDoc {
  @ApiProperty({ enum: ['object', 'relationship', 'role', 'cta', 'attribute'] })
  kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

function requireObjectBody(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemException(
      400,
      'validation_failed',
      'The request body must be a JSON object',
      undefined,
      [{ field: 'body', message: 'Send a JSON object.' }],
    );
  }
  return body as Body;
}

/** REST field names: the domain says `object.name` or `patch.name`; the caller sent `name`. */
const stripPrefix = (field: string) =>
  field.replace(/^(object|relationship|role|cta|attribute|patch)\./, '');

function itemsController(spec: ItemsSpec): Type {
  const collection = spec.path;
  const key = spec.kind;
  const itemId = () =>
    Param('itemId', uuidParam('item_not_found', spec.singular));
  const projectId = () =>
    Param('projectId', uuidParam('project_not_found', 'Project'));
  const itemResponse = {
    schema: {
      type: 'object',
      properties: {
        rev: { type: 'number' },
        [key]: { $ref: getSchemaPath(spec.doc) },
      },
      required: ['rev', key],
    },
  };

  @ApiTags(collection)
  @ApiExtraModels(spec.doc, DeletedItemDoc)
  @Controller(`projects/:projectId/${collection}`)
  class ItemsController {
    constructor(readonly pipeline: ChangePipeline) {}

    @Authenticated({ projectRole: 'viewer' })
    @Get()
    @ApiOperation({
      operationId: `list${spec.plural}`,
      summary: `${spec.plural} in their order`,
    })
    @ApiQuery({
      name: 'priority',
      required: false,
      description: 'Show only these phases, e.g. `now`',
    })
    @ApiQuery({
      name: 'q',
      required: false,
      description:
        spec.kind === 'object' ? 'Search names and synonyms' : 'Search names',
    })
    @ApiOkResponse({
      schema: { type: 'array', items: { $ref: getSchemaPath(spec.doc) } },
    })
    async list(
      @projectId() id: string,
      @Query() query: Record<string, string | undefined>,
    ) {
      const { model } = await this.pipeline.read(id);
      const filtered = applyPriorityFilter(model, query['priority']);
      let items = sortByOrder(
        Object.values(filtered[collection]) as Array<
          Item & { orderKey: string }
        >,
      ) as Item[];
      for (const filter of spec.filters) {
        const wanted = query[filter.name];
        if (wanted !== undefined)
          items = items.filter(
            (item) =>
              (item as Record<string, unknown>)[filter.field] === wanted,
          );
      }
      const q = searchQuery(query['q']);
      if (q !== null)
        items = items.filter((item) => itemMatches(item as AnyItem, q));
      return items;
    }

    @Authenticated({ projectRole: 'viewer' })
    @Get(':itemId')
    @ApiOperation({
      operationId: `get${spec.singular}`,
      summary: `One ${spec.singular.toLowerCase()}`,
    })
    @ApiOkResponse({ type: spec.doc })
    @ApiProblems([404, 'item_not_found'])
    async get(@projectId() id: string, @itemId() itemId: string) {
      const { model } = await this.pipeline.read(id);
      const item = (model[collection] as Record<string, unknown>)[itemId];
      if (!item) throw notFound('item_not_found', spec.singular);
      return item;
    }

    @Authenticated({ projectRole: 'contributor' })
    @Post()
    @ApiOperation({
      operationId: `create${spec.singular}`,
      summary: `Add a ${spec.singular.toLowerCase()}`,
      description:
        'Send the fields to set; `id` (a UUID you generate, so retries never duplicate) and `orderKey` are optional. The answer carries the new rev.',
    })
    @ApiBody({ type: spec.doc })
    @ApiCreatedResponse(itemResponse)
    @ApiProblems(
      [409, 'id_taken'],
      [422, 'validation_failed: the field errors name each problem'],
    )
    async create(
      @projectId() id: string,
      @CurrentPrincipal() principal: Principal,
      @Body() rawBody: unknown,
    ) {
      const body = requireObjectBody(rawBody);
      const newId = body['id'] === undefined ? randomUUID() : body['id'];
      if (!isUuid(newId))
        throw new ProblemException(
          422,
          'validation_failed',
          'id must be a UUID',
          undefined,
          [{ field: 'id', message: 'id must be a UUID' }],
        );
      const { model } = await this.pipeline.read(id);
      const change = spec.create(body, newId, model);
      const result = await this.pipeline.submit(
        {
          projectId: id,
          actorId: principal.userId,
          clientId: `rest:${principal.userId}`,
          mutationId: `create:${newId}`,
          change,
        },
        stripPrefix,
      );
      return {
        rev: result.rev,
        [key]: (result.model[collection] as Record<string, unknown>)[newId],
      };
    }

    @Authenticated({ projectRole: 'contributor' })
    @Patch(':itemId')
    @ApiOperation({
      operationId: `update${spec.singular}`,
      summary: `Change fields of a ${spec.singular.toLowerCase()} (only those sent; others keep concurrent edits)`,
    })
    @ApiBody({
      type: spec.doc,
      description:
        'Any subset of the fields, except id and the order/placement fields (use POST /changes with a move)',
    })
    @ApiOkResponse(itemResponse)
    @ApiProblems(
      [404, 'item_not_found'],
      [409, 'item_deleted'],
      [422, 'validation_failed'],
    )
    async update(
      @projectId() id: string,
      @itemId() itemId: string,
      @CurrentPrincipal() principal: Principal,
      @Body() rawBody: unknown,
    ) {
      const patch = requireObjectBody(rawBody);
      const result = await this.pipeline.submit(
        {
          projectId: id,
          actorId: principal.userId,
          clientId: `rest:${principal.userId}`,
          mutationId: randomUUID(),
          change: { kind: `${spec.kind}.update`, id: itemId, patch },
        },
        stripPrefix,
      );
      return {
        rev: result.rev,
        [key]: (result.model[collection] as Record<string, unknown>)[itemId],
      };
    }

    @Authenticated({ projectRole: 'contributor' })
    @Delete(':itemId')
    @HttpCode(200)
    @ApiOperation({
      operationId: `delete${spec.singular}`,
      summary: `Delete a ${spec.singular.toLowerCase()}; the answer lists everything that went with it`,
    })
    @ApiOkResponse({
      schema: {
        type: 'object',
        properties: {
          rev: { type: 'number' },
          removed: {
            type: 'array',
            items: { $ref: getSchemaPath(DeletedItemDoc) },
          },
        },
      },
    })
    @ApiProblems(
      [404, 'item_not_found'],
      [
        422,
        'validation_failed (e.g. a role that CTAs still use: archive it instead)',
      ],
    )
    async remove(
      @projectId() id: string,
      @itemId() itemId: string,
      @CurrentPrincipal() principal: Principal,
    ) {
      const { model } = await this.pipeline.read(id);
      if (!(itemId in model[collection]))
        throw notFound('item_not_found', spec.singular);
      const result = await this.pipeline.submit(
        {
          projectId: id,
          actorId: principal.userId,
          clientId: `rest:${principal.userId}`,
          mutationId: randomUUID(),
          change: { kind: `${spec.kind}.delete`, id: itemId } as Change,
        },
        stripPrefix,
      );
      const removed = result.effects.flatMap((effect) => {
        if (effect.kind !== 'removed') return [];
        const item = effect.removed.item;
        return [
          {
            kind: effect.removed.itemKind,
            id: item.id,
            name: itemName(item),
          },
        ];
      });
      return { rev: result.rev, removed };
    }
  }
  Object.defineProperty(ItemsController, 'name', {
    value: `${spec.plural}Controller`,
  });
  return ItemsController;
}

export const ITEMS_CONTROLLERS = SPECS.map(itemsController);

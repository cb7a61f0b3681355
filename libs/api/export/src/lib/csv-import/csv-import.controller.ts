import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
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
import { ChangePipeline } from '@orca/api/model';
import { randomUUID } from 'node:crypto';
import { planCsvImport } from './csv-import';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));

export class CsvImportRequestDoc {
  @ApiPropertyOptional({
    description:
      'objects.csv as text: columns name (required), definition, synonyms, examples, states, priority, score, sip_structure, sip_instances, sip_purpose, open_questions',
    example:
      'name,definition,priority\r\nPlot,A bed of soil a gardener rents.,now\r\n',
  })
  objects?: string;

  @ApiPropertyOptional({
    description:
      "attributes.csv as text: columns object (an existing or imported object's name), name, type (required), kind, required, default, values, reference, description, source, visibility, priority, score",
    example: 'object,name,type,kind\r\nPlot,Size,number,metadata\r\n',
  })
  attributes?: string;
}

class CreatedObjectDoc {
  @ApiProperty({ description: 'Line of objects.csv' }) line!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class CreatedAttributeDoc {
  @ApiProperty({ description: 'Line of attributes.csv' }) line!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Name of its object' }) object!: string;
  @ApiProperty() name!: string;
}

export class CsvImportReportDoc {
  @ApiProperty({
    description: 'The rev after the import (the current rev for a dry run)',
  })
  rev!: number;
  @ApiProperty({ description: 'True when nothing was written (dryRun)' })
  dryRun!: boolean;
  @ApiProperty({ type: [CreatedObjectDoc] }) objects!: CreatedObjectDoc[];
  @ApiProperty({ type: [CreatedAttributeDoc] })
  attributes!: CreatedAttributeDoc[];
}

/** CSV import of objects and attributes into an existing project, all or nothing. */
@ApiTags('export')
@Controller('projects/:projectId/import')
export class CsvImportController {
  constructor(private readonly pipeline: ChangePipeline) {}

  @Authenticated({ projectRole: 'contributor' })
  @Post('csv')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importCsv',
    summary:
      "Add objects and attributes from CSV (the CSV export's columns), all or nothing",
    description:
      'Send `{objects?, attributes?}`, each the text of a CSV file. Objects are created first, so attributes may name them. Every change goes through the write pipeline (one rev each; collaborators see them live). Any problem in any row rejects the whole import: the 422 lists every problem, each with its file, row, column and line.',
  })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    type: Boolean,
    description: 'Check and report without writing anything',
  })
  @ApiBody({ type: CsvImportRequestDoc })
  @ApiOkResponse({ type: CsvImportReportDoc })
  @ApiProblems(
    [
      400,
      'validation_failed: the body is not {objects?, attributes?} with CSV text',
    ],
    [422, 'import_invalid: every problem of every row; nothing was created'],
  )
  async importCsv(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Query('dryRun') dryRun?: string,
  ): Promise<CsvImportReportDoc> {
    const request = (body ?? {}) as Record<string, unknown>;
    const errors = [
      ...Object.keys(request)
        .filter((key) => key !== 'objects' && key !== 'attributes')
        .map((field) => ({ field, message: `${field} is not a known field` })),
      ...(['objects', 'attributes'] as const)
        .filter(
          (key) =>
            request[key] !== undefined && typeof request[key] !== 'string',
        )
        .map((field) => ({
          field,
          message: `${field} must be the text of a CSV file`,
        })),
    ];
    if (request['objects'] === undefined && request['attributes'] === undefined)
      errors.push({
        field: 'objects',
        message: 'send objects, attributes or both (CSV text)',
      });
    if (dryRun !== undefined && !['true', 'false', ''].includes(dryRun))
      errors.push({ field: 'dryRun', message: 'dryRun must be true or false' });
    if (errors.length > 0) throw validationFailed(errors);

    const { rev, model } = await this.pipeline.read(id);
    const plan = planCsvImport(
      model,
      {
        objects: request['objects'] as string | undefined,
        attributes: request['attributes'] as string | undefined,
      },
      () => randomUUID(),
    );
    if (plan.problems.length > 0) {
      throw new ProblemException(
        422,
        'import_invalid',
        'The CSV cannot be imported',
        `${plan.problems.length} problem(s) found; nothing was created.`,
        plan.problems.map((p) => ({
          field: p.field,
          message: p.message,
          code: p.code,
        })),
      );
    }
    if (dryRun === 'true' || dryRun === '' || plan.changes.length === 0) {
      return {
        rev,
        dryRun: dryRun === 'true' || dryRun === '',
        objects: [...plan.objects],
        attributes: [...plan.attributes],
      };
    }
    const results = await this.pipeline.submitAll(
      id,
      plan.changes.map((change) => ({
        projectId: id,
        actorId: principal.userId,
        clientId: `rest:${principal.userId}`,
        mutationId: randomUUID(),
        change,
      })),
    );
    return {
      rev: results.at(-1)?.rev ?? rev,
      dryRun: false,
      objects: [...plan.objects],
      attributes: [...plan.attributes],
    };
  }
}

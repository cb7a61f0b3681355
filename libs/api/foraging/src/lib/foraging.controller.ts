import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  Authenticated,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, ProblemException, uuidParam } from '@orca/api/core';
import {
  FORAGING_FILE_FIELD,
  FORAGING_TEXT_MAX_BYTES,
} from '@orca/shared/contracts';
import type { Request, Response } from 'express';
import {
  AddForagingSourceDoc,
  AddForagingSourceResponseDoc,
  ForagingOverviewDoc,
  ForagingSourceWithTextDoc,
  ForagingUploadDoc,
} from './dto/foraging.dto';
import {
  readJsonInput,
  readUpload,
  type UploadedTextFile,
} from './foraging-input';
import { ForagingUploadFilter } from './foraging-upload.filter';
import { ForagingService } from './foraging.service';

const projectId = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));
const sourceId = () =>
  Param('sourceId', uuidParam('foraging_source_not_found', 'Source'));

/** Noun foraging: research text in, ranked candidate objects out (decision 0020). */
@ApiTags('foraging')
@Controller('projects/:projectId/foraging')
export class ForagingController {
  constructor(private readonly foraging: ForagingService) {}

  @Authenticated({ projectRole: 'contributor' })
  @Post()
  @UseFilters(ForagingUploadFilter)
  @UseInterceptors(
    FileInterceptor(FORAGING_FILE_FIELD, {
      // One byte over the limit is enough to know it is too large; multer stops reading there.
      limits: {
        fileSize: FORAGING_TEXT_MAX_BYTES,
        files: 1,
        fields: 4,
        fieldSize: 4096,
      },
    }),
  )
  @ApiOperation({
    operationId: 'addForagingSource',
    summary:
      'Forage a research text (an interview, a brief, a PRD) for candidate objects, and keep it with the project',
    description:
      `Send \`{name?, text, format?}\` as JSON, or a .txt or .md file as multipart/form-data in the field \`${FORAGING_FILE_FIELD}\` (with an optional \`name\`). ` +
      `At most ${FORAGING_TEXT_MAX_BYTES} bytes of UTF-8 (1 MB). The answer holds the stored source and the candidates of all the project's sources together, ranked; ` +
      'the text is tagged in a worker thread, which takes a while for a large one (20–40 s for 1 MB). ' +
      "Every member in the project's live room hears `foraging:changed` when a source is added or removed.",
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(AddForagingSourceDoc, ForagingUploadDoc)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(AddForagingSourceDoc) },
        { $ref: getSchemaPath(ForagingUploadDoc) },
      ],
    },
  })
  @ApiCreatedResponse({ type: AddForagingSourceResponseDoc })
  @ApiProblems(
    [
      400,
      'validation_failed: text (JSON) or file (multipart) missing, name too long, unknown field',
    ],
    [
      413,
      'text_too_large: text or file above 1 MB; names the field and says the limit',
    ],
    [415, 'unsupported_file_type: the file is not .txt or .md'],
    [
      422,
      'empty_text, unstorable_text (a NUL character), not_utf8: names text or file',
    ],
    [
      503,
      'foraging_busy (too many texts at once), foraging_timed_out, foraging_out_of_memory, foraging_failed (the worker stopped): nothing was kept; Retry-After says when to try again',
    ],
  )
  async add(
    @projectId() id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
    @UploadedFile() file?: UploadedTextFile,
  ) {
    const input = request.is('multipart/form-data')
      ? readUpload(file, body)
      : readJsonInput(body);
    // The client going away stops the worker tagging its text.
    const cancel = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) cancel.abort();
    });
    try {
      return await this.foraging.add(
        id,
        { id: principal.userId, displayName: principal.displayName },
        input,
        cancel.signal,
      );
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 503)
        response.setHeader('Retry-After', '30');
      throw error;
    }
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get()
  @ApiOperation({
    operationId: 'getForaging',
    summary:
      "The project's foraged sources and the candidates of all of them together, ranked",
  })
  @ApiOkResponse({ type: ForagingOverviewDoc })
  overview(@projectId() id: string) {
    return this.foraging.overview(id);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':sourceId')
  @ApiOperation({
    operationId: 'getForagingSource',
    summary: 'One foraged source with its text',
  })
  @ApiOkResponse({ type: ForagingSourceWithTextDoc })
  @ApiProblems([404, 'foraging_source_not_found'])
  get(@projectId() id: string, @sourceId() source: string) {
    return this.foraging.get(id, source);
  }

  @Authenticated({ projectRole: 'contributor' })
  @Delete(':sourceId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteForagingSource',
    summary:
      'Remove a source and what it contributed to the candidates (the model is left as it is)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems([404, 'foraging_source_not_found'])
  async remove(
    @projectId() id: string,
    @sourceId() source: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.foraging.remove(id, source, {
      id: principal.userId,
      displayName: principal.displayName,
    });
  }
}

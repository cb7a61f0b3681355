import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems, uuidParam } from '@orca/api/core';
import { ApiTokensService } from './api-tokens.service';
import { Authenticated, CurrentPrincipal } from './authenticated.decorator';
import {
  ApiTokenDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
} from './dto/auth.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('auth/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Authenticated()
  @Get()
  @ApiOperation({
    operationId: 'listApiTokens',
    summary: 'My active API tokens (secrets are never shown again)',
  })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return this.tokens.list(principal.userId);
  }

  @Authenticated()
  @Post()
  @ApiOperation({
    operationId: 'createApiToken',
    summary: 'Create a personal API token; the secret is in this response only',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblems([400, 'validation_failed'])
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(principal.userId, body);
  }

  @Authenticated()
  @Delete(':tokenId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeApiToken',
    summary: 'Revoke an API token at once',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems([404, 'token_not_found'])
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('tokenId', uuidParam('token_not_found', 'API token'))
    tokenId: string,
  ): Promise<void> {
    await this.tokens.revoke(principal.userId, tokenId);
  }
}

import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Res,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  APP_CONFIG,
  type AppConfig,
  notFound,
  uuidParam,
} from '@orca/api/core';
import type { Response } from 'express';
import { Authenticated, CurrentPrincipal } from './authenticated.decorator';
import { clearSessionCookie } from './cookies';
import { SessionDto, SignedOutSessionsDto } from './dto/auth.dto';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

/** The signed-in browsers of the caller: see them, sign one out, or all the others. */
@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @Get()
  @ApiOperation({
    operationId: 'listSessions',
    summary: 'My signed-in sessions, this one first (secrets are never shown)',
  })
  @ApiOkResponse({ type: [SessionDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<SessionDto[]> {
    return this.sessions.list(principal.userId, principal.sessionId);
  }

  @Authenticated()
  @Delete()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'endOtherSessions',
    summary: 'Sign out everywhere else: every session but this one',
    description:
      'Called with an API token (no session), it signs out every session of the account.',
  })
  @ApiOkResponse({ type: SignedOutSessionsDto })
  async endOthers(
    @CurrentPrincipal() principal: Principal,
  ): Promise<SignedOutSessionsDto> {
    return {
      signedOut: await this.sessions.endAllExcept(
        principal.userId,
        principal.sessionId,
      ),
    };
  }

  @Authenticated()
  @Delete(':sessionId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'endSession',
    summary:
      'Sign one of my sessions out (this one too: then it is a sign-out)',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblems([404, 'session_not_found: no such session of yours'])
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', uuidParam('session_not_found', 'Session'))
    sessionId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const ended = await this.sessions.endByPublicId(
      principal.userId,
      sessionId,
    );
    // Someone else's session is answered exactly like one that does not exist.
    if (!ended) throw notFound('session_not_found', 'Session');
    if (ended === principal.sessionId)
      clearSessionCookie(response, this.config);
  }
}

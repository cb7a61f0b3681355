import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import {
  addressAndEmail,
  addressOnly,
  ApiProblems,
  APP_CONFIG,
  type AppConfig,
  AUTH_THROTTLER,
  ProblemException,
  Public,
  setXsrfCookie,
  SIGNUP_THROTTLER,
} from '@orca/api/core';
import { SESSION_COOKIE } from '@orca/shared/contracts';
import type { Request, Response } from 'express';
import { Authenticated, CurrentPrincipal } from './authenticated.decorator';
import { unauthenticated } from './auth.guard';
import { clearSessionCookie, setSessionCookie } from './cookies';
import { LoginDto, RegisterDto, UserDto } from './dto/auth.dto';
import type { UserEntity } from './entities/user.entity';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';
import { toUserDto, UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({
    [AUTH_THROTTLER]: { getTracker: addressAndEmail },
    [SIGNUP_THROTTLER]: { getTracker: addressOnly },
  })
  @Post('register')
  @ApiOperation({
    operationId: 'register',
    summary: 'Create an account and sign in',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'email_taken' })
  @ApiProblems(
    [400, 'validation_failed: the field errors say what is required'],
    [409, 'email_taken'],
    [429, 'Too many attempts'],
  )
  async register(
    @Body() body: RegisterDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.users.register(body);
    await this.signIn(user, request, response);
    return toUserDto(user);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ [SIGNUP_THROTTLER]: true })
  @Throttle({ [AUTH_THROTTLER]: { getTracker: addressAndEmail } })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with email and password (starts a new session)',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems([401, 'invalid_credentials'], [429, 'Too many attempts'])
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.users.verifyCredentials(body.email, body.password);
    if (!user) {
      throw new ProblemException(
        401,
        'invalid_credentials',
        'Email or password is wrong',
        'Check both and try again.',
      );
    }
    await this.signIn(user, request, response);
    return toUserDto(user);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End this session' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (principal.sessionId) await this.sessions.end(principal.sessionId);
    clearSessionCookie(response, this.config);
  }

  @Authenticated()
  @Get('me')
  @ApiOperation({ operationId: 'me', summary: 'The signed-in person' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw unauthenticated('This account no longer exists.');
    return toUserDto(user);
  }

  /** A fresh session at every sign-in (never reuse one the browser brought along), and a fresh XSRF token. */
  private async signIn(
    user: UserEntity,
    request: Request,
    response: Response,
  ): Promise<void> {
    const cookies = request.cookies as Record<string, string> | undefined;
    const previous = cookies?.[SESSION_COOKIE];
    if (previous) {
      const old = await this.sessions.resolve(previous);
      if (old?.sessionId) await this.sessions.end(old.sessionId);
    }
    const secret = await this.sessions.start(user, {
      userAgent: request.get('user-agent'),
      ip: request.ip,
    });
    setSessionCookie(response, secret, this.config);
    setXsrfCookie(response, this.config.secureCookies);
  }
}

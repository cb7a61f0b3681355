import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Patch,
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
import { ApiTokensService } from './api-tokens.service';
import { Authenticated, CurrentPrincipal } from './authenticated.decorator';
import { unauthenticated } from './auth.guard';
import { clearSessionCookie, setSessionCookie } from './cookies';
import {
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  SessionStateDto,
  SignedOutSessionsDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto';
import type { UserEntity } from './entities/user.entity';
import {
  PasswordCheckThrottlerGuard,
  perAccount,
} from './password-check.throttler';
import type { AuthenticatedRequest, Principal } from './principal';
import { SessionsService } from './sessions.service';
import { toUserDto, UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
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

  @Authenticated()
  @UseGuards(PasswordCheckThrottlerGuard)
  @SkipThrottle({ [SIGNUP_THROTTLER]: true })
  @Throttle({ [AUTH_THROTTLER]: { getTracker: perAccount } })
  @Patch('me')
  @ApiOperation({
    operationId: 'updateMe',
    summary: 'Change my display name and/or email',
    description:
      'Send only what changes. A new email needs `currentPassword`; requests carrying a password are rate-limited like sign-in.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(
    [
      400,
      'validation_failed (a field, or currentPassword missing for a new email) or wrong_password (field currentPassword)',
    ],
    [409, 'email_taken (field email)'],
    [429, 'Too many attempts'],
  )
  async updateMe(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateProfileDto,
  ): Promise<UserDto> {
    const user = await this.users.updateProfile(principal.userId, body);
    // Cached sessions and tokens carry the name and email: the next request must see the new ones.
    await this.sessions.forgetCached(user.id);
    await this.tokens.forgetCached(user.id);
    return toUserDto(user);
  }

  @Authenticated()
  @UseGuards(PasswordCheckThrottlerGuard)
  @SkipThrottle({ [SIGNUP_THROTTLER]: true })
  @Throttle({ [AUTH_THROTTLER]: { getTracker: perAccount } })
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change my password; every other session is signed out',
    description:
      'This session stays signed in with a new cookie (its secret is rotated). API tokens keep working: revoke them at /auth/tokens.',
  })
  @ApiOkResponse({ type: SignedOutSessionsDto })
  @ApiProblems(
    [
      400,
      'validation_failed (field newPassword: the password policy) or wrong_password (field currentPassword)',
    ],
    [429, 'Too many attempts'],
  )
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedOutSessionsDto> {
    // One transaction: the new hash, the other sessions ended, this one's new secret.
    const { ended, secret } = await this.users.changePassword(
      principal.userId,
      body,
      (manager) =>
        this.sessions.replaceAll(
          manager,
          principal.userId,
          principal.sessionId,
        ),
    );
    await this.sessions.settleReplaced(
      principal.userId,
      ended,
      principal.sessionId,
    );
    if (principal.sessionId) {
      if (secret) setSessionCookie(response, secret, this.config);
      setXsrfCookie(response, this.config.secureCookies);
    }
    return { signedOut: ended.length };
  }

  @Public()
  @Get('session')
  @ApiOperation({
    operationId: 'currentSession',
    summary: 'Who this browser is signed in as, if anyone',
    description:
      'Never 401: a signed-out visitor gets `{ "user": null }`. For web pages that ask at start-up; API clients may prefer `GET /auth/me`.',
  })
  @ApiOkResponse({ type: SessionStateDto })
  async session(
    @Req() request: AuthenticatedRequest,
  ): Promise<SessionStateDto> {
    const principal = request.principal;
    const user = principal ? await this.users.findById(principal.userId) : null;
    return { user: user ? toUserDto(user) : null };
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

import { Injectable } from '@nestjs/common';
import { SESSION_COOKIE } from '@orca/shared/contracts';
import { parse as parseCookies } from 'cookie';
import { ApiTokensService } from './api-tokens.service';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

/**
 * What a caller presented to prove who they are: an API token (an `Authorization: Bearer …`
 * header, or a socket's `auth.token`), or the session cookie. An Authorization header that is
 * not a bearer token is a token that cannot be valid, never a reason to look at the cookie.
 */
export type Credential =
  | { readonly via: 'token'; readonly secret: string }
  | { readonly via: 'session'; readonly secret: string };

/** The request headers a credential is read from (an HTTP request's or a socket handshake's). */
export interface CredentialHeaders {
  readonly authorization?: string | undefined;
  readonly cookie?: string | undefined;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Reads the credential of an HTTP request or a socket handshake, token first. `explicitToken`
 * is a socket's `handshake.auth.token`, which browsers' socket clients send instead of a header.
 */
export function readCredential(
  headers: CredentialHeaders,
  explicitToken?: unknown,
): Credential | null {
  if (typeof explicitToken === 'string' && explicitToken !== '')
    return { via: 'token', secret: explicitToken };
  if (headers.authorization)
    return {
      via: 'token',
      secret: BEARER.exec(headers.authorization)?.[1] ?? '',
    };
  const secret = headers.cookie
    ? parseCookies(headers.cookie)[SESSION_COOKIE]
    : undefined;
  return secret ? { via: 'session', secret } : null;
}

/**
 * The one place a credential becomes a Principal, for the HTTP guard and the collaboration
 * gateway alike: a token through ApiTokensService, a session cookie through SessionsService.
 * null when the credential is unknown, expired or revoked.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  async resolve(credential: Credential | null): Promise<Principal | null> {
    if (credential === null || credential.secret === '') return null;
    return credential.via === 'token'
      ? this.tokens.resolve(credential.secret)
      : this.sessions.resolve(credential.secret);
  }
}

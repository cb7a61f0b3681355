import type { AppConfig } from '@orca/api/core';
import { SESSION_COOKIE } from '@orca/shared/contracts';
import type { Response } from 'express';

export function setSessionCookie(
  response: Response,
  secret: string,
  config: AppConfig,
): void {
  response.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.sessionTtlHours * 3_600_000,
  });
}

export function clearSessionCookie(
  response: Response,
  config: AppConfig,
): void {
  response.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
  });
}

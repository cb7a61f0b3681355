import { XSRF_COOKIE } from '@orca/shared/contracts';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

/** Sets a fresh XSRF-TOKEN cookie, once per response. */
export function setXsrfCookie(response: Response, secure: boolean): string {
  const issued = response.locals['xsrfToken'] as string | undefined;
  if (issued) return issued;
  const token = randomBytes(24).toString('base64url');
  response.locals['xsrfToken'] = token;
  // Readable by the page's script on purpose: Angular copies it into the X-XSRF-TOKEN header.
  response.cookie(XSRF_COOKIE, token, {
    httpOnly: false,
    sameSite: 'lax',
    secure,
    path: '/',
  });
  return token;
}

/** Gives every browser an XSRF-TOKEN cookie (Angular's convention) before its first unsafe request. */
export function xsrfCookieIssuer(secure: boolean) {
  return (request: Request, response: Response, next: NextFunction) => {
    const cookies = request.cookies as Record<string, string> | undefined;
    if (!cookies?.[XSRF_COOKIE]) setXsrfCookie(response, secure);
    next();
  };
}

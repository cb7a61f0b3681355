import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './principal';

/**
 * Rate-limits the account routes that check a password like sign-in is limited, and only the
 * requests that carry one: renaming yourself ten times a minute is fine, guessing is not.
 */
@Injectable()
export class PasswordCheckThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(
    context: ExecutionContext,
  ): Promise<boolean> {
    const body = context.switchToHttp().getRequest<AuthenticatedRequest>()
      .body as { currentPassword?: unknown } | undefined;
    return body?.currentPassword === undefined;
  }
}

/**
 * Password checks count per account, whatever the address: whoever holds a stolen session cannot
 * speed up guessing by switching networks. (The guard ran first, so the caller is known.)
 */
export function perAccount(request: Record<string, unknown>): string {
  const principal = request['principal'] as
    | AuthenticatedRequest['principal']
    | undefined;
  return `account:${principal?.userId ?? 'unknown'}`;
}

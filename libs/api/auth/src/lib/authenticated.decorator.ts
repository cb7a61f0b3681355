import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ApiProblems } from '@orca/api/core';
import type { ProjectRole } from '@orca/shared/domain';
import type { AuthenticatedRequest, Principal } from './principal';

export const AUTHENTICATED_KEY = 'orca:authenticated';

export interface AuthenticatedOptions {
  /** The least role the caller must hold on the route's `:projectId`. Non-members get 404. */
  projectRole?: ProjectRole;
}

/**
 * The one decorator that says who may call a route: it sets what the global AuthGuard enforces
 * and what the OpenAPI spec documents, so the two cannot disagree.
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  const problems: Array<[number, string]> = [
    [401, 'Not signed in, or the session or token is invalid'],
  ];
  if (options.projectRole) {
    problems.push([404, 'No such project, or you are not a member of it']);
    if (options.projectRole !== 'viewer')
      problems.push([
        403,
        `Needs the ${options.projectRole} role on the project`,
      ]);
  }
  return applyDecorators(
    SetMetadata(AUTHENTICATED_KEY, options),
    ApiCookieAuth('session'),
    ApiBearerAuth('token'),
    ApiProblems(...problems),
  );
}

/** The signed-in caller. Only valid on @Authenticated routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest>().principal;
    if (!principal)
      throw new Error(
        'CurrentPrincipal used on a route without @Authenticated',
      );
    return principal;
  },
);

import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  Logger,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ProblemException } from '@orca/api/core';
import { XSRF_COOKIE, XSRF_HEADER } from '@orca/shared/contracts';
import { isUuid, type ProjectRole, roleSatisfies } from '@orca/shared/domain';
import { timingSafeEqual } from 'node:crypto';
import {
  AUTHENTICATED_KEY,
  type AuthenticatedOptions,
} from './authenticated.decorator';
import type { AuthenticatedRequest, Principal } from './principal';
import { ProjectAccessResolver } from './project-access';
import { PrincipalResolver, readCredential } from './principal-resolver';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const unauthenticated = (
  detail = 'Sign in, or send a valid API token as `Authorization: Bearer …`.',
) => new ProblemException(401, 'unauthenticated', 'Sign in required', detail);

/**
 * The global guard. Every route is either @Public() or @Authenticated(...): a route with neither
 * is refused (fail closed). Identifies the caller through PrincipalResolver (bearer token, else session cookie),
 * checks CSRF for cookie-authenticated unsafe requests, and the project role when asked.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  private projectAccess: ProjectAccessResolver | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic =
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ===
      true;
    const options = this.reflector.getAllAndOverride<
      AuthenticatedOptions | undefined
    >(AUTHENTICATED_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    if (isPublic) {
      // Public routes may still want to know who is asking (e.g. an invitation preview).
      request.principal =
        (await this.identify(request).catch(() => null)) ?? undefined;
      return true;
    }
    if (!options) {
      this.logger.error(
        `Route ${request.method} ${request.path} has neither @Public() nor @Authenticated(): refused`,
      );
      throw new ProblemException(
        403,
        'route_not_protected',
        'This route is not available',
      );
    }
    const principal = await this.identify(request);
    if (!principal) throw unauthenticated();
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method))
      this.checkXsrf(request);
    request.principal = principal;

    if (options.projectRole) {
      request.projectRole = await this.requireProjectRole(
        request,
        principal,
        options.projectRole,
      );
    }
    return true;
  }

  private async identify(
    request: AuthenticatedRequest,
  ): Promise<Principal | null> {
    const credential = readCredential(request.headers);
    const principal = await this.principals.resolve(credential);
    if (credential?.via === 'token' && !principal)
      throw new ProblemException(
        401,
        'invalid_token',
        'The API token is invalid, expired or revoked',
      );
    return principal;
  }

  private checkXsrf(request: AuthenticatedRequest): void {
    const cookies = request.cookies as Record<string, string> | undefined;
    const cookie = cookies?.[XSRF_COOKIE];
    const header = request.header(XSRF_HEADER);
    if (!cookie || !header || !sameSecret(cookie, header)) {
      throw new ProblemException(
        403,
        'csrf_failed',
        'Missing or wrong CSRF token',
        `Send the value of the ${XSRF_COOKIE} cookie as the ${XSRF_HEADER} header (or use an API token).`,
      );
    }
  }

  private async requireProjectRole(
    request: AuthenticatedRequest,
    principal: Principal,
    required: ProjectRole,
  ): Promise<ProjectRole> {
    const projectId = request.params['projectId'];
    const notFound = new ProblemException(
      404,
      'project_not_found',
      'Project not found',
    );
    if (!isUuid(projectId)) throw notFound;
    const access: ProjectAccessResolver =
      this.projectAccess ??
      this.moduleRef.get(ProjectAccessResolver, { strict: false });
    this.projectAccess = access;
    const role = await access.roleOf(projectId, principal.userId);
    // Non-members learn nothing, not even that the project exists.
    if (!role) throw notFound;
    if (!roleSatisfies(role, required)) {
      throw new ProblemException(
        403,
        'insufficient_role',
        'Your role on this project does not allow this',
        `This needs the ${required} role; you are a ${role}.`,
      );
    }
    return role;
  }
}

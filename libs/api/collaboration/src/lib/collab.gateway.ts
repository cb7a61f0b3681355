import {
  Inject,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  ApiTokensService,
  type Principal,
  SessionsService,
} from '@orca/api/auth';
import { APP_CONFIG, type AppConfig, ProblemException } from '@orca/api/core';
import { ChangePipeline, ModelHistory } from '@orca/api/model';
import { ProjectsService } from '@orca/api/projects';
import {
  COLLAB_NAMESPACE,
  type ChangeApplied,
  type CollabClientEvents,
  type CollabError,
  type CollabServerEvents,
  type JoinResponse,
  type PresenceFocus,
  SESSION_COOKIE,
  type SubmitResponse,
} from '@orca/shared/contracts';
import { canEditModel, type Change, isId } from '@orca/shared/domain';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { PresenceRegistry } from './presence';

interface SocketData {
  principal: Principal;
  /** Stable across reconnects when the client sends one: the key of mutation de-duplication. */
  clientId: string;
}

type CollabSocket = Socket<
  CollabClientEvents,
  CollabServerEvents,
  Record<string, never>,
  SocketData
>;
type CollabNamespace = Namespace<
  CollabClientEvents,
  CollabServerEvents,
  Record<string, never>,
  SocketData
>;

/** A reconnecting client gets the missed changes when there are at most this many; else the model. */
const MAX_RESYNC_CHANGES = 1000;
const room = (projectId: string) => `project:${projectId}`;

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

function toCollabError(error: unknown): CollabError {
  if (error instanceof ProblemException) {
    return {
      code: error.code,
      message: error.detail ?? error.title,
      ...(error.errors?.length ? { errors: error.errors } : {}),
    };
  }
  return {
    code: 'internal_error',
    message: 'Something went wrong on our side; nothing was changed.',
  };
}

const notMember: CollabError = {
  code: 'project_not_found',
  message: 'Project not found',
};

/**
 * Live collaboration (DESIGN §5). Authenticated at connect from the session cookie or a bearer
 * API token; a socket joins only projects its user is a member of; `change:submit` runs the same
 * write pipeline as REST; every committed change (REST, socket, import) is broadcast to the
 * project's room as `change:applied`.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway
  implements OnGatewayInit, OnGatewayDisconnect, OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger('Collab');
  private readonly presence = new PresenceRegistry();
  private readonly subscriptions: Subscription[] = [];

  @WebSocketServer()
  private server!: CollabNamespace;

  constructor(
    private readonly pipeline: ChangePipeline,
    private readonly history: ModelHistory,
    private readonly projects: ProjectsService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.pipeline.committed$.subscribe((committed) => {
        const event: ChangeApplied = { ...committed };
        this.server
          ?.to(room(committed.projectId))
          .emit('change:applied', event);
      }),
      this.projects.accessRevoked$.subscribe(
        (revoked) =>
          void this.revoke(revoked.projectId, revoked.userId, revoked.reason),
      ),
    );
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  afterInit(namespace: CollabNamespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket)
        .then((principal) => {
          if (!principal) return next(new Error('unauthenticated'));
          const clientId = socket.handshake.auth?.['clientId'];
          socket.data.principal = principal;
          socket.data.clientId =
            typeof clientId === 'string' && /^[\w-]{8,64}$/.test(clientId)
              ? clientId
              : socket.id;
          next();
        })
        .catch(() => next(new Error('unauthenticated')));
    });
  }

  handleDisconnect(socket: CollabSocket): void {
    for (const projectId of this.presence.projectsOf(socket.id)) {
      this.presence.leave(projectId, socket.id);
      this.broadcastPresence(projectId);
    }
  }

  @SubscribeMessage('project:join')
  async join(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; sinceRev?: unknown },
  ): Promise<JoinResponse> {
    const projectId = request?.projectId;
    if (!isId(projectId)) return { ok: false, error: notMember };
    const principal = socket.data.principal;
    const role = await this.projects.roleOf(projectId, principal.userId);
    if (!role) return { ok: false, error: notMember };
    // Join the room first: a change committed while we read is then broadcast to us too
    // (the client drops what its rev already holds), never lost in between.
    await socket.join(room(projectId));
    this.presence.join(projectId, socket.id, {
      userId: principal.userId,
      displayName: principal.displayName,
    });
    this.broadcastPresence(projectId);
    const presence = this.presence.members(projectId);
    const sinceRev =
      typeof request.sinceRev === 'number' && Number.isInteger(request.sinceRev)
        ? request.sinceRev
        : null;
    if (sinceRev !== null && sinceRev > 0) {
      const page = await this.history.page(
        projectId,
        sinceRev,
        MAX_RESYNC_CHANGES,
      );
      const replayable =
        !page.hasMore &&
        sinceRev <= page.rev &&
        page.changes.every((entry) => entry.kind !== 'project.import');
      if (replayable) {
        const changes: ChangeApplied[] = page.changes.map((entry) => ({
          projectId,
          rev: entry.rev,
          actorId: entry.actorId ?? '',
          clientId: entry.clientId,
          mutationId: entry.mutationId,
          change: entry.change as unknown as Change,
          effects: entry.effects as ChangeApplied['effects'],
          createdAt: entry.createdAt,
        }));
        return { ok: true, rev: page.rev, changes, presence };
      }
    }
    const { rev, model } = await this.pipeline.read(projectId);
    return { ok: true, rev, model, presence };
  }

  @SubscribeMessage('project:leave')
  async leave(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown },
  ): Promise<{ ok: true }> {
    if (isId(request?.projectId)) {
      await socket.leave(room(request.projectId));
      if (this.presence.leave(request.projectId, socket.id))
        this.broadcastPresence(request.projectId);
    }
    return { ok: true };
  }

  @SubscribeMessage('change:submit')
  async submit(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody()
    request: {
      projectId?: unknown;
      mutationId?: unknown;
      baseRev?: unknown;
      change?: unknown;
    },
  ): Promise<SubmitResponse> {
    const projectId = request?.projectId;
    if (!isId(projectId) || !socket.rooms.has(room(projectId))) {
      return {
        ok: false,
        error: {
          code: 'not_joined',
          message: 'Join the project (project:join) before submitting changes.',
        },
      };
    }
    if (
      typeof request.mutationId !== 'string' ||
      request.mutationId.length === 0 ||
      request.mutationId.length > 64
    ) {
      return {
        ok: false,
        error: {
          code: 'validation_failed',
          message: 'mutationId must be a string of 1 to 64 characters',
          errors: [{ field: 'mutationId', message: 'required' }],
        },
      };
    }
    const principal = socket.data.principal;
    // The role is read at every submit, so a role change takes effect at once.
    const role = await this.projects.roleOf(projectId, principal.userId);
    if (!role) return { ok: false, error: notMember };
    if (!canEditModel(role))
      return {
        ok: false,
        error: {
          code: 'insufficient_role',
          message: `This needs the contributor role; you are a ${role}.`,
        },
      };
    try {
      const result = await this.pipeline.submit(
        {
          projectId,
          actorId: principal.userId,
          clientId: socket.data.clientId,
          mutationId: request.mutationId,
          baseRev:
            typeof request.baseRev === 'number' ? request.baseRev : undefined,
          change: request.change,
        },
        (field) => `change.${field}`,
      );
      return {
        ok: true,
        rev: result.rev,
        duplicate: result.duplicate,
        changed: result.changed,
      };
    } catch (error) {
      if (!(error instanceof ProblemException))
        this.logger.error({ err: error }, 'change:submit failed');
      return { ok: false, error: toCollabError(error) };
    }
  }

  @SubscribeMessage('presence:update')
  presenceUpdate(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; focus?: unknown },
  ): void {
    if (!isId(request?.projectId)) return;
    const focus =
      request.focus && typeof request.focus === 'object'
        ? (request.focus as PresenceFocus)
        : null;
    if (this.presence.focus(request.projectId, socket.id, focus))
      this.broadcastPresence(request.projectId);
  }

  private broadcastPresence(projectId: string): void {
    this.server?.to(room(projectId)).volatile.emit('presence:state', {
      projectId,
      members: this.presence.members(projectId),
    });
  }

  /** Removes a person (or everyone, for a deleted project) from a project's room on every instance. */
  private async revoke(
    projectId: string,
    userId: string | null,
    reason: string,
  ): Promise<void> {
    const sockets = await this.server.in(room(projectId)).fetchSockets();
    for (const socket of sockets) {
      if (userId !== null && socket.data.principal?.userId !== userId) continue;
      socket.emit('project:revoked', { projectId, reason });
      socket.leave(room(projectId));
      this.presence.leave(projectId, socket.id);
    }
    this.broadcastPresence(projectId);
  }

  private async authenticate(socket: CollabSocket): Promise<Principal | null> {
    const header = socket.handshake.headers.authorization;
    const token =
      typeof socket.handshake.auth?.['token'] === 'string'
        ? (socket.handshake.auth['token'] as string)
        : /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (token) return this.tokens.resolve(token);
    const secret = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    if (!secret) return null;
    // Cookie-authenticated sockets must come from our own pages (cross-site WebSocket hijacking).
    const origin = socket.handshake.headers.origin;
    if (
      origin &&
      origin !== new URL(this.config.publicUrl).origin &&
      !this.config.corsOrigins.includes(origin)
    )
      return null;
    return this.sessions.resolve(secret);
  }
}

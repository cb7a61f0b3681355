import {
  Inject,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  UseInterceptors,
} from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  ApiTokensService,
  type Principal,
  PrincipalResolver,
  readCredential,
  SessionsService,
} from '@orca/api/auth';
import {
  APP_CONFIG,
  type AppConfig,
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  ProblemException,
  REQUEST_ID_HEADER,
  requestIdOf,
  runWithLogContext,
} from '@orca/api/core';
import { ExportService } from '@orca/api/export';
import { ForagingService } from '@orca/api/foraging';
import { Metrics } from '@orca/api/metrics';
import { ChangePipeline, ModelHistory } from '@orca/api/model';
import { ProjectsService } from '@orca/api/projects';
import {
  COLLAB_NAMESPACE,
  type ChangeApplied,
  type CollabClientEvents,
  type CollabError,
  type CollabServerEvents,
  HANDSHAKE_REFUSALS,
  type HandshakeRefusal,
  type JoinResponse,
  type LockResponse,
  type PresenceFocus,
  type SubmitResponse,
} from '@orca/shared/contracts';
import { canEditModel, type Change, isUuid } from '@orca/shared/domain';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { CollabState, HEARTBEAT_MS } from './collab-state';
import { SocketLogContext } from './socket-log-context.interceptor';
import { SocketRateLimit } from './socket-rate-limit';

interface SocketData {
  principal: Principal;
  /** Stable across reconnects when the client sends one: the key of mutation de-duplication. */
  clientId: string;
  /** The handshake's `X-Request-Id` (or a new one): every log line of this socket's events has it. */
  requestId: string;
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
/** Focus moves are coalesced per project: the room hears at most this often. */
const PRESENCE_THROTTLE_MS = 100;
const FOCUS_KINDS = new Set([
  'object',
  'relationship',
  'role',
  'cta',
  'attribute',
  'nom-cell',
  'cta-cell',
  'view',
]);

/** A focus or lock target as sent by a client, or null when it is not one. */
function readFocus(value: unknown): PresenceFocus | null {
  if (!value || typeof value !== 'object') return null;
  const candidate = value as Record<string, unknown>;
  if (
    typeof candidate['kind'] !== 'string' ||
    !FOCUS_KINDS.has(candidate['kind'])
  )
    return null;
  const focus: Record<string, string> = { kind: candidate['kind'] };
  for (const key of ['id', 'field', 'row', 'column', 'view']) {
    const part = candidate[key];
    if (part === undefined) continue;
    if (typeof part !== 'string' || part.length > 100) return null;
    focus[key] = part;
  }
  return focus as unknown as PresenceFocus;
}
const room = (projectId: string) => `project:${projectId}`;
/** Every socket of one person, on any instance (for what only they should hear). */
const userRoom = (userId: string) => `user:${userId}`;

/** A database that does not answer: nothing was done, the same request may be sent again. */
const databaseUnavailable: CollabError = {
  code: 'database_unavailable',
  message:
    'The database is not reachable; nothing was changed. The change is sent again shortly.',
  retryAfterMs: DATABASE_RETRY_AFTER_SECONDS * 1000,
};

function toCollabError(error: unknown): CollabError {
  if (isDatabaseUnavailable(error)) return databaseUnavailable;
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

/** Who is in the room, for noticing changes (idle drop-outs) between broadcasts. */
function signature(members: readonly { userId: string }[]): string {
  return members.map((member) => member.userId).join(',');
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
@UseInterceptors(SocketLogContext)
export class CollabGateway
  implements
    OnGatewayInit,
    OnGatewayConnection,
    OnGatewayDisconnect,
    OnModuleInit,
    OnModuleDestroy
{
  private readonly logger = new Logger('Collab');
  private readonly subscriptions: Subscription[] = [];
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private readonly reliablePresence = new Set<string>();
  /** What the room last heard of each project's members, to notice idle drop-outs. */
  private readonly lastMembers = new Map<string, string>();
  private heartbeat: NodeJS.Timeout | null = null;

  @WebSocketServer()
  private server!: CollabNamespace;

  constructor(
    private readonly pipeline: ChangePipeline,
    private readonly history: ModelHistory,
    private readonly projects: ProjectsService,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly principals: PrincipalResolver,
    private readonly state: CollabState,
    private readonly exports: ExportService,
    private readonly foraging: ForagingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.pipeline.committed$.subscribe((committed) => {
        const event: ChangeApplied = { ...committed };
        this.server
          ?.to(room(committed.projectId))
          .emit('change:applied', event);
      }),
      // Export progress goes to the sockets of the person who asked, on every instance.
      this.exports.progress$.subscribe(({ userId, ...progress }) =>
        this.server?.to(userRoom(userId)).emit('export:progress', progress),
      ),
      // A source added to or removed from a project's research: everyone in its room.
      this.foraging.changes$.subscribe((event) =>
        this.server?.to(room(event.projectId)).emit('foraging:changed', event),
      ),
      this.projects.accessRevoked$.subscribe(
        (revoked) =>
          void this.revoke(revoked.projectId, revoked.userId, revoked.reason),
      ),
      this.sessions.ended$.subscribe(({ userId, sessionIds }) => {
        const ended = new Set(sessionIds);
        this.closeSockets(
          userId,
          ({ sessionId }) => sessionId !== undefined && ended.has(sessionId),
        );
      }),
      // A revoked API token stops a script's live connection too, not only its REST calls.
      this.tokens.revoked$.subscribe(({ userId, tokenId }) =>
        this.closeSockets(userId, (principal) => principal.tokenId === tokenId),
      ),
    );
  }

  /**
   * Closes a person's sockets whose credentials ended (a signed-out session, a revoked token):
   * this instance's at once, before the HTTP answer, the other instances' through the adapter.
   * The client's reconnect is then refused as `unauthenticated`, and the page says so.
   */
  private closeSockets(
    userId: string,
    ended: (principal: Principal) => boolean,
  ): void {
    const matches = (principal: Principal | undefined) =>
      principal?.userId === userId && ended(principal);
    for (const socket of this.server?.sockets.values() ?? [])
      if (matches(socket.data.principal)) socket.disconnect(true);
    this.server
      ?.in(userRoom(userId))
      .fetchSockets()
      .then((sockets) => {
        for (const socket of sockets)
          if (matches(socket.data.principal)) socket.disconnect(true);
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'closing ended sockets failed'),
      );
  }

  /**
   * Shutdown, step one (decision 0027): tells this instance's sockets to send nothing more. They
   * stay connected, so the answers to what they already sent still reach them.
   */
  drain(closesWithinMs: number): number {
    this.server?.local.emit('server:draining', { closesWithinMs });
    return this.server?.sockets.size ?? 0;
  }

  /**
   * Shutdown, step two: closes every connection as a network drop would. Clients reconnect
   * (through the load balancer, to another instance), rejoin from their rev and resend what was
   * not acknowledged; the other instances see these people leave at once.
   */
  closeConnections(): void {
    for (const socket of this.server?.sockets.values() ?? [])
      socket.conn.close();
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.presenceTimers.forEach((timer) => clearTimeout(timer));
  }

  /**
   * Every HEARTBEAT_MS: keep this instance's presence fresh (for the others), drop sockets that
   * left a room behind our back (revoked from another instance), expire idle locks and tell rooms
   * whose members changed (someone went idle or an instance stopped).
   */
  private async sweep(): Promise<void> {
    await this.state.heartbeat((projectId, socketId) =>
      this.isLocalMember(projectId, socketId),
    );
    const local = this.state.localProjects();
    // Projects nobody here is in any more are forgotten (the map would otherwise only grow).
    for (const projectId of this.lastMembers.keys())
      if (!local.includes(projectId)) this.lastMembers.delete(projectId);
    for (const projectId of local) {
      if (await this.state.expireLocks(projectId))
        await this.broadcastLocks(projectId);
      const members = await this.state.members(projectId);
      if (this.lastMembers.get(projectId) !== signature(members))
        await this.broadcastPresence(projectId);
    }
  }

  private isLocalMember(projectId: string, socketId: string): boolean {
    return (
      this.server?.sockets.get(socketId)?.rooms.has(room(projectId)) ?? false
    );
  }

  afterInit(namespace: CollabNamespace): void {
    this.heartbeat = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'presence sweep failed'),
      );
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.metrics.observeCollab(() => ({
      sockets: namespace.sockets.size,
      rooms: [...namespace.adapter.rooms.keys()].filter((name) =>
        name.startsWith('project:'),
      ).length,
    }));
    namespace.use((socket, next) => {
      const reqId = requestIdOf(socket.handshake.headers[REQUEST_ID_HEADER]);
      socket.data.requestId = reqId;
      runWithLogContext({ reqId }, () => this.authenticate(socket))
        .then((principal) => {
          if (typeof principal === 'string') return next(new Error(principal));
          const clientId = socket.handshake.auth?.['clientId'];
          socket.data.principal = principal;
          socket.data.clientId =
            typeof clientId === 'string' && /^[\w-]{8,64}$/.test(clientId)
              ? clientId
              : socket.id;
          this.limitRate(socket);
          next();
        })
        .catch((error: unknown) =>
          // A database that is away is not a signed-out person: the client tries again.
          next(
            new Error(
              isDatabaseUnavailable(error)
                ? HANDSHAKE_REFUSALS.unavailable
                : HANDSHAKE_REFUSALS.unauthenticated,
            ),
          ),
        );
    });
  }

  /**
   * SOCKET_RATE_LIMIT events a second per connection (bursts: twice that). An event over it is
   * dropped before any handler runs (no database work); one that expects an answer gets
   * `rate_limited` with `retryAfterMs`. One warning per connection, not one per event.
   */
  private limitRate(socket: CollabSocket): void {
    const limit = new SocketRateLimit(this.config.socketRateLimit);
    socket.use((packet, next) => {
      if (limit.take()) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') {
        const error: CollabError = {
          code: 'rate_limited',
          message: `Too many events on this connection: at most ${this.config.socketRateLimit} a second (SOCKET_RATE_LIMIT). Nothing was done; send it again in ${limit.retryAfterMs()} ms.`,
          retryAfterMs: limit.retryAfterMs(),
        };
        (ack as (response: unknown) => void)({ ok: false, error });
      }
      if (limit.refused === 1)
        this.logger.warn(
          { socketId: socket.id, userId: socket.data.principal.userId },
          `live connection over SOCKET_RATE_LIMIT (${this.config.socketRateLimit}/s): refusing its excess events`,
        );
    });
  }

  async handleConnection(socket: CollabSocket): Promise<void> {
    await socket.join(userRoom(socket.data.principal.userId));
  }

  @SubscribeMessage('export:cancel')
  cancelExport(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { exportId?: unknown },
  ): { ok: boolean } {
    if (typeof request?.exportId !== 'string') return { ok: false };
    return {
      ok: this.exports.cancel(socket.data.principal.userId, request.exportId),
    };
  }

  async handleDisconnect(socket: CollabSocket): Promise<void> {
    for (const projectId of this.state.projectsOf(socket.id))
      await this.leaveProject(projectId, socket.id).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'presence cleanup failed'),
      );
  }

  /** Presence out, this socket's locks released, and the room told. */
  private async leaveProject(projectId: string, socketId: string) {
    const { left, locksReleased } = await this.state.leave(projectId, socketId);
    if (left) this.schedulePresence(projectId, true);
    if (locksReleased) await this.broadcastLocks(projectId);
  }

  @SubscribeMessage('project:join')
  async join(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; sinceRev?: unknown },
  ): Promise<JoinResponse> {
    const projectId = request?.projectId;
    if (!isUuid(projectId)) return { ok: false, error: notMember };
    try {
      return await this.joinProject(socket, projectId, request.sinceRev);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return { ok: false, error: databaseUnavailable };
    }
  }

  private async joinProject(
    socket: CollabSocket,
    projectId: string,
    requestedSinceRev: unknown,
  ): Promise<JoinResponse> {
    const principal = socket.data.principal;
    const role = await this.projects.roleOf(projectId, principal.userId);
    if (!role) return { ok: false, error: notMember };
    // Join the room first: a change committed while we read is then broadcast to us too
    // (the client drops what its rev already holds), never lost in between.
    await socket.join(room(projectId));
    await this.state.join(projectId, socket.id, {
      userId: principal.userId,
      displayName: principal.displayName,
    });
    this.schedulePresence(projectId, true);
    const presence = await this.state.members(projectId);
    const locks = await this.state.locks(projectId);
    // A rev is a safe whole number (1e308 is an integer too, and no database column holds it).
    const sinceRev =
      Number.isSafeInteger(requestedSinceRev) && Number(requestedSinceRev) >= 0
        ? Number(requestedSinceRev)
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
        return { ok: true, rev: page.rev, changes, presence, locks };
      }
    }
    const { rev, model } = await this.pipeline.read(projectId);
    return { ok: true, rev, model, presence, locks };
  }

  @SubscribeMessage('project:leave')
  async leave(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown },
  ): Promise<{ ok: true }> {
    if (isUuid(request?.projectId)) {
      await socket.leave(room(request.projectId));
      await this.leaveProject(request.projectId, socket.id);
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
    if (!isUuid(projectId) || !socket.rooms.has(room(projectId))) {
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
    try {
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
      const result = await this.pipeline.submit(
        {
          projectId,
          actorId: principal.userId,
          clientId: socket.data.clientId,
          mutationId: request.mutationId,
          baseRev: request.baseRev,
          change: request.change,
        },
        (field) => `change.${field}`,
      );
      const ack: SubmitResponse = {
        ok: true,
        rev: result.rev,
        duplicate: result.duplicate,
        changed: result.changed,
        ...(result.overwrote.length > 0 ? { overwrote: result.overwrote } : {}),
      };
      // Writing is activity: it keeps the person in presence (cheap: at most once a minute).
      void this.state.touch(projectId, socket.id).catch(() => undefined);
      return ack;
    } catch (error) {
      if (isDatabaseUnavailable(error))
        this.logger.warn(
          { reason: (error as Error).message },
          'change:submit: database unavailable',
        );
      else if (!(error instanceof ProblemException))
        this.logger.error({ err: error }, 'change:submit failed');
      return { ok: false, error: toCollabError(error) };
    }
  }

  @SubscribeMessage('presence:update')
  async presenceUpdate(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; focus?: unknown },
  ): Promise<void> {
    if (!isUuid(request?.projectId)) return;
    const focus = readFocus(request.focus);
    if (await this.state.touch(request.projectId, socket.id, focus))
      this.schedulePresence(request.projectId);
  }

  @SubscribeMessage('lock:acquire')
  async acquireLock(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; target?: unknown },
  ): Promise<LockResponse> {
    const projectId = request?.projectId;
    if (!isUuid(projectId) || !socket.rooms.has(room(projectId)))
      return {
        ok: false,
        error: {
          code: 'not_joined',
          message: 'Join the project (project:join) before taking locks.',
        },
      };
    const target = readFocus(request.target);
    if (!target)
      return {
        ok: false,
        error: {
          code: 'validation_failed',
          message: 'target must be a focus: {kind, id?, field?, row?, column?}',
          errors: [{ field: 'target', message: 'not a lock target' }],
        },
      };
    const role = await this.projects.roleOf(
      projectId,
      socket.data.principal.userId,
    );
    if (!role) return { ok: false, error: notMember };
    if (!canEditModel(role))
      return {
        ok: false,
        error: {
          code: 'insufficient_role',
          message: `Only people who can edit take locks; you are a ${role}.`,
        },
      };
    const response = await this.state.acquire(projectId, socket.id, target, {
      userId: socket.data.principal.userId,
      displayName: socket.data.principal.displayName,
    });
    if (response.ok) await this.broadcastLocks(projectId);
    return response;
  }

  @SubscribeMessage('lock:release')
  async releaseLock(
    @ConnectedSocket() socket: CollabSocket,
    @MessageBody() request: { projectId?: unknown; target?: unknown },
  ): Promise<{ ok: boolean }> {
    const target = readFocus(request?.target);
    if (!isUuid(request?.projectId) || !target) return { ok: false };
    const released = await this.state.release(
      request.projectId,
      target,
      socket.data.principal.userId,
    );
    if (released) await this.broadcastLocks(request.projectId);
    return { ok: released };
  }

  /**
   * Presence is coalesced per project: the room hears the latest state at most every 100 ms (and
   * less often in big rooms, where each broadcast costs members² bytes). Focus-only updates are
   * volatile; joins and leaves are not.
   */
  private schedulePresence(projectId: string, reliable = false): void {
    if (reliable) this.reliablePresence.add(projectId);
    if (this.presenceTimers.has(projectId)) return;
    const size = this.server?.adapter.rooms.get(room(projectId))?.size ?? 0;
    const timer = setTimeout(
      () => {
        this.presenceTimers.delete(projectId);
        const volatile = !this.reliablePresence.delete(projectId);
        this.broadcastPresence(projectId, volatile).catch(() => undefined);
      },
      Math.max(PRESENCE_THROTTLE_MS, size * 2),
    );
    timer.unref();
    this.presenceTimers.set(projectId, timer);
  }

  private async broadcastPresence(projectId: string, volatile = false) {
    const members = await this.state.members(projectId);
    this.lastMembers.set(projectId, signature(members));
    const to = this.server?.to(room(projectId));
    (volatile ? to?.volatile : to)?.emit('presence:state', {
      projectId,
      members,
    });
    return members;
  }

  private async broadcastLocks(projectId: string): Promise<void> {
    const locks = await this.state.locks(projectId);
    this.server?.to(room(projectId)).emit('lock:state', { projectId, locks });
  }

  /**
   * Removes a person (or everyone, for a deleted project) from a project's room on every
   * instance, at once: this instance's sockets leave before the HTTP answer is sent, and the
   * adapter carries the same operation to the others ahead of any later broadcast, so a removed
   * member never hears the next change. (Clients ignore a `project:revoked` of another project.)
   */
  private async revoke(
    projectId: string,
    userId: string | null,
    reason: string,
  ): Promise<void> {
    const whose = userId === null ? room(projectId) : userRoom(userId);
    this.server.to(whose).emit('project:revoked', { projectId, reason });
    this.server.in(whose).socketsLeave(room(projectId));
    // Their presence and locks go too (a deleted project's: this instance's; the rest expire).
    const sockets =
      userId === null
        ? [...this.server.sockets.values()].filter((socket) =>
            this.state.projectsOf(socket.id).includes(projectId),
          )
        : await this.server.in(whose).fetchSockets();
    for (const socket of sockets) await this.state.leave(projectId, socket.id);
    await this.broadcastPresence(projectId);
    await this.broadcastLocks(projectId);
  }

  private async authenticate(
    socket: CollabSocket,
  ): Promise<Principal | HandshakeRefusal> {
    const credential = readCredential(
      socket.handshake.headers,
      socket.handshake.auth?.['token'],
    );
    if (!credential) return HANDSHAKE_REFUSALS.unauthenticated;
    // Cookie-authenticated sockets must come from our own pages (cross-site WebSocket hijacking).
    const origin = socket.handshake.headers.origin;
    if (
      credential.via === 'session' &&
      origin &&
      !this.originAllowed(origin, socket.handshake.headers.host)
    ) {
      this.logger.warn(
        { origin },
        `refused a live connection from ${origin}: add it to CORS_ORIGINS, or set PUBLIC_URL to the address people open (now ${this.config.publicUrl})`,
      );
      return HANDSHAKE_REFUSALS.originNotAllowed;
    }
    return (
      (await this.principals.resolve(credential)) ??
      HANDSHAKE_REFUSALS.unauthenticated
    );
  }

  /**
   * The app's own pages may connect however they were reached (localhost, 127.0.0.1, a LAN
   * address): a browser's Origin naming the very host it sent the request to is same-origin.
   * Other pages need PUBLIC_URL or CORS_ORIGINS to name them.
   */
  private originAllowed(origin: string, host: string | undefined): boolean {
    if (origin === new URL(this.config.publicUrl).origin) return true;
    if (this.config.corsOrigins.includes(origin)) return true;
    try {
      return host !== undefined && new URL(origin).host === host.toLowerCase();
    } catch {
      return false;
    }
  }
}

import type { CollabSocket } from '@orca/shared/collab-client';
import {
  type ChangeApplied,
  type CollabError,
  type JoinRequest,
  type JoinResponse,
  type LockInfo,
  type LockResponse,
  type PresenceFocus,
  type PresenceMember,
  type SubmitRequest,
  type SubmitResponse,
  lockKey,
} from '@orca/shared/contracts';
import {
  applyChange,
  type Change,
  DomainError,
  emptyModel,
  type Overwrite,
  type ProjectModel,
} from '@orca/shared/domain';
import type { CollabSocketFactory } from '../lib/collab-connection';

type Listener = (...args: never[]) => void;

export interface FakePerson {
  userId: string;
  displayName: string;
  color?: string;
}

/** Lets pending timers and promise callbacks run, so acks and broadcasts arrive. */
export async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round++)
    await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A test double of socket.io's client socket, in process: what it emits goes to a FakeCollabServer,
 * which answers and broadcasts like the `/collab` gateway does (DESIGN §5). Acks and events arrive
 * asynchronously, as over a network.
 */
export class FakeCollabSocket {
  connected = false;
  /** False once the handshake was refused: socket.io gives up reconnecting then. */
  active = true;
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly server: FakeCollabServer,
    readonly person: FakePerson,
    readonly clientId: string,
  ) {}

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper = ((...args: never[]) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Listener;
    return this.on(event, wrapper);
  }

  emit(
    event: string,
    payload: unknown,
    ack?: (response: unknown) => void,
  ): this {
    this.sent.push({ event, payload });
    if (!this.connected) return this;
    const response = this.server.handle(this, event, payload);
    if (ack && response !== undefined) setTimeout(() => ack(response), 0);
    return this;
  }

  get volatile(): { emit: (event: string, payload: unknown) => void } {
    return { emit: (event, payload) => void this.emit(event, payload) };
  }

  timeout(ms: number): {
    emitWithAck: (event: string, payload: unknown) => Promise<unknown>;
  } {
    return {
      emitWithAck: (event, payload) =>
        new Promise((resolve, reject) => {
          if (!this.connected) {
            setTimeout(() => reject(new Error('operation has timed out')), 0);
            return;
          }
          const timer = setTimeout(
            () => reject(new Error('operation has timed out')),
            ms,
          );
          this.emit(event, payload, (response) => {
            clearTimeout(timer);
            resolve(response);
          });
        }),
    };
  }

  /** Completes the handshake (what socket.io does by itself after `io()`). */
  connect(): void {
    if (this.connected) return;
    this.connected = true;
    this.receive('connect');
  }

  /** Drops the connection, as a network failure would. */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.server.forget(this);
    this.receive('disconnect', 'transport close');
  }

  /** Closes the connection from the server's side, as the gateway does for a signed-out session. */
  closeByServer(): void {
    if (!this.connected) return;
    this.connected = false;
    this.active = false;
    this.server.forget(this);
    this.receive('disconnect', 'io server disconnect');
  }

  /** Refuses the handshake, as the gateway does for a signed-out browser. */
  refuseHandshake(message = 'unauthenticated'): void {
    this.active = false;
    this.receive('connect_error', new Error(message));
  }

  disconnect(): this {
    this.active = false;
    this.drop();
    return this;
  }

  /** Delivers a server event to this socket's listeners. */
  receive(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])])
      (listener as (...values: unknown[]) => void)(...args);
  }

  asCollabSocket(): CollabSocket {
    return this as unknown as CollabSocket;
  }
}

/**
 * The `/collab` gateway in miniature, over a model in memory: joins answer the model (or the
 * changes since `sinceRev`), submitted changes are applied with the shared `applyChange`,
 * acknowledged and broadcast to every socket of the room, presence is shared. `refuse` makes it
 * turn changes down the way the real server does (a role, a conflict).
 */
export class FakeCollabServer {
  model: ProjectModel;
  rev: number;
  /** Return an error to refuse a change (after the sender applied it optimistically). */
  refuse: ((change: Change) => CollabError | null) | null = null;
  /** Projects this server answers "not found" for. */
  readonly unknownProjects = new Set<string>();
  readonly sockets: FakeCollabSocket[] = [];
  private readonly log: ChangeApplied[] = [];
  private readonly presence = new Map<FakeCollabSocket, PresenceMember>();
  private readonly locks = new Map<string, LockInfo>();
  private mutationCounter = 0;

  constructor(
    model: ProjectModel = emptyModel(),
    rev = 1,
    readonly projectId = 'p-1',
  ) {
    this.model = model;
    this.rev = rev;
  }

  /** A socket factory for `COLLAB_SOCKET_FACTORY`: each socket connects on the next tick. */
  factoryFor(person: FakePerson): CollabSocketFactory {
    return (clientId) => {
      const socket = new FakeCollabSocket(this, person, clientId);
      this.sockets.push(socket);
      setTimeout(() => socket.connect(), 0);
      return socket.asCollabSocket();
    };
  }

  /** The socket most recently opened. */
  get lastSocket(): FakeCollabSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('No socket has been opened.');
    return socket;
  }

  /**
   * Commits a change made elsewhere (another person, or REST) and broadcasts it; `overwrote`
   * names earlier writes it replaced (last writer wins), as the real pipeline reports them.
   */
  commitFromElsewhere(
    change: Change,
    actorId = 'someone-else',
    overwrote?: readonly Overwrite[],
  ): number {
    return this.commit(
      change,
      actorId,
      'elsewhere',
      `x-${++this.mutationCounter}`,
      overwrote,
    );
  }

  handle(socket: FakeCollabSocket, event: string, payload: unknown): unknown {
    switch (event) {
      case 'project:join':
        return this.join(socket, payload as JoinRequest);
      case 'change:submit':
        return this.submit(socket, payload as SubmitRequest);
      case 'presence:update': {
        const member = this.presence.get(socket);
        if (member) {
          const { focus } = payload as { focus: PresenceFocus | null };
          this.presence.set(socket, { ...member, focus });
          this.broadcastPresence();
        }
        return undefined;
      }
      case 'project:leave':
        this.forget(socket);
        return { ok: true };
      case 'lock:acquire':
        return this.acquire(
          socket,
          (payload as { target: PresenceFocus }).target,
        );
      case 'lock:release': {
        const key = lockKey((payload as { target: PresenceFocus }).target);
        if (this.locks.get(key)?.holder.userId === socket.person.userId) {
          this.locks.delete(key);
          this.broadcastLocks();
        }
        return { ok: true };
      }
      default:
        return undefined;
    }
  }

  forget(socket: FakeCollabSocket): void {
    if (this.presence.delete(socket)) this.broadcastPresence();
  }

  private join(socket: FakeCollabSocket, request: JoinRequest): JoinResponse {
    if (this.unknownProjects.has(request.projectId)) {
      return {
        ok: false,
        error: {
          code: 'project_not_found',
          message: 'No such project, or you are not a member of it.',
        },
      };
    }
    this.presence.set(socket, {
      userId: socket.person.userId,
      displayName: socket.person.displayName,
      color: socket.person.color ?? '#1f77b4',
      focus: null,
    });
    this.broadcastPresence();
    const presence = this.members();
    if (request.sinceRev !== undefined && request.sinceRev > 0) {
      const changes = this.log.filter(
        (entry) => entry.rev > (request.sinceRev ?? 0),
      );
      return {
        ok: true,
        rev: this.rev,
        changes,
        presence,
        locks: [...this.locks.values()],
      };
    }
    return {
      ok: true,
      rev: this.rev,
      model: this.model,
      presence,
      locks: [...this.locks.values()],
    };
  }

  private submit(
    socket: FakeCollabSocket,
    request: SubmitRequest,
  ): SubmitResponse {
    const refusal = this.refuse?.(request.change) ?? null;
    if (refusal) return { ok: false, error: refusal };
    try {
      const rev = this.commit(
        request.change,
        socket.person.userId,
        socket.clientId,
        request.mutationId,
      );
      return { ok: true, rev, duplicate: false, changed: true };
    } catch (error) {
      if (error instanceof DomainError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message },
        };
      }
      throw error;
    }
  }

  private commit(
    change: Change,
    actorId: string,
    clientId: string,
    mutationId: string,
    overwrote?: readonly Overwrite[],
  ): number {
    const applied = applyChange(this.model, change);
    this.model = applied.model;
    this.rev += 1;
    const event: ChangeApplied = {
      projectId: this.projectId,
      rev: this.rev,
      actorId,
      clientId,
      mutationId,
      change,
      effects: applied.effects,
      ...(overwrote ? { overwrote } : {}),
      createdAt: new Date().toISOString(),
    };
    this.log.push(event);
    for (const socket of this.sockets) {
      if (socket.connected && this.presence.has(socket))
        setTimeout(() => socket.receive('change:applied', event), 0);
    }
    return this.rev;
  }

  private acquire(
    socket: FakeCollabSocket,
    target: PresenceFocus,
  ): LockResponse {
    const key = lockKey(target);
    const held = this.locks.get(key);
    if (held && held.holder.userId !== socket.person.userId)
      return { ok: false, holder: held.holder };
    const lock: LockInfo = {
      target,
      key,
      holder: {
        userId: socket.person.userId,
        displayName: socket.person.displayName,
        color: socket.person.color ?? '#1f77b4',
      },
      acquiredAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
    };
    this.locks.set(key, lock);
    this.broadcastLocks();
    return { ok: true, lock };
  }

  private broadcastLocks(): void {
    const locks = [...this.locks.values()];
    for (const socket of this.presence.keys())
      setTimeout(
        () =>
          socket.receive('lock:state', { projectId: this.projectId, locks }),
        0,
      );
  }

  private members(): PresenceMember[] {
    const byUser = new Map<string, PresenceMember>();
    for (const member of this.presence.values())
      byUser.set(member.userId, member);
    return [...byUser.values()];
  }

  private broadcastPresence(): void {
    const members = this.members();
    for (const socket of this.presence.keys()) {
      setTimeout(
        () =>
          socket.receive('presence:state', {
            projectId: this.projectId,
            members,
          }),
        0,
      );
    }
  }
}

import type {
  ChangeApplied,
  CollabClientEvents,
  CollabError,
  CollabServerEvents,
  JoinResponse,
  LockInfo,
  LockResponse,
  PresenceFocus,
  PresenceMember,
  SubmitResponse,
} from '@orca/shared/contracts';
import {
  applyChange,
  type Change,
  DomainError,
  type Overwrite,
  type ProjectModel,
  rebaseTextEdit,
  textKey,
  textOpsOfChange,
  transformTextOps,
} from '@orca/shared/domain';
import { BehaviorSubject, Subject } from 'rxjs';
import type { Socket } from 'socket.io-client';

export type CollabSocket = Socket<CollabServerEvents, CollabClientEvents>;

export type CollabStatus =
  | 'connecting'
  | 'syncing'
  | 'live'
  | 'offline'
  | 'revoked'
  | 'failed';

export interface CollabState {
  status: CollabStatus;
  /** The last revision confirmed by the server. */
  rev: number;
  /** The server's model plus this client's pending changes (what the person sees). */
  model: ProjectModel | null;
  /** Changes sent or queued but not yet confirmed. */
  pending: number;
}

export interface RejectedChange {
  change: Change;
  mutationId: string;
  error: CollabError;
}

export type SubmitOutcome =
  /** `committed`: the change is in the project's log (false: it changed nothing, e.g. an echo). */
  | { ok: true; rev: number; committed: boolean }
  | { ok: false; error: CollabError };

/** A write of yours that someone else's concurrent write replaced (last writer wins). */
export interface OverwrittenNotice {
  overwrite: Overwrite;
  /** The change that replaced it, and who made it. */
  by: { actorId: string; rev: number; change: Change };
}

export interface CollabClientOptions {
  socket: CollabSocket;
  projectId: string;
  /** Sent in the handshake as `auth.clientId` too: mutation ids are unique per client. */
  clientId: string;
  createMutationId?: () => string;
}

interface Pending {
  mutationId: string;
  change: Change;
  settle: (outcome: SubmitOutcome) => void;
  inFlight: boolean;
  /** Waiting to be sent again after a temporary refusal (`retryAfterMs`). */
  retry?: ReturnType<typeof setTimeout>;
}

let counter = 0;
const defaultMutationId = () =>
  `m-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * One person's live copy of a project's model (DESIGN §4, §5), usable in the browser and in
 * Node. Own changes apply at once (optimistic) and are queued until the server confirms them;
 * the server's `change:applied` stream is applied in rev order, pending changes are re-applied on
 * top (rebase), a refused change is rolled back and reported, a gap in revs or a reconnect
 * resyncs from the log, and queued changes are resent with their mutation ids (the server drops
 * what it already has).
 */
export class CollabClient {
  readonly state$: BehaviorSubject<CollabState>;
  readonly presence$ = new BehaviorSubject<PresenceMember[]>([]);
  readonly rejected$ = new Subject<RejectedChange>();
  /** Soft locks in the project (hints: who is editing what). */
  readonly locks$ = new BehaviorSubject<LockInfo[]>([]);
  /** Your writes that someone else's concurrent write replaced. */
  readonly overwritten$ = new Subject<OverwrittenNotice>();

  private confirmed: ProjectModel | null = null;
  private rev = 0;
  private pending: Pending[] = [];
  private joining: Promise<void> | null = null;
  private rejoin = false;
  /** The server said it is shutting down: nothing more goes to it until the next connection. */
  private draining = false;
  private readonly socket: CollabSocket;
  private readonly projectId: string;
  private readonly clientId: string;
  private readonly createMutationId: () => string;
  private readonly detach: Array<() => void> = [];
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: CollabClientOptions) {
    this.socket = options.socket;
    this.projectId = options.projectId;
    this.clientId = options.clientId;
    this.createMutationId = options.createMutationId ?? defaultMutationId;
    this.state$ = new BehaviorSubject<CollabState>({
      status: 'connecting',
      rev: 0,
      model: null,
      pending: 0,
    });
  }

  get model(): ProjectModel | null {
    return this.state$.value.model;
  }

  get confirmedRev(): number {
    return this.rev;
  }

  /** Starts listening and joins the project (now, or as soon as the socket connects). */
  start(): Promise<void> {
    const on = <E extends keyof CollabServerEvents | 'connect' | 'disconnect'>(
      event: E,
      listener: (...args: never[]) => void,
    ) => {
      this.socket.on(event as 'connect', listener as () => void);
      this.detach.push(() =>
        this.socket.off(event as 'connect', listener as () => void),
      );
    };
    on('change:applied', (event: ChangeApplied) => this.onApplied(event));
    on(
      'presence:state',
      (state: { projectId: string; members: PresenceMember[] }) => {
        if (state.projectId === this.projectId)
          this.presence$.next(state.members);
      },
    );
    on('lock:state', (state: { projectId: string; locks: LockInfo[] }) => {
      if (state.projectId === this.projectId) this.locks$.next(state.locks);
    });
    on('project:revoked', (event: { projectId: string }) => {
      if (event.projectId !== this.projectId) return;
      this.failPending({
        code: 'project_not_found',
        message: 'You no longer have access to this project.',
      });
      this.publish('revoked');
    });
    // Its connection closes soon (as a dropped network would), and Socket.IO reconnects, through
    // the load balancer, to another instance; what was not confirmed is sent there.
    on('server:draining', () => {
      this.draining = true;
    });
    on('disconnect', (reason: string) => {
      this.resetInFlight();
      if (this.state$.value.status !== 'revoked') this.publish('offline');
      // A draining server that ends the session itself (rather than the connection) is left for
      // another one too: Socket.IO does not reconnect after a server-side disconnect.
      if (this.draining && reason === 'io server disconnect')
        this.socket.connect();
    });
    on('connect', () => {
      this.draining = false;
      this.rejoin = false;
      void this.join();
    });
    return this.socket.connected
      ? this.join()
      : new Promise((resolve) =>
          this.socket.once('connect', () => resolve(this.join())),
        );
  }

  stop(): void {
    this.detach.splice(0).forEach((undo) => undo());
    this.resetInFlight();
    clearTimeout(this.rejoinTimer);
    if (this.socket.connected)
      this.socket.emit('project:leave', { projectId: this.projectId });
  }

  /**
   * Applies a change at once and sends it. Resolves when the server confirms (`ok: true`) or
   * refuses it (`ok: false`, the change is rolled back). A change the current model refuses is
   * refused locally without a round trip.
   */
  submit(change: Change): Promise<SubmitOutcome> {
    const view = this.state$.value.model;
    if (!view)
      return Promise.resolve({
        ok: false,
        error: {
          code: 'not_joined',
          message: 'The project is not loaded yet.',
        },
      });
    try {
      applyChange(view, change);
    } catch (error) {
      if (error instanceof DomainError) {
        return Promise.resolve({
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            errors: [...error.problems],
          },
        });
      }
      throw error;
    }
    return new Promise<SubmitOutcome>((settle) => {
      const pending: Pending = {
        mutationId: this.createMutationId(),
        change,
        settle,
        inFlight: false,
      };
      this.pending.push(pending);
      this.recompute();
      if (this.state$.value.status === 'live') this.sendNext();
    });
  }

  /**
   * Takes (or renews) a soft lock on a cell or field. `ok: false` names who holds it; a lock
   * only warns, it never stops anyone's writes.
   */
  async acquireLock(target: PresenceFocus): Promise<LockResponse> {
    if (!this.socket.connected)
      return {
        ok: false,
        error: { code: 'offline', message: 'Not connected.' },
      };
    return (await this.socket
      .timeout(10_000)
      .emitWithAck('lock:acquire', { projectId: this.projectId, target })
      .catch(() => ({
        ok: false,
        error: { code: 'timeout', message: 'No answer from the server.' },
      }))) as LockResponse;
  }

  releaseLock(target: PresenceFocus): void {
    if (this.socket.connected)
      this.socket.emit('lock:release', { projectId: this.projectId, target });
  }

  /** Tells the others what this person is looking at (volatile: the latest focus wins). */
  focus(focus: PresenceFocus | null): void {
    if (this.socket.connected)
      this.socket.volatile.emit('presence:update', {
        projectId: this.projectId,
        focus,
      });
  }

  private join(): Promise<void> {
    if (this.joining) {
      // A gap seen while a join is under way: join once more when it ends.
      this.rejoin = true;
      return this.joining;
    }
    this.joining = this.doJoin().finally(() => {
      this.joining = null;
      if (this.rejoin && this.socket.connected) {
        this.rejoin = false;
        void this.join();
      }
    });
    return this.joining;
  }

  private async doJoin(): Promise<void> {
    this.publish('syncing');
    const response = (await this.socket
      .timeout(15_000)
      .emitWithAck('project:join', {
        projectId: this.projectId,
        ...(this.confirmed ? { sinceRev: this.rev } : {}),
      })
      .catch(() => null)) as JoinResponse | null;
    if (!response) {
      this.publish('offline');
      return;
    }
    if (!response.ok && response.error.retryAfterMs !== undefined) {
      // The server cannot serve the join just now (its database is away): nothing is lost, the
      // pending changes wait, and the join is tried again.
      this.publish('offline');
      clearTimeout(this.rejoinTimer);
      this.rejoinTimer = setTimeout(() => {
        if (this.socket.connected) void this.join();
      }, response.error.retryAfterMs);
      return;
    }
    if (!response.ok) {
      this.failPending(response.error);
      this.publish(
        response.error.code === 'project_not_found' ? 'revoked' : 'failed',
      );
      return;
    }
    this.presence$.next(response.presence);
    this.locks$.next(response.locks ?? []);
    if ('model' in response) {
      this.confirmed = response.model;
      this.rev = response.rev;
    } else {
      for (const event of response.changes) this.applyConfirmed(event);
    }
    this.recompute();
    this.publish('live');
    // What is not yet confirmed goes (again): the server answers retries without applying twice.
    this.resetInFlight();
    this.sendNext();
  }

  /**
   * Changes go one at a time, in order: the next leaves when the previous one is confirmed
   * (seen in change:applied) or refused. So every change is based on a rev that holds all of
   * this client's earlier ones, which is what text edits are transformed against.
   */
  private sendNext(): void {
    const pending = this.pending[0];
    if (!pending || pending.inFlight || !this.socket.connected) return;
    if (this.state$.value.status !== 'live' || this.draining) return;
    pending.inFlight = true;
    this.socket
      .timeout(30_000)
      .emitWithAck('change:submit', {
        projectId: this.projectId,
        mutationId: pending.mutationId,
        baseRev: this.rev,
        change: pending.change,
      })
      .then((ack: SubmitResponse) => this.onAck(pending, ack))
      .catch(() => {
        // No answer: resent after the next join, or now if still connected (a slow server; the
        // mutation id keeps it from being applied twice).
        pending.inFlight = false;
        if (this.state$.value.status === 'live') this.sendNext();
      });
  }

  private onAck(pending: Pending, ack: SubmitResponse): void {
    if (!this.pending.includes(pending)) return;
    if (!ack.ok && ack.error.retryAfterMs !== undefined) {
      // A temporary refusal (rate limit, database away): nothing was done. The same change goes
      // again, under the same mutation id, after the wait; the ones after it wait their turn.
      const retry = setTimeout(() => {
        if (pending.retry !== retry) return;
        pending.retry = undefined;
        pending.inFlight = false;
        this.sendNext();
      }, ack.error.retryAfterMs);
      pending.retry = retry;
      return;
    }
    if (!ack.ok) {
      this.pending = this.pending.filter((item) => item !== pending);
      this.recompute();
      this.rejected$.next({
        change: pending.change,
        mutationId: pending.mutationId,
        error: ack.error,
      });
      pending.settle(ack);
      this.sendNext();
      return;
    }
    // A committed change stays pending until its change:applied arrives (it carries the order
    // and the change as committed). A change that changed nothing brings no event, nor does a
    // retry whose first copy this client has already seen.
    const noEvent = ack.duplicate ? ack.rev <= this.rev : !ack.changed;
    if (noEvent || ack.rev <= this.rev) {
      this.pending = this.pending.filter((item) => item !== pending);
      this.recompute();
      pending.settle({ ok: true, rev: ack.rev, committed: ack.duplicate });
      this.sendNext();
    }
  }

  private onApplied(event: ChangeApplied): void {
    if (
      event.projectId !== this.projectId ||
      !this.confirmed ||
      event.rev <= this.rev
    )
      return;
    if (event.rev > this.rev + 1) {
      void this.join(); // a gap: fetch what was missed from the log
      return;
    }
    this.applyConfirmed(event);
    this.recompute();
  }

  private applyConfirmed(event: ChangeApplied): void {
    if (!this.confirmed || event.rev <= this.rev) return;
    const before = this.confirmed;
    try {
      this.confirmed = applyChange(before, event.change).model;
      this.rev = event.rev;
    } catch {
      // Cannot happen with a correct server; if it does, start over from a fresh model.
      this.confirmed = null;
      void this.join();
      return;
    }
    const mine =
      event.clientId === this.clientId
        ? this.pending.find(
            (pending) => pending.mutationId === event.mutationId,
          )
        : undefined;
    if (mine) {
      this.pending = this.pending.filter((pending) => pending !== mine);
      mine.settle({ ok: true, rev: event.rev, committed: true });
      this.sendNext();
    } else {
      this.rebasePendingText(before, event.change);
    }
    for (const overwrite of event.overwrote ?? []) {
      if (overwrite.clientId === this.clientId)
        this.overwritten$.next({
          overwrite,
          by: { actorId: event.actorId, rev: event.rev, change: event.change },
        });
    }
  }

  /**
   * Someone else's change reached a long text this client is still typing into: the pending text
   * edits are rewritten to apply after it, exactly as the server will rewrite them (DESIGN §4),
   * so both people's words stay where they typed them.
   */
  private rebasePendingText(before: ProjectModel, change: Change): void {
    if (!this.confirmed) return;
    const applied = textOpsOfChange(before, this.confirmed, change);
    if (Object.keys(applied).length === 0) return;
    for (const pending of this.pending) {
      const edit = pending.change;
      if (edit.kind !== 'text.edit') continue;
      const key = textKey(edit.target);
      const theirs = applied[key];
      if (!theirs) continue;
      try {
        const rebased = rebaseTextEdit(edit, [theirs]);
        // What the others' ops look like after this pending edit, for the next pending one.
        applied[key] = transformTextOps(theirs, edit.ops, 'left');
        pending.change = rebased;
      } catch {
        // The ops no longer fit: the server will refuse or rebase it and say so.
      }
    }
  }

  /** The view: the confirmed model with every pending change re-applied on top (rebase). */
  private recompute(): void {
    let view = this.confirmed;
    if (view) {
      for (const pending of this.pending) {
        try {
          view = applyChange(view, pending.change).model;
        } catch {
          // No longer applies on top of others' changes; the server will say what became of it.
        }
      }
    }
    this.state$.next({
      ...this.state$.value,
      rev: this.rev,
      model: view,
      pending: this.pending.length,
    });
  }

  /** Nothing is in flight any more (a new connection, a new join): every pending change goes again. */
  private resetInFlight(): void {
    for (const pending of this.pending) {
      clearTimeout(pending.retry);
      pending.retry = undefined;
      pending.inFlight = false;
    }
  }

  private publish(status: CollabStatus): void {
    this.state$.next({
      ...this.state$.value,
      status,
      rev: this.rev,
      pending: this.pending.length,
    });
  }

  private failPending(error: CollabError): void {
    for (const pending of this.pending.splice(0)) {
      this.rejected$.next({
        change: pending.change,
        mutationId: pending.mutationId,
        error,
      });
      pending.settle({ ok: false, error });
    }
    this.recompute();
  }
}

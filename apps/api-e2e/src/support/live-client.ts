import type {
  ChangeApplied,
  CollabClientEvents,
  CollabError,
  CollabServerEvents,
  JoinResponse,
  SubmitResponse,
} from '@orca/shared/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { delay } from './server-process';

export type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

/**
 * Ascending order keys, as fractional-indexing writes them (`b` and two base-62 digits): enough for
 * every object these tests create; their order does not matter here.
 */
const BASE_62 =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let nextKey = 0;
function orderKey(): string {
  const index = nextKey++ % (62 * 62);
  return `b${BASE_62[Math.floor(index / 62)]}${BASE_62[index % 62]}`;
}

/** A valid `object.create` change; `definition` pads it (big changes fill a slow reader's buffers). */
export function objectCreate(name: string, definition = '') {
  return {
    kind: 'object.create' as const,
    object: {
      id: randomUUID(),
      name,
      definition,
      synonyms: [],
      examples: [],
      states: [],
      sip: {
        structure: { answer: null, note: '' },
        instances: { answer: null, note: '' },
        purpose: { answer: null, note: '' },
      },
      openQuestions: [],
      priority: null,
      score: null,
      position: null,
      orderKey: orderKey(),
    },
  };
}

export interface Acked {
  mutationId: string;
  objectId: string;
  rev: number;
}

/**
 * A live client as the collaboration client library behaves, reduced to what these tests check:
 * it keeps the rev and the object ids it has seen, applies `change:applied` in rev order, joins
 * again from its rev after a reconnect or a gap, sends one change at a time and resends one that
 * got no answer (or a retryable refusal) under the same mutation id until it is acknowledged.
 */
export class LiveClient {
  readonly socket: ClientSocket;
  readonly clientId = randomUUID();
  rev = 0;
  readonly objects = new Set<string>();
  readonly acked: Acked[] = [];
  /** When each change:applied arrived here (by mutation id), for latency. */
  readonly arrivedAt = new Map<string, number>();
  /** Refusals seen, by code (retryable ones are resent). */
  readonly refusals = new Map<string, number>();
  reconnects = 0;
  private connectedOnce = false;
  private joined: Promise<boolean> = Promise.resolve(false);
  private joining = false;
  private joinAgain = false;

  constructor(
    url: string,
    cookie: string,
    private readonly projectId: string,
    options: { reconnect?: boolean } = {},
  ) {
    this.socket = io(`${url}/collab`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: { clientId: this.clientId },
      reconnection: options.reconnect ?? true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    this.socket.on('connect', () => {
      if (this.connectedOnce) this.reconnects++;
      this.connectedOnce = true;
      this.resync();
    });
    this.socket.on('change:applied', (event) => this.onApplied(event));
  }

  /** Resolves once connected and joined. */
  async ready(withinMs = 15_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!(this.socket.connected && (await this.joined))) {
      if (Date.now() > deadline)
        throw new Error('the live client did not connect and join');
      await delay(20);
    }
  }

  private resync(): void {
    if (this.joining) {
      this.joinAgain = true;
      return;
    }
    this.joining = true;
    this.joined = this.join().finally(() => {
      this.joining = false;
      if (this.joinAgain && this.socket.connected) {
        this.joinAgain = false;
        this.resync();
      }
    });
  }

  private async join(): Promise<boolean> {
    const response = (await this.socket
      .timeout(10_000)
      .emitWithAck('project:join', {
        projectId: this.projectId,
        ...(this.rev > 0 ? { sinceRev: this.rev } : {}),
      })
      .catch(() => null)) as JoinResponse | null;
    if (!response?.ok) return false;
    if ('model' in response) {
      this.objects.clear();
      for (const id of Object.keys(response.model.objects))
        this.objects.add(id);
      this.rev = response.rev;
    } else {
      for (const event of response.changes) this.apply(event);
    }
    return true;
  }

  private onApplied(event: ChangeApplied): void {
    if (event.projectId !== this.projectId) return;
    if (!this.arrivedAt.has(event.mutationId))
      this.arrivedAt.set(event.mutationId, Date.now());
    if (event.rev <= this.rev) return;
    if (event.rev > this.rev + 1 || this.joining) {
      this.resync(); // a gap: what was missed comes from the log
      return;
    }
    this.apply(event);
  }

  private apply(event: ChangeApplied): void {
    if (event.rev !== this.rev + 1) return;
    this.rev = event.rev;
    const change = event.change;
    if (change.kind === 'object.create') this.objects.add(change.object.id);
    if (change.kind === 'object.delete') this.objects.delete(change.id);
  }

  /**
   * Sends one change until it is acknowledged (resending after reconnects, timeouts and
   * retryable refusals: `retryAfterMs`), or throws on a final refusal.
   */
  async submit(
    change: ReturnType<typeof objectCreate>,
    withinMs = 60_000,
  ): Promise<Acked> {
    const mutationId = randomUUID();
    const deadline = Date.now() + withinMs;
    for (;;) {
      if (Date.now() > deadline)
        throw new Error(
          `change ${mutationId} not acknowledged within ${withinMs} ms`,
        );
      if (!this.socket.connected) {
        await delay(20);
        continue;
      }
      if (!(await this.joined)) {
        // Refused or unanswered (the server could not serve it just now): join again.
        await delay(200);
        if (!this.joining) this.resync();
        continue;
      }
      const ack = (await this.socket
        .timeout(5_000)
        .emitWithAck('change:submit', {
          projectId: this.projectId,
          mutationId,
          change,
        } as never)
        .catch(() => null)) as SubmitResponse | null;
      if (ack === null) continue;
      if (ack.ok) {
        const acked = { mutationId, objectId: change.object.id, rev: ack.rev };
        this.acked.push(acked);
        return acked;
      }
      this.count(ack.error);
      const retryAfterMs = (
        ack.error as CollabError & { retryAfterMs?: number }
      ).retryAfterMs;
      if (retryAfterMs === undefined)
        throw new Error(`refused: ${JSON.stringify(ack.error)}`);
      await delay(retryAfterMs);
    }
  }

  count(error: CollabError): void {
    this.refusals.set(error.code, (this.refusals.get(error.code) ?? 0) + 1);
  }

  /** Submits `count` new objects one after the other; `onAck` after each. */
  async stream(
    count: number,
    label: string,
    onAck: (acked: number) => void = () => undefined,
  ): Promise<void> {
    for (let index = 0; index < count; index++) {
      await this.submit(objectCreate(`${label} ${index}`));
      onAck(this.acked.length);
    }
  }

  /** Waits until this client holds `rev` (its joins and the live stream caught up). */
  async reaches(rev: number, withinMs = 15_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (this.rev < rev) {
      if (Date.now() > deadline)
        throw new Error(`the live client is at rev ${this.rev}, not ${rev}`);
      await delay(20);
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

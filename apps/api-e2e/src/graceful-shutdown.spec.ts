import type {
  ChangeApplied,
  CollabClientEvents,
  CollabServerEvents,
  JoinResponse,
  SubmitResponse,
} from '@orca/shared/contracts';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { Balancer } from './support/balancer';
import { HttpPerson } from './support/http-person';
import {
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
  workspaceRoot,
} from './support/server-process';

/**
 * Graceful shutdown (decision 0027): SIGTERM to one of two instances while a client streams
 * changes through a load balancer. Needs SCALE_OUT_DATABASE_URL and SCALE_OUT_REDIS_URL, like the
 * scale-out spec.
 */
const databaseUrl = process.env['SCALE_OUT_DATABASE_URL'];
const redisUrl = process.env['SCALE_OUT_REDIS_URL'];
const describeWithServices = databaseUrl && redisUrl ? describe : describe.skip;
if (!databaseUrl || !redisUrl)
  console.warn(
    'graceful-shutdown test skipped: set SCALE_OUT_DATABASE_URL and SCALE_OUT_REDIS_URL (real PostgreSQL and Redis)',
  );

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

const GRACE_MS = 10_000;
const CHANGES = 40;
const SIGTERM_AFTER = 15;
const METRICS_TOKEN = `shutdown-spec-${randomUUID()}`;

/** Order keys in sequence (fractional-indexing's one-digit integers: a0…a9, aA…aZ, aa…az). */
const BASE_62 =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const orderKeyOf = (index: number) => `a${BASE_62[index]}`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newObject(id: string, index: number, orderKey: string) {
  return {
    id,
    name: `Streamed ${index}`,
    definition: '',
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
    orderKey,
  };
}

/**
 * What a live client does (as the collaboration client library does): one change at a time;
 * nothing sent to an instance that said it is draining; after a reconnect, join again and resend
 * the change that got no answer, under the same mutation id.
 */
class Streamer {
  readonly acked = new Map<string, { rev: number; objectId: string }>();
  readonly applied: ChangeApplied[] = [];
  reconnects = 0;
  private draining = false;
  private joined: Promise<boolean> = Promise.resolve(false);

  constructor(
    readonly socket: ClientSocket,
    private readonly projectId: string,
  ) {
    socket.on('server:draining', () => (this.draining = true));
    socket.on('change:applied', (event) => this.applied.push(event));
    socket.on('connect', () => {
      if (this.acked.size > 0) this.reconnects++;
      this.draining = false;
      this.joined = this.join();
    });
  }

  private async join(): Promise<boolean> {
    const response = (await this.socket
      .timeout(10_000)
      .emitWithAck('project:join', { projectId: this.projectId })
      .catch(() => null)) as JoinResponse | null;
    return response?.ok === true;
  }

  /** Streams until `count` changes are acknowledged; `onAck` runs after each one. */
  async stream(count: number, onAck: (acked: number) => void): Promise<void> {
    const deadline = Date.now() + 60_000;
    let index = 0;
    let current: { mutationId: string; objectId: string } | undefined;
    while (this.acked.size < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.acked.size} of ${count} acknowledged`);
      if (!this.socket.connected || this.draining || !(await this.joined)) {
        await pause(20);
        continue;
      }
      current ??= { mutationId: randomUUID(), objectId: randomUUID() };
      const ack = (await this.socket
        .timeout(5_000)
        .emitWithAck('change:submit', {
          projectId: this.projectId,
          mutationId: current.mutationId,
          change: {
            kind: 'object.create',
            object: newObject(current.objectId, index, orderKeyOf(index)),
          },
        } as never)
        .catch(() => null)) as SubmitResponse | null;
      if (ack === null) continue; // no answer (the connection closed): resend after rejoining
      if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
      this.acked.set(current.mutationId, {
        rev: ack.rev,
        objectId: current.objectId,
      });
      current = undefined;
      index++;
      onAck(this.acked.size);
    }
  }
}

describeWithServices('SIGTERM to one of two instances', () => {
  const servers: ServerProcess[] = [];
  let balancer: Balancer | undefined;
  let socket: ClientSocket | undefined;

  beforeAll(async () => {
    if (!existsSync(serverEntry))
      throw new Error(`${serverEntry} is missing: build the api first`);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      WEB_DIST_PATH: 'off',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      METRICS_TOKEN,
    };
    execFileSync(process.execPath, [serverEntry, 'migrate'], {
      cwd: workspaceRoot,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    for (const label of ['instance A', 'instance B']) {
      const server = new ServerProcess(env, label);
      servers.push(server);
      await server.start();
    }
    await Promise.all(servers.map((server) => server.waitUntilReady()));
    // A first while it listens, then B: what a Service does once A's pod stops accepting.
    balancer = new Balancer(() =>
      servers.map((server) => Number(new URL(server.baseUrl).port)),
    );
    await balancer.start();
  }, 2 * READY_WITHIN_MS);

  afterAll(
    async () => {
      socket?.disconnect();
      await balancer?.stop();
      await Promise.all(servers.map((server) => server.stop()));
    },
    2 * STOP_WITHIN_MS + 10_000,
  );

  it('loses no acknowledged change, finishes its export, exits 0 within the grace period, and the client resumes on the other instance', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    try {
      const ana = new HttpPerson(a.baseUrl);
      await ana.signUp(`ana-${randomUUID().slice(0, 8)}@example.com`, 'Ana');
      const project = await ana.call<{ id: string }>('POST', '/projects', {
        name: 'Rolling restart',
      });
      socket = io(`${balancer?.url}/collab`, {
        transports: ['websocket'],
        extraHeaders: { cookie: ana.cookieHeader },
        auth: { clientId: randomUUID() },
        reconnectionDelay: 100,
        reconnectionDelayMax: 300,
        forceNew: true,
      });
      const streamer = new Streamer(socket, project.id);

      let stopped: Promise<number> | undefined;
      let exported: Promise<Response> | undefined;
      await streamer.stream(CHANGES, (acked) => {
        if (acked !== SIGTERM_AFTER) return;
        // An export in flight on A, then the signal, mid-stream.
        exported = fetch(
          `${a.baseUrl}/api/v1/projects/${project.id}/export?format=zip`,
          { headers: { cookie: ana.cookieHeader } },
        );
        stopped = pause(50).then(() => a.terminate());
      });

      const exitedAfterMs = await (stopped as Promise<number>);
      expect(a.exitCode).toBe(0);
      expect(exitedAfterMs).toBeLessThan(GRACE_MS);
      expect(a.log).toContain('SIGTERM: draining');
      expect(a.log).toContain('drained; exiting');
      const file = await (exported as Promise<Response>);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/zip');
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);

      // The client went on, on B: it reconnected, and the rest of its changes were acknowledged.
      expect(streamer.reconnects).toBeGreaterThanOrEqual(1);
      expect(socket.connected).toBe(true);
      const scrape = await fetch(`${b.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(await scrape.text()).toMatch(/^orca_collab_sockets 1$/m);

      // Every acknowledged change is in the database, once, in rev order.
      ana.baseUrl = b.baseUrl;
      const stored = await ana.call<{
        rev: number;
        model: { objects: Record<string, unknown> };
      }>('GET', `/projects/${project.id}/model`);
      const acked = [...streamer.acked.values()];
      expect(acked).toHaveLength(CHANGES);
      for (const { objectId } of acked)
        expect(stored.model.objects).toHaveProperty(objectId);
      expect(Object.keys(stored.model.objects)).toHaveLength(CHANGES);
      expect(stored.rev).toBe(CHANGES);
      expect(new Set(acked.map(({ rev }) => rev)).size).toBe(CHANGES);
      // And the live stream reached the client from both instances, with no gap at the end.
      expect(Math.max(...streamer.applied.map((event) => event.rev))).toBe(
        CHANGES,
      );
    } catch (error) {
      throw new Error(
        `${String(error)}\n\n${servers.map((server) => server.log).join('\n')}`,
      );
    }
  }, 120_000);
});

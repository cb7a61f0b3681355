import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { SubmitResponse } from '@orca/shared/contracts';
import { Balancer } from './support/balancer';
import { HttpPerson } from './support/http-person';
import { LiveClient, objectCreate } from './support/live-client';
import {
  PrivatePostgres,
  PrivateRedis,
  privateServicesMissing,
} from './support/private-services';
import {
  delay,
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
  workspaceRoot,
} from './support/server-process';
import { StallingProxy } from './support/stalling-proxy';

/**
 * Faults (issue 12 §4): two api processes on a PostgreSQL and a Redis of this test's own (free
 * loopback ports, started here), so it may kill and restart them; the shared services are never
 * touched. Each case prints what it tried and what held.
 */
const missing = privateServicesMissing();
const describeFaults = missing ? describe.skip : describe;
if (missing)
  console.warn(
    `fault tests skipped: ${missing} (PostgreSQL 15 and redis-server are needed)`,
  );

interface Health {
  status: 'up' | 'degraded' | 'down';
  checks: Array<{ name: string; status: 'up' | 'down'; error?: string }>;
}

interface ModelAnswer {
  rev: number;
  model: {
    objects: Record<string, { name: string }>;
    roles: Record<string, { name: string }>;
  };
}

const PROBLEM = 'application/problem+json';
/** Normal traffic of one busy person: a change every 100 ms (the web app sends less). */
const NORMAL_EVERY_MS = 100;
/** A busy room for the slow reader: three people, each a change every 120 ms, big ones. */
const BUSY_ROOM_WRITERS = 3;
const BUSY_ROOM_EVERY_MS = 120;
/** The flood: ten times that pace, from one socket. */
const FLOOD_EVERY_MS = NORMAL_EVERY_MS / 10;
/** How long Redis stays away at least. */
const REDIS_OUTAGE_MS = 2500;
/**
 * What "stays bounded" means for a room on loopback, on a busy 2-core CI machine: under a second
 * (before the socket rate limit, a flood took it to 6.4 s).
 */
const ROOM_LATENCY_P95_MS = 1000;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ] as number;
}

async function readiness(server: ServerProcess) {
  const started = Date.now();
  const response = await fetch(`${server.baseUrl}/api/health/ready`, {
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as Health & {
    code?: string;
    detail?: string;
  };
  return { status: response.status, body, ms: Date.now() - started };
}

async function eventually<T>(
  what: string,
  withinMs: number,
  attempt: () => Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await attempt().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${withinMs} ms waiting for ${what}`);
    await delay(100);
  }
}

describeFaults(
  'faults: two api processes, a PostgreSQL and a Redis that fail',
  () => {
    const pg = new PrivatePostgres();
    const redis = new PrivateRedis();
    const servers: ServerProcess[] = [];
    const clients: LiveClient[] = [];
    const proxies: StallingProxy[] = [];
    let balancer: Balancer | undefined;
    let ana: HttpPerson;
    let ben: HttpPerson;
    const benEmail = `ben-${randomUUID().slice(0, 8)}@example.com`;
    const started = Date.now();

    const live = (
      url: string,
      person: HttpPerson,
      projectId: string,
      options?: { reconnect?: boolean },
    ) => {
      const client = new LiveClient(
        url,
        person.cookieHeader,
        projectId,
        options,
      );
      clients.push(client);
      return client;
    };

    async function withLogs(body: () => Promise<void>): Promise<void> {
      try {
        await body();
      } catch (error) {
        const logs = [
          ...servers.map((server) => server.log),
          pg.log,
          redis.log,
        ].join('\n');
        throw new Error(`${String(error)}\n\n${logs}`);
      }
    }

    /** A project of Ana's (facilitator) with Ben as a contributor. */
    async function workshop(name: string): Promise<string> {
      const project = await ana.call<{ id: string }>('POST', '/projects', {
        name,
      });
      const invitation = await ana.call<{ acceptUrl: string }>(
        'POST',
        `/projects/${project.id}/invitations`,
        {
          email: benEmail,
          role: 'contributor',
        },
      );
      const token = new URL(invitation.acceptUrl).pathname.split('/').pop();
      await ben.call('POST', `/invitations/${token}/accept`);
      return project.id;
    }

    beforeAll(async () => {
      if (!existsSync(serverEntry))
        throw new Error(`${serverEntry} is missing: build the api first`);
      await Promise.all([pg.start(), redis.start()]);
      const env = {
        DATABASE_URL: pg.url,
        REDIS_URL: redis.url,
        WEB_DIST_PATH: 'off',
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT: '1000',
        SHUTDOWN_GRACE_MS: '3000',
      };
      execFileSync(process.execPath, [serverEntry, 'migrate'], {
        cwd: workspaceRoot,
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      for (const label of ['instance A', 'instance B']) {
        const server = new ServerProcess(env, label);
        servers.push(server);
        await server.start();
      }
      await Promise.all(servers.map((server) => server.waitUntilReady()));
      // Like a Kubernetes Service: new connections go to A while it listens, else to B.
      balancer = new Balancer(() =>
        servers.map((server) => Number(new URL(server.baseUrl).port)),
      );
      await balancer.start();
      const [a, b] = servers as [ServerProcess, ServerProcess];
      ana = new HttpPerson(a.baseUrl);
      await ana.signUp(`ana-${randomUUID().slice(0, 8)}@example.com`, 'Ana');
      ben = new HttpPerson(b.baseUrl);
      await ben.signUp(benEmail, 'Ben');
      console.log(
        `faults: private PostgreSQL :${pg.port}, Redis :${redis.port}, two api processes ready in ${Date.now() - started} ms`,
      );
    }, 2 * READY_WITHIN_MS);

    afterAll(
      async () => {
        clients.forEach((client) => client.close());
        await Promise.all(proxies.map((proxy) => proxy.stop()));
        await balancer?.stop();
        await Promise.all(servers.map((server) => server.stop()));
        await redis.stop();
        await pg.destroy();
        console.log(`faults: all cases in ${Date.now() - started} ms`);
      },
      2 * STOP_WITHIN_MS + 20_000,
    );

    it(
      'a client that stops reading does not slow its room, and a socket flooding ten times the normal pace is rate-limited without affecting the others',
      () =>
        withLogs(async () => {
          const [a, b] = servers as [ServerProcess, ServerProcess];
          const projectId = await workshop('Slow readers and floods');
          const writers = Array.from({ length: BUSY_ROOM_WRITERS }, () =>
            live(a.baseUrl, ana, projectId),
          );
          const watchers = [
            live(a.baseUrl, ben, projectId),
            live(b.baseUrl, ben, projectId),
          ];
          const proxy = new StallingProxy(Number(new URL(a.baseUrl).port));
          proxies.push(proxy);
          await proxy.start();
          const slow = live(proxy.url, ben, projectId, { reconnect: false });
          await Promise.all(
            [...writers, ...watchers, slow].map((client) => client.ready()),
          );
          const lastRev = () =>
            Math.max(...writers.map((client) => client.acked.at(-1)?.rev ?? 0));

          // Each writer sends a change every `everyMs` (one at a time, as the client library
          // does), each with a long definition: big events fill a stalled reader's buffers fast.
          const padding = 'Lorem ipsum dolor sit amet. '
            .repeat(700)
            .slice(0, 19_000);
          async function phase(
            label: string,
            ms: number,
            everyMs: number,
            active: LiveClient[],
          ) {
            const sent = new Map<string, number>();
            const until = Date.now() + ms;
            await Promise.all(
              active.map(async (writer, index) => {
                while (Date.now() < until) {
                  const at = Date.now();
                  const acked = await writer.submit(
                    objectCreate(`${label} ${index}.${sent.size}`, padding),
                  );
                  sent.set(acked.mutationId, at);
                  await delay(Math.max(0, everyMs - (Date.now() - at)));
                }
              }),
            );
            await Promise.all(
              watchers.map((watcher) => watcher.reaches(lastRev())),
            );
            const latencies = watchers.flatMap((watcher) =>
              [...sent].map(
                ([mutationId, at]) =>
                  (watcher.arrivedAt.get(mutationId) ?? Infinity) - at,
              ),
            );
            return {
              changes: sent.size,
              p50: percentile(latencies, 50),
              p95: percentile(latencies, 95),
              max: Math.max(...latencies),
            };
          }

          const baseline = await phase(
            'Baseline',
            1500,
            BUSY_ROOM_EVERY_MS,
            writers,
          );
          proxy.stall();
          const stalled = await phase(
            'Stalled',
            4000,
            BUSY_ROOM_EVERY_MS,
            writers,
          );
          // It really stopped reading: the slow client is far behind.
          const slowRead = slow.rev;
          expect(slowRead).toBeLessThan(baseline.changes + 5);

          // The flood: one socket sends ten times one person's normal pace, not waiting for
          // answers, while one person goes on at the normal pace.
          const flooder = live(a.baseUrl, ana, projectId);
          await flooder.ready();
          const flood = { sent: 0, accepted: 0, limited: 0, other: 0 };
          const answers: Array<Promise<void>> = [];
          const floodSeconds = 3;
          const floodFor = async (ms: number) => {
            const until = Date.now() + ms;
            let next = Date.now();
            while (Date.now() < until) {
              flood.sent++;
              answers.push(
                (
                  flooder.socket.timeout(20_000).emitWithAck('change:submit', {
                    projectId,
                    mutationId: randomUUID(),
                    change: objectCreate(`Flood ${flood.sent}`),
                  } as never) as Promise<SubmitResponse>
                )
                  .then((ack) => {
                    if (ack.ok) flood.accepted++;
                    else if (ack.error.code === 'rate_limited') flood.limited++;
                    else flood.other++;
                  })
                  .catch(() => {
                    flood.other++;
                  }),
              );
              next += FLOOD_EVERY_MS;
              await delay(Math.max(0, next - Date.now()));
            }
          };
          const [, flooded] = await Promise.all([
            floodFor(floodSeconds * 1000),
            phase('Flooded', floodSeconds * 1000, NORMAL_EVERY_MS, [
              writers[0] as LiveClient,
            ]),
          ]);
          await Promise.all(answers);
          const refusedWriters = writers.reduce(
            (sum, writer) =>
              sum + [...writer.refusals.values()].reduce((a, b) => a + b, 0),
            0,
          );

          console.log(
            `faults: slow reader and flood: ${BUSY_ROOM_WRITERS} writers, baseline ${baseline.changes} changes, room latency p50/p95/max ${baseline.p50}/${baseline.p95}/${baseline.max} ms; ` +
              `one reader stopped reading (it read ${slowRead} of ${lastRev()} revs): ${stalled.changes} changes, ${stalled.p50}/${stalled.p95}/${stalled.max} ms; ` +
              `a flood of ${flood.sent} events in ${floodSeconds} s (10× one person's pace): ${flood.accepted} accepted, ${flood.limited} rate-limited, ${flood.other} other; ` +
              `a normal writer meanwhile: ${flooded.changes} changes, ${flooded.p50}/${flooded.p95}/${flooded.max} ms; writers refused ${refusedWriters}×`,
          );
          expect(stalled.p95).toBeLessThan(ROOM_LATENCY_P95_MS);
          expect(flooded.p95).toBeLessThan(ROOM_LATENCY_P95_MS);
          expect(flood.other).toBe(0);
          expect(flood.limited).toBeGreaterThan(flood.sent / 2);
          // The room's writers went on at their pace, never refused.
          expect(refusedWriters).toBe(0);
          expect(flooded.changes).toBeGreaterThan(
            (floodSeconds * 1000) / NORMAL_EVERY_MS / 2,
          );
        }),
      60_000,
    );
    it(
      'Redis stops: the api keeps serving, readiness says it is degraded, and after Redis restarts fan-out across instances comes back by itself',
      () =>
        withLogs(async () => {
          const [a, b] = servers as [ServerProcess, ServerProcess];
          const projectId = await workshop('Redis outage');
          const onA = live(a.baseUrl, ana, projectId);
          const onB = live(b.baseUrl, ben, projectId);
          await Promise.all([onA.ready(), onB.ready()]);
          const before = await onA.submit(objectCreate('Before the outage'));
          await onB.reaches(before.rev); // fan-out across instances works

          await redis.stop('SIGKILL');
          const down = Date.now();
          let degradedMs = 0;
          let served = 0;
          let outageMs = 0;
          let late: LiveClient | undefined;
          try {
            // Readiness answers at once and says what is missing, without taking the instance out.
            const degraded = await eventually(
              'readiness to report Redis down',
              10_000,
              async () => {
                const answer = await readiness(a);
                return answer.body.checks?.some(
                  (check) => check.name === 'redis' && check.status === 'down',
                )
                  ? answer
                  : null;
              },
            );
            expect(degraded.status).toBe(200);
            expect(degraded.body.status).toBe('degraded');
            expect(degraded.ms).toBeLessThan(3_000);
            degradedMs = degraded.ms;

            // REST reads and writes on both instances (sessions from PostgreSQL, no cache).
            for (const [person, server] of [
              [ana, a],
              [ben, b],
              [ana, b],
              [ben, a],
            ] as const) {
              person.baseUrl = server.baseUrl;
              await person.call('GET', `/projects/${projectId}/model`);
              await person.call('POST', `/projects/${projectId}/objects`, {
                name: `During the outage ${served}`,
              });
              served += 2;
            }
            // Signing in (rate-limit counters live in Redis) and a new live connection (presence too).
            const benAgain = new HttpPerson(b.baseUrl);
            await benAgain.call('GET', '/auth/session');
            await benAgain.call('POST', '/auth/login', {
              email: benEmail,
              password: 'correct-horse-battery-staple',
            });
            served++;
            late = live(b.baseUrl, benAgain, projectId);
            await late.ready();
            // A socket change is acknowledged and reaches this instance's own sockets.
            const during = await onA.submit(
              objectCreate('During the outage, live'),
            );
            await onA.reaches(during.rev);
            served += 2;
            // A real outage lasts a while: the clients' reconnect back-off grows meanwhile.
            await delay(Math.max(0, REDIS_OUTAGE_MS - (Date.now() - down)));
            outageMs = Date.now() - down;
          } finally {
            // Whatever happened above, the next cases get their Redis back.
            await redis.start();
          }

          const back = Date.now();
          await eventually(
            'both instances to report Redis up again',
            15_000,
            async () => {
              const answers = await Promise.all(servers.map(readiness));
              return answers.every(
                (answer) =>
                  answer.status === 200 && answer.body.status === 'up',
              )
                ? answers
                : null;
            },
          );
          const readyAfterMs = Date.now() - back;
          // Fan-out across instances again: a change made on A reaches B's socket.
          let probes = 0;
          await eventually(
            'a change on A to reach a socket on B',
            20_000,
            async () => {
              probes++;
              const probe = await onA.submit(
                objectCreate(`After the outage ${probes}`),
              );
              await delay(300);
              return onB.arrivedAt.has(probe.mutationId) ? probe : null;
            },
          );
          const fanOutAfterMs = Date.now() - back;

          // Everyone converges on what the database holds (B's socket missed the outage's changes).
          ana.baseUrl = a.baseUrl;
          const stored = await ana.call<ModelAnswer>(
            'GET',
            `/projects/${projectId}/model`,
          );
          for (const client of [onA, onB, late as LiveClient]) {
            await client.reaches(stored.rev);
            expect([...client.objects].sort()).toEqual(
              Object.keys(stored.model.objects).sort(),
            );
          }
          console.log(
            `faults: Redis killed for ${outageMs} ms: readiness said "degraded" (HTTP 200) in ${degradedMs} ms, ${served} requests served ` +
              `(reads, writes, a sign-in, a new socket, a live change), 0 failed; after the restart readiness was up in ${readyAfterMs} ms and ` +
              `fan-out across instances in ${fanOutAfterMs} ms; 3 live clients converged on rev ${stored.rev}`,
          );
        }),
      60_000,
    );

    it(
      'PostgreSQL restarts: requests in flight and during the outage fail cleanly (503, Retry-After, problem+json), the pool recovers, no partial change is visible',
      () =>
        withLogs(async () => {
          const [a, b] = servers as [ServerProcess, ServerProcess];
          const projectId = await workshop('Database restart');
          ana.baseUrl = a.baseUrl;
          ben.baseUrl = b.baseUrl;
          const socketWriter = live(b.baseUrl, ben, projectId);
          await socketWriter.ready();

          type Outcome = {
            kind: 'bulk' | 'object';
            label: string;
            status: number;
            problem: boolean;
            retryAfter: string | null;
            code?: string;
          };
          const outcomes: Outcome[] = [];
          let writing = true;
          let sequence = 0;
          const request = async (
            person: HttpPerson,
            baseUrl: string,
            kind: Outcome['kind'],
          ) => {
            const label = `W${++sequence}`;
            const path =
              kind === 'bulk'
                ? `/projects/${projectId}/roles/starter-set`
                : `/projects/${projectId}/objects`;
            const body =
              kind === 'bulk'
                ? { names: [1, 2, 3, 4, 5].map((n) => `${label}-${n}`) }
                : { name: label };
            try {
              const response = await fetch(`${baseUrl}/api/v1${path}`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  cookie: person.cookieHeader,
                  'x-xsrf-token':
                    /XSRF-TOKEN=([^;]+)/.exec(person.cookieHeader)?.[1] ?? '',
                },
                body: JSON.stringify(body),
                signal: AbortSignal.timeout(20_000),
              });
              const text = await response.text();
              const problem = (
                response.headers.get('content-type') ?? ''
              ).startsWith(PROBLEM);
              outcomes.push({
                kind,
                label,
                status: response.status,
                problem,
                retryAfter: response.headers.get('retry-after'),
                code: problem
                  ? (JSON.parse(text) as { code?: string }).code
                  : undefined,
              });
            } catch (error) {
              outcomes.push({
                kind,
                label,
                status: 0,
                problem: false,
                retryAfter: null,
                code: String(error),
              });
            }
          };
          const writer = async (
            person: HttpPerson,
            server: ServerProcess,
            kind: Outcome['kind'],
          ) => {
            while (writing) {
              await request(person, server.baseUrl, kind);
              await delay(20);
            }
          };
          const liveWrites = (async () => {
            let index = 0;
            while (writing)
              await socketWriter.submit(
                objectCreate(`Live ${index++}`),
                30_000,
              );
          })();
          const writers = [
            writer(ana, a, 'bulk'),
            writer(ana, b, 'bulk'),
            writer(ben, a, 'object'),
            writer(ben, b, 'object'),
          ];

          await delay(700);
          await pg.stop('fast');
          const stoppedAt = Date.now();
          const before = outcomes.length;
          let readyWhileDown: Awaited<ReturnType<typeof readiness>>;
          try {
            await delay(1500);
            readyWhileDown = await readiness(a);
          } finally {
            await pg.start();
          }
          const restartedAt = Date.now();
          const downMs = restartedAt - stoppedAt;
          // The pool recovers by itself: the same processes answer again.
          const recovered = await eventually(
            'a write to succeed on both instances',
            20_000,
            async () => {
              for (const server of servers) {
                const response = await fetch(
                  `${server.baseUrl}/api/v1/projects/${projectId}/model`,
                  {
                    headers: { cookie: ana.cookieHeader },
                  },
                );
                if (response.status !== 200) return null;
              }
              const lastOfEach = (['bulk', 'object'] as const).map((kind) =>
                outcomes.filter((outcome) => outcome.kind === kind).at(-1),
              );
              return lastOfEach.every(
                (outcome) => outcome && outcome.status < 300,
              )
                ? Date.now()
                : null;
            },
          );
          await delay(500);
          writing = false;
          await Promise.all([...writers, liveWrites]);

          const failed = outcomes.filter(
            (outcome) => outcome.status >= 300 || outcome.status === 0,
          );
          const clean = failed.filter(
            (outcome) =>
              outcome.status === 503 &&
              outcome.problem &&
              outcome.retryAfter !== null &&
              outcome.code === 'database_unavailable',
          );
          const unexpected = failed.filter(
            (outcome) => !clean.includes(outcome),
          );
          expect(servers.every((server) => server.running)).toBe(true);
          expect(readyWhileDown.status).toBe(503);
          expect(failed.length).toBeGreaterThan(0);
          expect(unexpected).toEqual([]);
          expect(outcomes.length).toBeGreaterThan(before);

          // What the database holds, read directly: every bulk change all there or not at all, every
          // acknowledged write there, and the rev counts the log.
          const roles = pg
            .sql(
              `SELECT data->>'name' FROM model_roles WHERE project_id = '${projectId}'`,
            )
            .split('\n')
            .filter(Boolean);
          const objects = new Set(
            pg
              .sql(
                `SELECT data->>'name' FROM model_objects WHERE project_id = '${projectId}'`,
              )
              .split('\n')
              .filter(Boolean),
          );
          const [rev, logged] = pg
            .sql(
              `SELECT rev, (SELECT count(*) FROM changes WHERE project_id = p.id) FROM projects p WHERE id = '${projectId}'`,
            )
            .trim()
            .split('|')
            .map(Number);
          const partial: string[] = [];
          let ambiguous = 0;
          for (const outcome of outcomes) {
            const ok = outcome.status === 200 || outcome.status === 201;
            if (outcome.kind === 'bulk') {
              const stored = roles.filter((name) =>
                name.startsWith(`${outcome.label}-`),
              ).length;
              if (stored !== 0 && stored !== 5)
                partial.push(`${outcome.label}: ${stored} of 5`);
              if (ok && stored !== 5)
                partial.push(
                  `${outcome.label}: acknowledged, ${stored} stored`,
                );
              if (!ok && stored === 5) ambiguous++;
            } else {
              if (ok && !objects.has(outcome.label))
                partial.push(`${outcome.label}: acknowledged, not stored`);
              if (!ok && objects.has(outcome.label)) ambiguous++;
            }
          }
          const liveLost = socketWriter.acked.filter(
            (acked) =>
              !pg
                .sql(
                  `SELECT 1 FROM model_objects WHERE id = '${acked.objectId}'`,
                )
                .trim(),
          );
          expect(partial).toEqual([]);
          expect(liveLost).toEqual([]);
          expect(rev).toBe(logged);
          expect(rev).toBe(roles.length + objects.size);
          await socketWriter.reaches(rev as number);
          console.log(
            `faults: PostgreSQL restarted (down ${downMs} ms) under ${outcomes.length} REST writes (half of them 5-role bulk changes) and ` +
              `${socketWriter.acked.length} live changes: ${failed.length} failed, all 503 problem+json with Retry-After (${unexpected.length} otherwise); ` +
              `readiness 503 while down; writes succeeded again ${recovered - restartedAt} ms after the restart with no api restart; ` +
              `${partial.length} partial or lost, ${ambiguous} committed but answered 503 (retry-safe: all or nothing); ` +
              `live client retried ${socketWriter.refusals.get('database_unavailable') ?? 0}×, all ${socketWriter.acked.length} stored; rev ${rev} = ${logged} log entries`,
          );
        }),
      60_000,
    );

    it(
      'kill -9 of one of two instances while clients stream: every acknowledged change is stored, the clients reconnect to the other one and converge',
      () =>
        withLogs(async () => {
          const [a, b] = servers as [ServerProcess, ServerProcess];
          const projectId = await workshop('Crash');
          const url = balancer?.url as string;
          const streamers = [
            live(url, ana, projectId),
            live(url, ben, projectId),
          ];
          const observer = live(b.baseUrl, ben, projectId);
          await Promise.all(
            [...streamers, observer].map((client) => client.ready()),
          );
          const PER_CLIENT = 30;
          const KILL_AFTER = 20;
          let killed: Promise<void> | undefined;
          const total = () =>
            streamers.reduce((sum, client) => sum + client.acked.length, 0);
          await Promise.all(
            streamers.map((client, index) =>
              client.stream(PER_CLIENT, `Streamed ${index}`, () => {
                if (!killed && total() >= KILL_AFTER) killed = a.kill();
              }),
            ),
          );
          await killed;
          expect(a.running).toBe(false);

          ben.baseUrl = b.baseUrl;
          const stored = await ben.call<ModelAnswer>(
            'GET',
            `/projects/${projectId}/model`,
          );
          const acked = streamers.flatMap((client) => client.acked);
          const lost = acked.filter(
            (change) => !(change.objectId in stored.model.objects),
          );
          expect(lost).toEqual([]);
          expect(Object.keys(stored.model.objects)).toHaveLength(
            2 * PER_CLIENT,
          );
          expect(stored.rev).toBe(2 * PER_CLIENT);
          expect(new Set(acked.map((change) => change.rev)).size).toBe(
            2 * PER_CLIENT,
          );
          for (const client of streamers)
            expect(client.reconnects).toBeGreaterThanOrEqual(1);
          for (const client of [...streamers, observer]) {
            await client.reaches(stored.rev);
            expect([...client.objects].sort()).toEqual(
              Object.keys(stored.model.objects).sort(),
            );
          }
          console.log(
            `faults: kill -9 of instance A after ${KILL_AFTER} of ${2 * PER_CLIENT} acknowledged changes from 2 streaming clients: ` +
              `${acked.length} acknowledged, ${acked.length - lost.length} stored, lost ${lost.length}, duplicated 0; ` +
              `reconnects ${streamers.map((client) => client.reconnects).join('+')} (to B through the balancer); 3 clients converged on rev ${stored.rev}`,
          );
        }),
      60_000,
    );
  },
);

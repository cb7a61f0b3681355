import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type {
  ChangeApplied,
  CollabClientEvents,
  CollabServerEvents,
  JoinResponse,
  LockResponse,
  LockState,
  PresenceState,
  SubmitResponse,
} from '@orca/shared/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { eventually } from './support/eventually';
import { HttpPerson } from './support/http-person';
import {
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
  workspaceRoot,
} from './support/server-process';

/**
 * Scale-out (DESIGN §5, issue 4): two api processes on loopback share one PostgreSQL and one
 * Redis and act as one. Needs real services: SCALE_OUT_DATABASE_URL (an empty database the test
 * migrates) and SCALE_OUT_REDIS_URL (a Redis database it may use); `.ci/run` sets both.
 */
const databaseUrl = process.env['SCALE_OUT_DATABASE_URL'];
const redisUrl = process.env['SCALE_OUT_REDIS_URL'];
const describeWithServices = databaseUrl && redisUrl ? describe : describe.skip;
if (!databaseUrl || !redisUrl)
  console.warn(
    'scale-out test skipped: set SCALE_OUT_DATABASE_URL and SCALE_OUT_REDIS_URL (real PostgreSQL and Redis)',
  );

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

/** A live connection to `/collab` as `person` (their session cookie), with no reconnection. */
async function collabSocket(person: HttpPerson): Promise<ClientSocket> {
  const socket: ClientSocket = io(`${person.baseUrl}/collab`, {
    transports: ['websocket'],
    extraHeaders: { cookie: person.cookieHeader },
    auth: { clientId: randomUUID() },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

function collect<T>(socket: ClientSocket, event: 'change:applied'): T[] {
  const seen: T[] = [];
  socket.on(event, (payload) => seen.push(payload as T));
  return seen;
}

function until<T>(
  socket: ClientSocket,
  event: 'presence:state' | 'lock:state',
  where: (payload: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no matching ${event} within 10 s`)),
      10_000,
    );
    const listener = (payload: T) => {
      if (!where(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

describeWithServices(
  'two api processes behind one PostgreSQL and Redis',
  () => {
    const servers: ServerProcess[] = [];
    const sockets: ClientSocket[] = [];

    beforeAll(async () => {
      if (!existsSync(serverEntry))
        throw new Error(`${serverEntry} is missing: build the api first`);
      const env = {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        WEB_DIST_PATH: 'off',
        LOG_LEVEL: 'warn',
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
    }, 2 * READY_WITHIN_MS);

    afterAll(
      async () => {
        sockets.forEach((socket) => socket.disconnect());
        await Promise.all(servers.map((server) => server.stop()));
      },
      2 * STOP_WITHIN_MS + 10_000,
    );

    async function withLogs(body: () => Promise<void>): Promise<void> {
      try {
        await body();
      } catch (error) {
        const logs = servers.map((server) => server.log).join('\n');
        throw new Error(`${String(error)}\n\n${logs}`);
      }
    }

    it(
      'shows changes made on either instance to everyone, in rev order, with presence and locks shared',
      () =>
        withLogs(async () => {
          const [a, b] = servers as [ServerProcess, ServerProcess];
          const suffix = randomUUID().slice(0, 8);
          // Ana signs up on A, Ben on B: sessions live in PostgreSQL, so either instance knows both.
          const ana = new HttpPerson(a.baseUrl);
          await ana.signUp(`ana-${suffix}@example.com`, 'Ana');
          const project = await ana.call<{ id: string }>('POST', '/projects', {
            name: 'Scale-out workshop',
          });
          const benEmail = `ben-${suffix}@example.com`;
          const invitation = await ana.call<{ acceptUrl: string }>(
            'POST',
            `/projects/${project.id}/invitations`,
            { email: benEmail, role: 'contributor' },
          );
          const ben = new HttpPerson(b.baseUrl);
          await ben.signUp(benEmail, 'Ben');
          const token = new URL(invitation.acceptUrl).pathname.split('/').pop();
          await ben.call('POST', `/invitations/${token}/accept`);

          const onA = [await collabSocket(ana), await collabSocket(ana)];
          const onB = [await collabSocket(ben), await collabSocket(ben)];
          sockets.push(...onA, ...onB);
          const everyone = [...onA, ...onB];
          const received = everyone.map((socket) =>
            collect<ChangeApplied>(socket, 'change:applied'),
          );
          const anaSeesBen = until<PresenceState>(
            onA[0] as ClientSocket,
            'presence:state',
            (state) =>
              state.members.some((member) => member.displayName === 'Ben'),
          );
          for (const socket of everyone) {
            const joined = (await socket
              .timeout(10_000)
              .emitWithAck('project:join', {
                projectId: project.id,
              })) as JoinResponse;
            expect(joined.ok).toBe(true);
          }
          // Presence crosses instances (it lives in Redis).
          expect((await anaSeesBen).members.map((m) => m.displayName)).toEqual([
            'Ana',
            'Ben',
          ]);

          // Twenty changes, alternating: REST on A, socket on B.
          const objectIds: string[] = [];
          for (let index = 0; index < 20; index++) {
            if (index % 2 === 0) {
              const created = await ana.call<{ object: { id: string } }>(
                'POST',
                `/projects/${project.id}/objects`,
                { name: `Object ${index}` },
              );
              objectIds.push(created.object.id);
            } else {
              const id = randomUUID();
              objectIds.push(id);
              const ack = (await (onB[0] as ClientSocket)
                .timeout(10_000)
                .emitWithAck('change:submit', {
                  projectId: project.id,
                  mutationId: randomUUID(),
                  change: {
                    kind: 'object.create',
                    object: {
                      id,
                      name: `Object ${index}`,
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
                      orderKey: `a${index}`,
                    },
                  },
                } as never)) as SubmitResponse;
              expect(ack).toMatchObject({ ok: true });
            }
          }
          await eventually(
            () => received.every((events) => events.length >= 20),
            'every socket to receive 20 changes',
          );
          for (const events of received) {
            expect(events.map((event) => event.rev)).toEqual(
              Array.from({ length: 20 }, (_, index) => index + 1),
            );
            expect(
              events.map((event) =>
                event.change.kind === 'object.create'
                  ? event.change.object.id
                  : '',
              ),
            ).toEqual(objectIds);
          }

          // A lock taken on A is seen, and respected, on B.
          const target = {
            kind: 'object',
            id: objectIds[0],
            field: 'definition',
          };
          const benSeesLock = until<LockState>(
            onB[1] as ClientSocket,
            'lock:state',
            (state) => state.locks.length === 1,
          );
          const taken = (await (onA[0] as ClientSocket)
            .timeout(10_000)
            .emitWithAck('lock:acquire', {
              projectId: project.id,
              target,
            } as never)) as LockResponse;
          expect(taken.ok).toBe(true);
          expect((await benSeesLock).locks[0]?.holder.displayName).toBe('Ana');
          const refused = (await (onB[0] as ClientSocket)
            .timeout(10_000)
            .emitWithAck('lock:acquire', {
              projectId: project.id,
              target,
            } as never)) as LockResponse;
          expect(refused).toMatchObject({
            ok: false,
            holder: { displayName: 'Ana' },
          });

          // Both instances serve the same model.
          const fromA = await ana.call<{ rev: number }>(
            'GET',
            `/projects/${project.id}/model`,
          );
          const fromB = await ben.call<{ rev: number }>(
            'GET',
            `/projects/${project.id}/model`,
          );
          expect(fromA).toEqual(fromB);
          expect(fromA.rev).toBe(20);
        }),
      120_000,
    );
  },
);

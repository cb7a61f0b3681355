import type {
  ChangeApplied,
  CollabClientEvents,
  CollabServerEvents,
  JoinResponse,
  SubmitResponse,
} from '@orca/shared/contracts';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { eventually as waitUntil } from './support/eventually';
import { HttpPerson } from './support/http-person';
import { nginxBinary, NginxProcess } from './support/nginx';
import {
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
  workspaceRoot,
} from './support/server-process';

/**
 * The topology the chart and docker-compose describe (issue 14), on loopback: Debian's nginx with
 * the repository's deploy/nginx.conf in front of two api processes, one PostgreSQL, one Redis,
 * and the web build as nginx's root. Everything a person's browser does goes through nginx.
 * Needs TOPOLOGY_DATABASE_URL (an empty database the test migrates), TOPOLOGY_REDIS_URL (a Redis
 * database it may use) and nginx; `.ci/run` provides all three. Outside CI a missing piece skips
 * the test with the reason; in CI it fails instead.
 */
const databaseUrl = process.env['TOPOLOGY_DATABASE_URL'];
const redisUrl = process.env['TOPOLOGY_REDIS_URL'];
const webRoot = join(workspaceRoot, 'dist/apps/web/browser');
const missing = [
  ...(databaseUrl && redisUrl
    ? []
    : [
        'TOPOLOGY_DATABASE_URL and TOPOLOGY_REDIS_URL (real PostgreSQL and Redis)',
      ]),
  ...(existsSync(nginxBinary)
    ? []
    : [`nginx at ${nginxBinary} (apt-get install nginx, or NGINX_BIN)`]),
];
const inCi = Boolean(process.env['CI']) && process.env['CI'] !== 'false';
const describeTopology = missing.length && !inCi ? describe.skip : describe;
if (missing.length && !inCi)
  console.warn(`topology test skipped: needs ${missing.join('; ')}`);

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

const METRICS_TOKEN = `topology-spec-${randomUUID()}`;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET as a browser sends it, with the body exactly as it came over the wire. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

async function collabSocket(
  baseUrl: string,
  person: HttpPerson,
): Promise<ClientSocket> {
  const socket: ClientSocket = io(`${baseUrl}/collab`, {
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

function newObject(name: string, orderKey: string) {
  return {
    id: randomUUID(),
    name,
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

/** The topology's waits are 10 s each. */
const eventually = (check: () => boolean | Promise<boolean>, what: string) =>
  waitUntil(check, what, 10_000);

describeTopology(
  'nginx (deploy/nginx.conf) in front of two api processes',
  () => {
    const servers: ServerProcess[] = [];
    const sockets: ClientSocket[] = [];
    let nginx: NginxProcess | undefined;

    /** Sockets each instance holds, from its own /metrics (which nginx never routes). */
    async function socketsPerInstance(): Promise<number[]> {
      return Promise.all(
        servers.map(async (server) => {
          const response = await fetch(`${server.baseUrl}/metrics`, {
            headers: { authorization: `Bearer ${METRICS_TOKEN}` },
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          const value = /^orca_collab_sockets(?:\{[^}]*\})? (\d+)$/m.exec(
            text,
          )?.[1];
          if (value === undefined)
            throw new Error(
              `no orca_collab_sockets in /metrics of ${server.label}`,
            );
          return Number(value);
        }),
      );
    }

    beforeAll(async () => {
      if (missing.length)
        throw new Error(
          `CI must run the topology test; it needs ${missing.join('; ')}`,
        );
      if (!existsSync(serverEntry))
        throw new Error(`${serverEntry} is missing: build the api first`);
      if (!existsSync(join(webRoot, 'index.html')))
        throw new Error(
          `${webRoot}/index.html is missing: build the web app first`,
        );
      const env = {
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        // nginx serves the web build; the api only answers /api, /socket.io and /metrics.
        WEB_DIST_PATH: 'off',
        TRUST_PROXY: '1',
        METRICS_TOKEN,
        LOG_LEVEL: 'warn',
      };
      execFileSync(process.execPath, [serverEntry, 'migrate'], {
        cwd: workspaceRoot,
        env: { ...process.env, ...env },
        stdio: 'inherit',
      });
      for (const label of ['api A', 'api B']) {
        const server = new ServerProcess(env, label);
        servers.push(server);
        await server.start();
      }
      await Promise.all(servers.map((server) => server.waitUntilReady()));
      nginx = new NginxProcess(
        servers.map((server) => new URL(server.baseUrl).host),
        webRoot,
      );
      await nginx.start();
    }, 2 * READY_WITHIN_MS);

    afterAll(
      async () => {
        sockets.forEach((socket) => socket.disconnect());
        await nginx?.stop();
        await Promise.all(servers.map((server) => server.stop()));
      },
      2 * STOP_WITHIN_MS + 10_000,
    );

    async function withLogs(body: () => Promise<void>): Promise<void> {
      try {
        await body();
      } catch (error) {
        const logs = [
          nginx?.log ?? '',
          ...servers.map((server) => server.log),
        ].join('\n');
        throw new Error(`${String(error)}\n\n${logs}`);
      }
    }

    it('serves the web build precompressed (gzip_static), caches hashed bundles, and never routes /metrics', () =>
      withLogs(async () => {
        const base = (nginx as NginxProcess).baseUrl;
        const bundle = readdirSync(webRoot).find((file) =>
          /^main-.*\.js$/.test(file),
        );
        if (!bundle) throw new Error(`no main-*.js in ${webRoot}`);
        if (!existsSync(join(webRoot, `${bundle}.gz`)))
          throw new Error(
            `${bundle}.gz is missing: run \`npx nx run web:precompress\` (CI's build step does)`,
          );

        const gzipped = await rawGet(`${base}/${bundle}`, {
          'accept-encoding': 'gzip, deflate, br',
        });
        expect(gzipped.status).toBe(200);
        expect(gzipped.headers['content-encoding']).toBe('gzip');
        expect(gzipped.headers['vary']).toMatch(/Accept-Encoding/i);
        expect(gzipped.headers['cache-control']).toBe(
          'public, max-age=31536000, immutable',
        );
        // Byte for byte the build's level-9 file, not nginx compressing on the fly.
        expect(
          gzipped.body.equals(readFileSync(join(webRoot, `${bundle}.gz`))),
        ).toBe(true);

        const plain = await rawGet(`${base}/${bundle}`);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body.equals(readFileSync(join(webRoot, bundle)))).toBe(
          true,
        );

        // A client-side route is the Angular shell, never cached.
        const route = await rawGet(`${base}/projects/${randomUUID()}`);
        expect(route.status).toBe(200);
        expect(route.headers['cache-control']).toBe('no-cache');
        expect(route.body.toString('utf8')).toContain('<app-root');

        // /metrics is scraped per instance, never through the edge: here it is the shell too.
        const metrics = await rawGet(`${base}/metrics`, {
          authorization: `Bearer ${METRICS_TOKEN}`,
        });
        expect(metrics.body.toString('utf8')).not.toContain(
          'orca_collab_sockets',
        );

        // The edge gives every API request an id, and the api answers it back.
        const health = await rawGet(`${base}/api/health/ready`);
        expect(health.status).toBe(200);
        expect(health.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      }));

    it('carries a change made by REST or by socket to a person on the other api process, all through nginx', () =>
      withLogs(async () => {
        const base = (nginx as NginxProcess).baseUrl;
        const suffix = randomUUID().slice(0, 8);
        const ana = new HttpPerson(base);
        await ana.signUp(`ana-${suffix}@example.com`, 'Ana');
        const project = await ana.call<{ id: string }>('POST', '/projects', {
          name: 'Topology workshop',
        });
        const benEmail = `ben-${suffix}@example.com`;
        const invitation = await ana.call<{ acceptUrl: string }>(
          'POST',
          `/projects/${project.id}/invitations`,
          {
            email: benEmail,
            role: 'contributor',
          },
        );
        const ben = new HttpPerson(base);
        await ben.signUp(benEmail, 'Ben');
        const token = new URL(invitation.acceptUrl).pathname.split('/').pop();
        await ben.call('POST', `/invitations/${token}/accept`);
        await ben.call('GET', `/projects/${project.id}`);

        // nginx balances round-robin; each instance's own socket count says where a client landed.
        const anaSocket = await collabSocket(base, ana);
        sockets.push(anaSocket);
        await eventually(
          async () =>
            (await socketsPerInstance()).reduce((a, b) => a + b) === 1,
          "Ana's socket to count",
        );
        const anaOn = (await socketsPerInstance()).indexOf(1);
        let benSocket: ClientSocket | undefined;
        for (let attempt = 0; attempt < 10 && !benSocket; attempt++) {
          const candidate = await collabSocket(base, ben);
          await eventually(
            async () =>
              (await socketsPerInstance()).reduce((a, b) => a + b) === 2,
            "Ben's socket to count",
          );
          if ((await socketsPerInstance())[anaOn] === 1) benSocket = candidate;
          else {
            candidate.disconnect();
            await eventually(
              async () =>
                (await socketsPerInstance()).reduce((a, b) => a + b) === 1,
              'a socket to close',
            );
          }
        }
        if (!benSocket)
          throw new Error(
            'nginx sent every one of ten sockets to the same api process',
          );
        sockets.push(benSocket);
        expect((await socketsPerInstance()).sort()).toEqual([1, 1]);

        const seenByAna: ChangeApplied[] = [];
        const seenByBen: ChangeApplied[] = [];
        anaSocket.on('change:applied', (event) => seenByAna.push(event));
        benSocket.on('change:applied', (event) => seenByBen.push(event));
        for (const socket of [anaSocket, benSocket]) {
          const joined = (await socket
            .timeout(10_000)
            .emitWithAck('project:join', {
              projectId: project.id,
            })) as JoinResponse;
          expect(joined.ok).toBe(true);
        }

        // Ana writes over REST (through nginx to whichever instance), Ben over his socket.
        const created = await ana.call<{ object: { id: string } }>(
          'POST',
          `/projects/${project.id}/objects`,
          {
            name: 'Booking',
          },
        );
        const bensObject = newObject('Guest', 'a1');
        const ack = (await benSocket
          .timeout(10_000)
          .emitWithAck('change:submit', {
            projectId: project.id,
            mutationId: randomUUID(),
            change: { kind: 'object.create', object: bensObject },
          } as never)) as SubmitResponse;
        expect(ack).toMatchObject({ ok: true });

        await eventually(
          () => seenByAna.length >= 2 && seenByBen.length >= 2,
          'both people to see both changes',
        );
        for (const seen of [seenByAna, seenByBen]) {
          expect(seen.map((event) => event.rev)).toEqual([1, 2]);
          expect(
            seen.map((event) =>
              event.change.kind === 'object.create'
                ? event.change.object.id
                : '',
            ),
          ).toEqual([created.object.id, bensObject.id]);
        }
        const read = await ben.call<{
          rev: number;
          model: { objects: { name: string }[] };
        }>('GET', `/projects/${project.id}/model`);
        expect(read.rev).toBe(2);
        expect(
          Object.values(read.model.objects)
            .map((object) => object.name)
            .sort(),
        ).toEqual(['Booking', 'Guest']);
      }));
  },
);

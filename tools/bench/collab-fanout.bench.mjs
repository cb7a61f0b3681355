// Live-collaboration fan-out: the time from a write (REST `POST /changes` or socket
// `change:submit`) to its `change:applied` at every subscriber of the project, p50/p95/p99 over all
// (write, subscriber) pairs, for N = 10, 100, 500 sockets in one project and 2,000 sockets over
// 100 projects; the floor is a bare Socket.IO server (bare-socketio-server.mjs) broadcasting an
// event of the same size to the same clients, measured the same way. Also the api's RSS with 0 and
// with 2,000 connected clients. Numbers, not assertions: targets are printed with PASS/MISS.
//
// Usage: npx nx run api:bench-collab
//    or: npx nx run api:build && node tools/bench/collab-fanout.bench.mjs [options]
//   --writes 200        measured writes per run (after --warmup 20 unmeasured ones)
//   --interval 40       ms between writes (open loop: a write does not wait for the previous one;
//                       w/s below the offered 1000/interval means the target could not keep up)
//   --sizes 10,100,500  subscribers in one project;  --spread 2000/100  clients/projects (0 = skip)
//   --pg postgres://postgres@127.0.0.1:5432   a fresh database orca_bench_<timestamp> is created
//                                              there, migrated, and dropped at the end
//   --redis redis://127.0.0.1:6379/2          FLUSHDB at start and end: use an index nobody uses
//   --embedded          no PostgreSQL/Redis: embedded PGlite and the in-memory Socket.IO adapter
//   --budget 270        seconds; later scenarios are skipped once over, and everything stops at +90
// Loopback only. Clean-up (sockets, child processes, database, Redis index) runs on failure too.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { generateModel } from './generate-model.mjs';
import {
  freePort,
  request,
  row as resultRow,
  startServer,
  writeRows,
} from './lib.mjs';

const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'dist/apps/api/main.js');

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument ${argv[i]}`);
    const [, key, inline] = match;
    if (inline !== undefined) parsed[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
      parsed[key] = argv[++i];
    else parsed[key] = true;
  }
  return parsed;
}
const args = parseArgs(process.argv.slice(2));
const writes = Number(args.writes ?? 200);
const warmup = Number(args.warmup ?? 20);
const interval = Number(args.interval ?? 40);
const budgetMs = Number(args.budget ?? 270) * 1000;
const embedded = args.embedded === true || args.embedded === 'true';
const pgUrl = String(args.pg ?? 'postgres://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const redisUrl = String(args.redis ?? 'redis://127.0.0.1:6379/2');
const sizes = String(args.sizes ?? '10,100,500')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const [spreadClients, spreadProjects] = String(args.spread ?? '2000/100')
  .split('/')
  .map(Number);
const scenarios = [
  ...sizes.map((n) => ({
    key: `N=${n}`,
    label: `N=${n}, 1 project`,
    projects: 1,
    perProject: n,
  })),
  ...(spreadClients > 0 && spreadProjects > 0
    ? [
        {
          key: `N=${spreadClients}/${spreadProjects}`,
          label: `${spreadClients} over ${spreadProjects} projects`,
          projects: spreadProjects,
          perProject: Math.round(spreadClients / spreadProjects),
          memory: true,
        },
      ]
    : []),
];
const CONNECT_BATCH = 100;
const SOCKET_TIMEOUT_MS = 60_000;
const DRAIN_MS = 15_000;

if (!existsSync(main)) {
  console.error(
    'dist/apps/api/main.js is missing: run `npx nx run api:build` first (or `npx nx run api:bench-collab`).',
  );
  process.exit(1);
}

const startedAt = Date.now();
const deadline = startedAt + budgetMs;
const log = (message) =>
  console.error(
    `[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`,
  );

// ---------------------------------------------------------------- clean-up, even on failure
const work = mkdtempSync(join(tmpdir(), 'orca-bench-collab-'));
const children = [];
const liveSockets = new Set();
// Keep-alive HTTP connections for the REST writes; a fresh pool per run (see measure), so that no
// connection idles past a server's keep-alive timeout between runs (a reused, just-closed
// connection would fail a write with ECONNRESET).
let agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let database = null; // { name, adminUrl }
let cleaning = null;

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function cleanup() {
  cleaning ??= (async () => {
    for (const socket of liveSockets) socket.close();
    liveSockets.clear();
    agent.destroy();
    await Promise.all(children.map(stopChild));
    if (database) {
      const admin = new pg.Client({ connectionString: database.adminUrl });
      try {
        await admin.connect();
        await admin.query(
          `DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`,
        );
        log(`dropped database ${database.name}`);
      } catch (error) {
        console.error(`could not drop database ${database.name}: ${error}`);
      } finally {
        await admin.end().catch(() => undefined);
      }
    }
    if (!embedded) await flushRedis().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
const hardStop = setTimeout(() => {
  console.error('hard time limit reached: stopping');
  void cleanup().finally(() => process.exit(3));
}, budgetMs + 90_000);
hardStop.unref();

async function flushRedis() {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------- helpers
function run(command, commandArgs, env) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, commandArgs, {
      env,
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolveRun(output)
        : reject(
            new Error(
              `${commandArgs.join(' ')} exited ${code}:\n${output.slice(-4000)}`,
            ),
          ),
    );
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process, in MB (10^6 bytes), from /proc. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const read = (field) =>
      (Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) * 1024) /
      1e6;
    return { rss: read('VmRSS'), peak: read('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ];

function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

async function json(response, expected, what) {
  if (response.status !== expected)
    throw new Error(
      `${what}: HTTP ${response.status} ${response.body.toString('utf8').slice(0, 500)}`,
    );
  return JSON.parse(response.body.toString('utf8'));
}

// ---------------------------------------------------------------- deliveries
/** mutationId → { t0, expected, received, measured } for the writes of the current run. */
const inflight = new Map();
/** Every write renames to a name never used before, so each one commits (and is broadcast). */
let writeSeq = 1;
const unexpectedDisconnects = { count: 0 };

function onApplied(event) {
  const receivedAt = performance.now();
  const write = inflight.get(event?.mutationId);
  if (!write) return;
  write.received++;
  if (write.measured) write.latencies.push(receivedAt - write.t0);
}

function connectOne(url, auth, projectId) {
  return new Promise((resolveSocket, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: SOCKET_TIMEOUT_MS,
      ackTimeout: SOCKET_TIMEOUT_MS,
      auth,
    });
    liveSockets.add(socket);
    const client = { socket, projectId, rev: 0 };
    socket.on('change:applied', (event) => {
      onApplied(event);
      // The rev this client holds: a writer sends it as its change's baseRev, like a real client.
      if (typeof event?.rev === 'number' && event.rev > client.rev)
        client.rev = event.rev;
    });
    socket.on('disconnect', (reason) => {
      liveSockets.delete(socket);
      if (reason !== 'io client disconnect') unexpectedDisconnects.count++;
    });
    socket.once('connect_error', (error) => {
      liveSockets.delete(socket);
      socket.close();
      reject(new Error(`connect ${url}: ${error.message}`));
    });
    socket.once('connect', () => {
      socket
        .timeout(SOCKET_TIMEOUT_MS)
        .emitWithAck('project:join', { projectId })
        .then((ack) => {
          if (!ack?.ok)
            throw new Error(`project:join refused: ${JSON.stringify(ack)}`);
          client.rev = Math.max(client.rev, ack.rev ?? 0);
          resolveSocket(client);
        })
        .catch((error) => {
          socket.close();
          reject(error);
        });
    });
  });
}

/** Connects `perProject` sockets to each project, in batches; the first of each group writes. */
async function connectClients(url, authFor, projectIds, perProject) {
  const specs = projectIds.flatMap((projectId) =>
    Array.from({ length: perProject }, () => projectId),
  );
  const clients = [];
  for (let start = 0; start < specs.length; start += CONNECT_BATCH) {
    clients.push(
      ...(await Promise.all(
        specs
          .slice(start, start + CONNECT_BATCH)
          .map((projectId) => connectOne(url, authFor(), projectId)),
      )),
    );
  }
  const groups = new Map();
  for (const client of clients) {
    const group = groups.get(client.projectId) ?? {
      projectId: client.projectId,
      writer: client,
      count: 0,
    };
    group.count++;
    groups.set(client.projectId, group);
  }
  return { clients, groups };
}

async function disconnectClients({ clients }) {
  for (const { socket } of clients) socket.close();
  await sleep(500);
}

/**
 * Paced open-loop writes, round-robin over the groups: t0 is taken just before the request/emit,
 * each subscriber's receive time in its `change:applied` listener (same clock).
 */
async function measure(
  groups,
  send,
  pid,
  { unmeasured = warmup, measured = writes, every = interval } = {},
) {
  const total = unmeasured + measured;
  const order = [...groups.values()];
  const runWrites = [];
  const pendingSends = [];
  const ackTimes = [];
  let failures = 0;
  let lastAck = 0;
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const serverCpu = cpuSecondsOf(pid);
  const ownCpu = process.cpuUsage();
  const begin = performance.now();
  for (let i = 0; i < total; i++) {
    const due = begin + i * every;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const group = order[i % order.length];
    const write = {
      mutationId: `bench-${randomUUID()}`,
      t0: 0,
      expected: group.count,
      received: 0,
      measured: i >= unmeasured,
      latencies: [],
      failed: false,
    };
    inflight.set(write.mutationId, write);
    if (write.measured) runWrites.push(write);
    write.t0 = performance.now();
    pendingSends.push(
      send(group, write.mutationId, writeSeq++).then(
        () => {
          const now = performance.now();
          if (write.measured) {
            ackTimes.push(now - write.t0);
            lastAck = Math.max(lastAck, now);
          }
        },
        (error) => {
          write.failed = true;
          if (write.measured) failures++;
          if (failures < 3) log(`  write failed: ${error.message}`);
        },
      ),
    );
  }
  await Promise.all(pendingSends);
  const drainUntil = performance.now() + DRAIN_MS;
  while (
    performance.now() < drainUntil &&
    runWrites.some((w) => !w.failed && w.received < w.expected)
  )
    await sleep(20);
  const firstMeasured = runWrites[0]?.t0 ?? begin;
  const latencies = runWrites.flatMap((w) => w.latencies);
  const result = {
    writes: runWrites.length,
    failures,
    missing: runWrites.reduce(
      (sum, w) => sum + Math.max(0, w.expected - w.received),
      0,
    ),
    writesPerSecond:
      lastAck > firstMeasured
        ? (runWrites.length - failures) / ((lastAck - firstMeasured) / 1000)
        : NaN,
    ack: summarize(ackTimes),
    delivery: summarize(latencies),
    // CPU per write (warm-up included) of the server and of this load generator, in ms.
    serverCpuPerWrite: ((cpuSecondsOf(pid) - serverCpu) * 1000) / total,
    generatorCpuPerWrite:
      Object.values(process.cpuUsage(ownCpu)).reduce((a, b) => a + b, 0) /
      1000 /
      total,
  };
  inflight.clear();
  return result;
}

// ---------------------------------------------------------------- the run
const results = [];
const memory = {};
let eventBytes = NaN;
let floorEventBytes = NaN;

try {
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    WEB_DIST_PATH: 'off',
  };
  delete env.SMTP_URL;
  if (embedded) {
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.DATA_DIR = 'memory://bench-collab';
  } else {
    const name = `orca_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${pgUrl}/postgres` });
    await admin.connect();
    try {
      const [{ synchronous_commit: syncCommit }] = (
        await admin.query('SHOW synchronous_commit')
      ).rows;
      await admin.query(`CREATE DATABASE "${name}"`);
      database = { name, adminUrl: `${pgUrl}/postgres` };
      log(`created database ${name} (synchronous_commit=${syncCommit})`);
    } finally {
      await admin.end();
    }
    await flushRedis();
    log(`flushed ${redisUrl}`);
    env.DATABASE_URL = `${pgUrl}/${name}`;
    env.REDIS_URL = redisUrl;
    await run('node', [main, 'migrate'], env);
    log('migrated');
  }

  const server = await startServer('node', [main], {
    env,
    cwd: root,
    ready: async () =>
      (await request(`${api}/api/health/ready`)).status === 200,
  });
  children.push(server.child);
  const apiPid = server.child.pid;
  log(
    `api up (pid ${apiPid}, ${embedded ? 'embedded PGlite, in-memory adapter' : 'PostgreSQL + Redis'})`,
  );

  // A user, a personal API token, and the projects (each with a small imported model).
  const signup = await request(`${api}/api/v1/auth/register`, {
    method: 'POST',
    body: {
      email: `bench-collab-${Date.now()}@example.com`,
      password: 'benchmarks are honest',
      displayName: 'Bench',
    },
  });
  if (signup.status !== 201 && signup.status !== 200)
    throw new Error(`register: HTTP ${signup.status} ${signup.body}`);
  const cookies = []
    .concat(signup.headers['set-cookie'] ?? [])
    .map((cookie) => cookie.split(';')[0]);
  const xsrf = decodeURIComponent(
    cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '',
  );
  const created = await json(
    await request(`${api}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { cookie: cookies.join('; '), 'x-xsrf-token': xsrf },
      body: { name: 'collab fan-out bench' },
    }),
    201,
    'create token',
  );
  const token = created.token;
  const bearer = { authorization: `Bearer ${token}` };

  const projectCount = Math.max(...scenarios.map((s) => s.projects));
  const projects = [];
  const document = generateModel({
    objects: 2,
    roles: 1,
    attributesPerObject: 2,
    ctasPerObject: 2,
    fanOut: 1,
  });
  for (let p = 0; p < projectCount; p++) {
    const project = await json(
      await request(`${api}/api/v1/projects/import`, {
        method: 'POST',
        headers: bearer,
        body: {
          ...document,
          project: { ...document.project, name: `Bench ${p + 1}` },
        },
      }),
      201,
      'import',
    );
    const { model } = await json(
      await request(`${api}/api/v1/projects/${project.id}/model`, {
        headers: bearer,
      }),
      200,
      'model',
    );
    projects.push({ id: project.id, objectId: Object.keys(model.objects)[0] });
  }
  const objectOf = new Map(projects.map((p) => [p.id, p.objectId]));
  log(`${projects.length} projects imported`);
  const change = (projectId, seq) => ({
    kind: 'object.update',
    id: objectOf.get(projectId),
    patch: { name: `Renamed ${String(seq).padStart(6, '0')}` },
  });

  await sleep(1000);
  memory.apiIdle = memoryOf(apiPid);

  // A real change:applied, the template (and size) of the floor's broadcast.
  const collabUrl = `${api}/collab`;
  const probe = await connectOne(
    collabUrl,
    { token, clientId: randomUUID() },
    projects[0].id,
  );
  const captured = new Promise((resolveEvent) =>
    probe.socket.once('change:applied', (event) => resolveEvent(event)),
  );
  await json(
    await request(`${api}/api/v1/projects/${projects[0].id}/changes`, {
      method: 'POST',
      headers: bearer,
      agent,
      body: { change: change(projects[0].id, 0), mutationId: randomUUID() },
    }),
    200,
    'probe change',
  );
  const template = await Promise.race([
    captured,
    sleep(10_000).then(() => {
      throw new Error('no change:applied within 10 s of a REST write');
    }),
  ]);
  probe.socket.close();
  eventBytes = Buffer.byteLength(JSON.stringify(template));
  floorEventBytes = Buffer.byteLength(
    JSON.stringify({
      ...template,
      mutationId: `bench-${randomUUID()}`,
      createdAt: new Date().toISOString(),
    }),
  );
  const templateFile = join(work, 'change-applied.json');
  writeFileSync(templateFile, JSON.stringify(template));

  const barePort = await freePort();
  const bare = await startServer(
    'node',
    [
      join(root, 'tools/bench/bare-socketio-server.mjs'),
      templateFile,
      String(barePort),
    ],
    {
      env: process.env,
      cwd: root,
      ready: async () =>
        (await request(`http://127.0.0.1:${barePort}/ready`)).status === 200,
    },
  );
  children.push(bare.child);
  const bareUrl = `http://127.0.0.1:${barePort}`;
  log(
    `bare Socket.IO server up (pid ${bare.child.pid}); change:applied is ${eventBytes} bytes of JSON`,
  );

  const targets = {
    api: {
      url: collabUrl,
      auth: () => ({ token, clientId: randomUUID() }),
      rest: (group, mutationId, seq) =>
        request(`${api}/api/v1/projects/${group.projectId}/changes`, {
          method: 'POST',
          headers: bearer,
          agent,
          body: { change: change(group.projectId, seq), mutationId },
        }).then((response) => {
          if (response.status !== 200)
            throw new Error(
              `HTTP ${response.status} ${response.body.toString('utf8').slice(0, 300)}`,
            );
        }),
    },
    floor: {
      url: `${bareUrl}/collab`,
      auth: () => ({}),
      rest: (group, mutationId, seq) =>
        request(`${bareUrl}/broadcast`, {
          method: 'POST',
          agent,
          body: {
            projectId: group.projectId,
            mutationId,
            change: change(group.projectId, seq),
          },
        }).then((response) => {
          if (response.status !== 200)
            throw new Error(`HTTP ${response.status}`);
        }),
    },
  };
  const socketSend = (group, mutationId, seq) =>
    group.writer.socket
      .timeout(SOCKET_TIMEOUT_MS)
      .emitWithAck('change:submit', {
        projectId: group.projectId,
        mutationId,
        baseRev: group.writer.rev,
        change: change(group.projectId, seq),
      })
      .then((ack) => {
        if (!ack?.ok) throw new Error(`nack ${JSON.stringify(ack)}`);
        group.writer.rev = Math.max(group.writer.rev, ack.rev ?? 0);
      });

  // Warm both servers up (JIT, connection pools) on both write paths before anything is measured.
  for (const which of ['api', 'floor']) {
    const warm = await connectClients(
      targets[which].url,
      targets[which].auth,
      projects.slice(0, 10).map((p) => p.id),
      2,
    );
    try {
      for (const send of [targets[which].rest, socketSend])
        await measure(
          warm.groups,
          send,
          which === 'api' ? apiPid : bare.child.pid,
          {
            unmeasured: 120,
            measured: 0,
            every: 15,
          },
        );
    } finally {
      await disconnectClients(warm);
    }
  }
  log('warmed up (120 REST and 120 socket writes on each server)');

  // Per scenario: the same number of sockets on the api and on the floor, both connected at once;
  // then api REST, floor REST, api socket, floor socket, back to back, so that both see the same
  // (shared, noisy) machine.
  for (const scenario of scenarios) {
    if (Date.now() > deadline) {
      log(`time budget spent: skipping ${scenario.label}`);
      continue;
    }
    const connected = {};
    const pids = { api: apiPid, floor: bare.child.pid };
    const peaks = { api: 0, floor: 0 };
    let sampler = null;
    try {
      for (const which of ['api', 'floor']) {
        const connectStarted = performance.now();
        connected[which] = await connectClients(
          targets[which].url,
          targets[which].auth,
          projects.slice(0, scenario.projects).map((p) => p.id),
          scenario.perProject,
        );
        const connectSeconds = (performance.now() - connectStarted) / 1000;
        log(
          `${scenario.label} · ${which}: ${connected[which].clients.length} sockets connected and joined in ${connectSeconds.toFixed(1)} s`,
        );
        if (scenario.memory) {
          await sleep(1000);
          memory[`${which}Connected`] = memoryOf(pids[which]);
          memory[`${which}ConnectSeconds`] = connectSeconds;
        }
      }
      if (scenario.memory)
        sampler = setInterval(() => {
          for (const which of ['api', 'floor'])
            peaks[which] = Math.max(peaks[which], memoryOf(pids[which]).rss);
        }, 250);
      for (const path of ['REST', 'socket']) {
        for (const which of ['api', 'floor']) {
          const send = path === 'REST' ? targets[which].rest : socketSend;
          const result = await measure(
            connected[which].groups,
            send,
            pids[which],
          );
          results.push({
            scenario,
            path,
            which,
            clients: connected[which].clients.length,
            ...result,
          });
          log(
            `  ${path.padEnd(6)} ${which.padEnd(5)} p50 ${result.delivery.p50.toFixed(1)} p99 ${result.delivery.p99.toFixed(1)} ms, ${result.delivery.count} deliveries, ${result.missing} missing, ${result.writesPerSecond.toFixed(0)} w/s`,
          );
        }
      }
    } finally {
      if (sampler) {
        clearInterval(sampler);
        memory.apiPeakDuringWrites = peaks.api;
      }
      for (const which of ['api', 'floor'])
        if (connected[which]) await disconnectClients(connected[which]);
    }
  }
  await sleep(2000);
  memory.apiAfter = memoryOf(apiPid);

  // ---------------------------------------------------------------- report
  const f = (value, digits = 1) =>
    Number.isFinite(value) ? value.toFixed(digits) : '–';
  const columns = [
    ['scenario', 22],
    ['path', 6],
    ['server', 6],
    ['writes', 6],
    ['w/s', 6],
    ['recv', 7],
    ['miss', 5],
    ['ack50', 6],
    ['ack99', 6],
    ['p50', 6],
    ['p95', 6],
    ['p99', 6],
    ['max', 6],
    ['p99/floor', 9],
    ['cpu/w', 6],
    ['gen/w', 6],
  ];
  const line = (cells) =>
    cells
      .map((cell, i) =>
        i < 3
          ? String(cell).padEnd(columns[i][1])
          : String(cell).padStart(columns[i][1]),
      )
      .join(' ');
  const floorOf = (r) =>
    results.find(
      (o) =>
        o.scenario === r.scenario && o.path === r.path && o.which === 'floor',
    );
  const ratioOf = (r) => {
    const floor = floorOf(r);
    return floor ? r.delivery.p99 / floor.delivery.p99 : NaN;
  };
  console.log(
    `\nchange:applied fan-out — ${embedded ? 'embedded PGlite, in-memory Socket.IO adapter' : 'PostgreSQL (durable commits) + Redis streams adapter'}; ` +
      `${writes} measured writes per run after ${warmup} warm-up, one every ${interval} ms (open loop); ` +
      `event ${eventBytes} B JSON (floor ${floorEventBytes} B). Times in ms; ack = write → HTTP response / socket ack; ` +
      `p50/p95/p99/max over all (write, subscriber) pairs; w/s achieved (offered ${f(1000 / interval, 0)}, '!' = fell behind); cpu/w = server CPU ms per write, gen/w = this load generator's.\n`,
  );
  console.log(line(columns.map(([name]) => name)));
  for (const r of results) {
    console.log(
      line([
        r.scenario.label,
        r.path,
        r.which,
        r.writes - r.failures,
        // '!' marks a target that fell behind the offered rate (its queue grew during the run).
        `${r.writesPerSecond < 0.9 * (1000 / interval) ? '!' : ''}${f(r.writesPerSecond, 0)}`,
        r.delivery.count,
        r.missing,
        f(r.ack.p50),
        f(r.ack.p99),
        f(r.delivery.p50),
        f(r.delivery.p95),
        f(r.delivery.p99),
        f(r.delivery.max),
        r.which === 'api' ? `${f(ratioOf(r), 2)}×` : '',
        f(r.serverCpuPerWrite),
        f(r.generatorCpuPerWrite),
      ]),
    );
  }
  const mb = (value) => `${f(value, 0)} MB`;
  console.log(
    `\napi RSS: ${mb(memory.apiIdle?.rss)} with 0 clients (after setup); ` +
      `${mb(memory.apiConnected?.rss)} with ${spreadClients} clients connected and joined ` +
      `(connect+join took ${f(memory.apiConnectSeconds)} s); peak ${mb(memory.apiPeakDuringWrites)} during their writes; ` +
      `${mb(memory.apiAfter?.rss)} after all disconnected; VmHWM ${mb(memory.apiAfter?.peak)}. ` +
      `Floor server RSS with ${spreadClients} clients: ${mb(memory.floorConnected?.rss)}.`,
  );
  if (unexpectedDisconnects.count > 0)
    console.log(`unexpected disconnects: ${unexpectedDisconnects.count}`);

  const verdict = (ok) => (ok === null ? '–' : ok ? 'PASS' : 'MISS');
  const find = (key, path) =>
    results.find(
      (r) => r.scenario.key === key && r.path === path && r.which === 'api',
    );
  console.log('\ntargets (issue 4, "Speed"):');
  for (const path of ['REST', 'socket']) {
    const r = find('N=100', path);
    const p99 = r?.delivery.p99;
    console.log(
      `  p99 ≤ 25 ms at N = 100, ${path.padEnd(6)}: ${f(p99).padStart(7)} ms   ${verdict(r && r.missing === 0 ? p99 <= 25 : r ? false : null)}`,
    );
  }
  for (const path of ['REST', 'socket']) {
    const r = find('N=500', path);
    const ratio = r ? ratioOf(r) : NaN;
    console.log(
      `  p99 ≤ 2× floor at N = 500, ${path.padEnd(6)}: ${f(ratio, 2).padStart(6)}×   ${verdict(r && Number.isFinite(ratio) ? r.missing === 0 && ratio <= 2 : null)}` +
        (r
          ? `  (${f(r.delivery.p99)} vs ${f(floorOf(r)?.delivery.p99)} ms)`
          : ''),
    );
  }
  const connectedRss = memory.apiConnected?.rss;
  const worstRss = Math.max(
    ...[connectedRss, memory.apiPeakDuringWrites].filter(Number.isFinite),
  );
  console.log(
    `  ${spreadClients} clients under 500 MB RSS: ${f(connectedRss, 0)} MB connected, ${f(worstRss, 0)} MB peak while writing   ` +
      verdict(Number.isFinite(worstRss) ? worstRss < 500 : null),
  );
  console.log(
    `\n(load generator, api and floor share this machine's CPUs: compare ratios; ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all)`,
  );
  const fanoutRows = [];
  for (const [key, path, target] of [
    ['N=100', 'REST', 25],
    ['N=100', 'socket', 25],
    ['N=500', 'REST', null],
    ['N=500', 'socket', null],
  ]) {
    const r = find(key, path);
    const floor = r ? floorOf(r) : undefined;
    const p99 = r?.delivery.p99 ?? null;
    const ratio = r ? ratioOf(r) : NaN;
    fanoutRows.push(
      resultRow(
        `collab fan-out ${key}, ${path} write (baseline: bare Socket.IO)`,
        'delivery p99',
        'ms',
        p99,
        {
          baseline: floor?.delivery.p99 ?? null,
          target: target ? `<= ${target} ms` : '<= 2x baseline',
          met: !r
            ? null
            : r.missing > 0
              ? false
              : target
                ? p99 <= target
                : Number.isFinite(ratio) && ratio <= 2,
        },
      ),
    );
  }
  fanoutRows.push(
    resultRow(
      `collab ${spreadClients} clients connected`,
      'peak api RSS',
      'MB',
      Number.isFinite(worstRss) ? worstRss : null,
      {
        target: '< 500 MB',
        met: Number.isFinite(worstRss) ? worstRss < 500 : null,
      },
    ),
  );
  await writeRows(fanoutRows, args.json === true ? undefined : args.json);
} catch (error) {
  console.error(`\nbenchmark failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(hardStop);
}

// GET /api/v1/projects/:id/model on a 100-object model (about 10 attributes and 8 CTAs per
// object, a dense NOM), against a bare Nest route serving the same JSON from memory, in one run.
// Usage: npx nx build api && node tools/bench/model-read.bench.mjs [--objects 100] [--seconds 8]
// Uses DATABASE_URL when set (real PostgreSQL), otherwise the embedded one. Loopback only.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateModel } from './generate-model.mjs';
import {
  freePort,
  load,
  request,
  row as resultRow,
  startServer,
  writeRows,
} from './lib.mjs';

const root = resolve(import.meta.dirname, '../..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((pair) => pair.trim().split(/\s+/)),
);
const objects = Number(args.objects ?? 100);
const seconds = Number(args.seconds ?? 8);
const concurrency = Number(args.concurrency ?? 16);
const main = join(root, 'dist/apps/api/main.js');
if (!existsSync(main)) {
  console.error(
    'dist/apps/api/main.js is missing: run `npx nx build api` first (or `npx nx run api:bench-model`).',
  );
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'orca-bench-'));
const children = [];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('exit', stop);

try {
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...process.env,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://bench',
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT: '100000',
    WEB_DIST_PATH: 'off',
  };
  delete env.REDIS_URL;
  const server = await startServer('node', [main], {
    env,
    cwd: root,
    ready: async () =>
      (await request(`${api}/api/health/ready`)).status === 200,
  });
  children.push(server.child);

  const signup = await request(`${api}/api/v1/auth/register`, {
    method: 'POST',
    body: {
      email: `bench-${Date.now()}@example.com`,
      password: 'benchmarks are honest',
      displayName: 'Bench',
    },
  });
  const cookies = []
    .concat(signup.headers['set-cookie'] ?? [])
    .map((cookie) => cookie.split(';')[0]);
  const xsrf =
    cookies.find((cookie) => cookie.startsWith('XSRF-TOKEN='))?.split('=')[1] ??
    '';
  const auth = { cookie: cookies.join('; '), 'x-xsrf-token': xsrf };
  const document = generateModel({ objects });
  const imported = await request(`${api}/api/v1/projects/import`, {
    method: 'POST',
    headers: auth,
    body: document,
  });
  if (imported.status !== 201)
    throw new Error(`import failed: ${imported.status} ${imported.body}`);
  const projectId = JSON.parse(imported.body).id;
  const modelUrl = `${api}/api/v1/projects/${projectId}/model`;
  const first = await request(modelUrl, { headers: auth });
  const bodyFile = join(work, 'model.json');
  writeFileSync(bodyFile, first.body);

  const barePort = await freePort();
  const bare = await startServer(
    'node',
    [
      join(root, 'tools/bench/bare-nest-server.mjs'),
      bodyFile,
      String(barePort),
    ],
    {
      env: process.env,
      cwd: root,
      ready: async () =>
        (await request(`http://127.0.0.1:${barePort}/bare/model`)).status ===
        200,
    },
  );
  children.push(bare.child);

  const options = { concurrency, durationMs: seconds * 1000 };
  const floor = await load(`http://127.0.0.1:${barePort}/bare/model`, options);
  const ours = await load(modelUrl, { ...options, headers: auth });

  const model = JSON.parse(first.body).model;
  const sizes = Object.entries(model)
    .map(([kind, items]) => `${Object.keys(items).length} ${kind}`)
    .join(', ');
  const row = (name, r) =>
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${(r.bytes / 1024).toFixed(0).padStart(8)} ${String(r.failures).padStart(6)}`;
  console.log(
    `\nGET model: ${sizes}; database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; ${concurrency} connections, ${seconds} s each\n`,
  );
  console.log(
    `${'target'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'KiB'.padStart(8)} ${'errors'.padStart(6)}`,
  );
  console.log(row('bare Nest route (JSON in memory)', floor));
  console.log(row('GET /api/v1/projects/:id/model', ours));
  console.log(
    `\nthroughput ratio (ours / bare): ${(ours.rps / floor.rps).toFixed(2)}   p99 ratio (ours / bare): ${(ours.p99 / floor.p99).toFixed(2)}`,
  );
  const scenario = `GET model, ${objects} objects (baseline: bare Nest route)`;
  await writeRows([
    resultRow(scenario, 'throughput', 'req/s', ours.rps, {
      baseline: floor.rps,
    }),
    resultRow(scenario, 'p99 latency', 'ms', ours.p99, { baseline: floor.p99 }),
  ]);
} finally {
  stop();
  rmSync(work, { recursive: true, force: true });
}

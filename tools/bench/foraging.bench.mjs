// Noun foraging of a large research text through the built api, and what it does to everyone
// else: the api's event-loop delay (perf_hooks, measured inside the api by event-loop-probe.cjs)
// and the latency of a small read every 20 ms while a ~1 MB text is foraged, against the same
// reads with nothing running. The text is the foraging lib's test texts (src/testing), repeated
// under numbered headings up to the size asked for.
// Usage: npx nx build api && node tools/bench/foraging.bench.mjs [--kb 1000] [--dist dist/apps/api]
// Uses DATABASE_URL when set (real PostgreSQL), otherwise the embedded one. Loopback only.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { freePort, request, row as resultRow, writeRows } from './lib.mjs';

const root = resolve(import.meta.dirname, '../..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((pair) => pair.trim().split(/\s+/)),
);
const kilobytes = Number(args.kb ?? 1000);
const dist = resolve(root, args.dist ?? 'dist/apps/api');
const main = join(dist, 'main.js');
if (!existsSync(main)) {
  console.error(
    `${main} is missing: run \`npx nx build api\` first (or \`npx nx run api:bench-foraging\`).`,
  );
  process.exit(1);
}

/** Research text of about `bytes` bytes of UTF-8, well under the 1 MiB limit. */
function researchText(bytes) {
  const dir = join(root, 'libs/api/foraging/src/testing');
  const texts = readdirSync(dir)
    .filter((file) => /\.(md|txt)$/.test(file))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
  let text = '';
  for (let i = 0; ; i++) {
    const next = `Part ${i + 1}\n\n${texts[i % texts.length]}\n\n`;
    if (Buffer.byteLength(text + next) > bytes) break;
    text += next;
  }
  return text;
}

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
const child = spawn(
  process.execPath,
  ['--require', join(root, 'tools/bench/event-loop-probe.cjs'), main],
  { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
);
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
process.on('exit', () => child.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    child.kill('SIGTERM');
    process.exit(1);
  });

/** Asks the api's probe and waits for its answer. */
function probe(message) {
  return new Promise((resolve) => {
    const onMessage = (answer) => {
      if (answer?.type !== message) return;
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[
      Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
    ] ?? NaN
  );
};

try {
  const started = Date.now();
  while (
    !(await request(`${api}/api/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() - started > 120_000)
      throw new Error(`the api did not start:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
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
    cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '';
  const auth = { cookie: cookies.join('; '), 'x-xsrf-token': xsrf };
  const created = await request(`${api}/api/v1/projects`, {
    method: 'POST',
    headers: auth,
    body: { name: 'Foraging bench' },
  });
  const projectId = JSON.parse(created.body).id;
  const forage = async (text, name) => {
    const t0 = process.hrtime.bigint();
    const res = await request(`${api}/api/v1/projects/${projectId}/foraging`, {
      method: 'POST',
      headers: auth,
      body: { name, text },
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 201)
      throw new Error(
        `foraging failed: ${res.status} ${res.body.toString().slice(0, 400)}`,
      );
    const body = JSON.parse(res.body);
    return { ms, timing: body.timing, candidates: body.candidateCount };
  };

  // Warm up as a server that has foraged before (the tagger's lexicon, the JIT, the threads).
  await forage(researchText(20_000), 'warm-up');

  // Live traffic: a small authenticated read every 20 ms (what a collaborator's client does).
  const traffic = async (durationMs, until) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const latencies = [];
    const end = Date.now() + durationMs;
    while (until ? !until.done : Date.now() < end) {
      const t0 = process.hrtime.bigint();
      await request(`${api}/api/v1/projects`, { headers: auth, agent });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await new Promise((r) => setTimeout(r, 20));
    }
    agent.destroy();
    return latencies;
  };

  await probe('loop:reset');
  const idleLatencies = await traffic(5_000);
  const idle = await probe('loop:report');

  const text = researchText(kilobytes * 1000);
  await probe('loop:reset');
  const state = { done: false };
  const foraging = forage(text, 'large').finally(() => (state.done = true));
  const busyLatencies = await traffic(0, state);
  const busy = await probe('loop:report');
  const foraged = await foraging;

  const fmt = (n, w = 9) => String(n).padStart(w);
  console.log(
    `\nForaging ${Buffer.byteLength(text).toLocaleString('en')} bytes through the built api (${dist}); database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`,
  );
  console.log(
    `POST answered in ${(foraged.ms / 1000).toFixed(1)} s; analysis ${JSON.stringify(foraged.timing)}; ${foraged.candidates} candidates`,
  );
  console.log(
    `\nEvent loop of the api (perf_hooks monitorEventLoopDelay, ms) with a read every 20 ms:`,
  );
  console.log(
    `${'while'.padEnd(26)} ${fmt('p50')} ${fmt('p99')} ${fmt('max')} ${fmt('read p50')} ${fmt('read p99')} ${fmt('reads')}`,
  );
  const row = (name, loop, lat) =>
    console.log(
      `${name.padEnd(26)} ${fmt(loop.p50)} ${fmt(loop.p99)} ${fmt(loop.max)} ${fmt(pct(lat, 50).toFixed(1))} ${fmt(pct(lat, 99).toFixed(1))} ${fmt(lat.length)}`,
    );
  row('idle (5 s)', idle, idleLatencies);
  row(`foraging ${kilobytes} kB`, busy, busyLatencies);
  console.log(
    `\napi resident memory (worker threads included): ${idle.peakRssMb} MB idle, peak ${busy.peakRssMb} MB while foraging`,
  );
  const scenario = `foraging ${kilobytes} kB (baseline: idle)`;
  await writeRows([
    resultRow(scenario, 'POST answered', 's', foraged.ms / 1000),
    resultRow(scenario, 'api event loop delay p99', 'ms', Number(busy.p99), {
      baseline: Number(idle.p99),
    }),
    resultRow(scenario, 'small read p99', 'ms', pct(busyLatencies, 99), {
      baseline: pct(idleLatencies, 99),
    }),
  ]);
} finally {
  child.kill('SIGTERM');
}

// Shared helpers for the benchmarks: free ports, child servers, and a keep-alive load loop.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child process and resolves once `ready()` answers true (bounded by `timeoutMs`). */
export async function startServer(
  command,
  args,
  { env, ready, timeoutMs = 120_000, cwd },
) {
  const child = spawn(command, args, {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`${command} exited early:\n${output.slice(-4000)}`);
    if (await ready().catch(() => false))
      return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(
    `${command} was not ready within ${timeoutMs} ms:\n${output.slice(-4000)}`,
  );
}

export function request(
  url,
  { method = 'GET', headers = {}, body, agent } = {},
) {
  return new Promise((resolve, reject) => {
    const payload =
      body === undefined
        ? undefined
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload
            ? {
                'content-type': 'application/json',
                'content-length': payload.length,
              }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Sends GET requests with `concurrency` workers over keep-alive connections for `durationMs`,
 * after a warm-up, and reports throughput and latency percentiles.
 */
export async function load(
  url,
  { headers = {}, concurrency = 16, durationMs = 8_000, warmupMs = 2_000 } = {},
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const run = async (ms, latencies) => {
    const end = Date.now() + ms;
    let bytes = 0;
    let failures = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const t0 = process.hrtime.bigint();
          const res = await request(url, { headers, agent });
          const t1 = process.hrtime.bigint();
          if (res.status !== 200) failures++;
          bytes = res.body.length;
          latencies?.push(Number(t1 - t0) / 1e6);
        }
      }),
    );
    return { bytes, failures };
  };
  await run(warmupMs);
  const latencies = [];
  const started = Date.now();
  const { bytes, failures } = await run(durationMs, latencies);
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    bytes,
    failures,
  };
}

/**
 * The value of `--json FILE` in argv (or undefined), for benches that also write their figures
 * as rows `{scenario, figure, unit, value, baseline, ratio, target, met}` (see run-all.mjs).
 */
export function jsonOutput(argv = process.argv) {
  const at = argv.indexOf('--json');
  return at === -1 ? undefined : argv[at + 1];
}

/** One result row; `ratio` is value / baseline when both are numbers. */
export function row(
  scenario,
  figure,
  unit,
  value,
  { baseline = null, target = null, met = null } = {},
) {
  const round = (x) =>
    typeof x === 'number' && Number.isFinite(x)
      ? Math.round(x * 1000) / 1000
      : null;
  return {
    scenario,
    figure,
    unit,
    value: round(value),
    baseline: round(baseline),
    ratio:
      typeof value === 'number' &&
      typeof baseline === 'number' &&
      baseline !== 0
        ? round(value / baseline)
        : null,
    target,
    met,
  };
}

/** Writes the rows to `--json FILE` when one was given. */
export async function writeRows(rows, file = jsonOutput()) {
  if (!file) return;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}

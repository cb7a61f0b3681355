// `npm run bench`: builds the api and the web app (with precompressed assets), runs every
// benchmark in turn with options that keep the whole command under 10 minutes on 2 cores, and
// writes their figures to tools/bench/results/latest.json as rows
// {scenario, figure, unit, value, baseline, ratio, target, met} plus a table on stdout.
// Real PostgreSQL/Redis when DATABASE_URL (and REDIS_URL) are set, the embedded stack otherwise.
// Usage: npm run bench [-- --skip-build] [-- --only model,web]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { row } from './lib.mjs';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const only = argv.includes('--only')
  ? argv[argv.indexOf('--only') + 1].split(',')
  : null;
const real = Boolean(process.env.DATABASE_URL);

/** postgres://user@host:port of a database URL: the collab bench makes its own database there. */
function serverUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '';
  url.search = '';
  return String(url);
}
let current = null;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    if (current) {
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
const started = Date.now();
// The whole command stays under 10 minutes: a bench gets at most what is left of 9.5.
const deadline = started + 570_000;

// Each bench with its short options and a hard time limit (seconds).
const BENCHES = [
  {
    name: 'web',
    file: 'web-first-page.bench.mjs',
    args: [],
    limit: 90,
  },
  {
    name: 'model',
    file: 'model-read.bench.mjs',
    args: ['--seconds', '3'],
    limit: 90,
  },
  {
    name: 'export',
    file: 'export.bench.mjs',
    args: ['--runs', '1', '--large', '300'],
    limit: 200,
  },
  {
    name: 'foraging',
    file: 'foraging.bench.mjs',
    args: ['--kb', '300'],
    limit: 120,
  },
  {
    name: 'collab',
    file: 'collab-fanout.bench.mjs',
    // Its own PostgreSQL database and Redis db 2 when real; PGlite and memory otherwise.
    args: [
      '--writes',
      '60',
      '--warmup',
      '10',
      '--budget',
      '100',
      ...(real
        ? ['--pg', serverUrl(process.env.DATABASE_URL)]
        : ['--embedded']),
    ],
    limit: 200,
  },
].filter((bench) => !only || only.includes(bench.name));

const NOT_MEASURED = [
  'write pipeline against raw SQL',
  'connections: 5,000 sockets',
  'start-up time',
];

console.log(
  `npm run bench — ${real ? `real PostgreSQL (DATABASE_URL)${process.env.REDIS_URL ? ' and Redis (REDIS_URL)' : ', no Redis (REDIS_URL unset)'}` : 'embedded PGlite and in-memory adapters (DATABASE_URL unset)'}`,
);

if (!argv.includes('--skip-build')) {
  console.log('\nbuilding api and web (npx nx run-many -t build precompress)…');
  const build = spawnSync(
    'npx',
    [
      'nx',
      'run-many',
      '-t',
      'build',
      'precompress',
      '--projects=api,web',
      '--outputStyle=static',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
    },
  );
  if (build.status !== 0) {
    console.error('build failed');
    process.exit(1);
  }
}

/** Runs one bench with `--json FILE`; its rows, or one row saying how it failed. */
function runBench(bench, file) {
  const limit = Math.min(bench.limit, (deadline - Date.now()) / 1000);
  if (limit < 20)
    return Promise.resolve([
      row(bench.file, 'skipped (10-minute budget spent)', null, null),
    ]);
  return new Promise((resolveRun) => {
    const t0 = Date.now();
    console.log(`\n=== ${bench.file} ${bench.args.join(' ')}`);
    const child = spawn(
      process.execPath,
      [join(root, 'tools/bench', bench.file), ...bench.args, '--json', file],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
    );
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`${bench.file}: over ${limit.toFixed(0)} s, stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, limit * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      const seconds = (Date.now() - t0) / 1000;
      let rows = [];
      try {
        rows = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // no figures written
      }
      if (code !== 0 || rows.length === 0)
        rows.push(
          row(
            bench.file,
            timedOut
              ? `stopped at its time limit, no figures`
              : `failed (${signal ?? `exit ${code}`})`,
            's',
            seconds,
          ),
        );
      console.log(`=== ${bench.file}: ${seconds.toFixed(0)} s`);
      resolveRun(rows);
    });
  });
}

const work = join(tmpdir(), `orca-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const rows = [];
try {
  for (const bench of BENCHES)
    rows.push(...(await runBench(bench, join(work, `${bench.name}.json`))));
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const scenario of NOT_MEASURED)
  rows.push(row(scenario, 'not measured yet', null, null));

const out = join(root, 'tools/bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'latest.json'), `${JSON.stringify(rows, null, 2)}\n`);

const cell = (value) =>
  value === null || value === undefined ? '' : String(value);
const table = [
  ['scenario', 'figure', 'unit', 'value', 'baseline', 'ratio', 'target', 'met'],
  ...rows.map((r) => [
    r.scenario,
    r.figure,
    cell(r.unit),
    cell(r.value),
    cell(r.baseline),
    cell(r.ratio),
    cell(r.target),
    r.met === null ? '–' : r.met ? 'met' : 'not met',
  ]),
];
const widths = table[0].map((_, i) =>
  Math.max(...table.map((line) => line[i].length)),
);
console.log(
  `\nResults (${real ? 'real PostgreSQL' : 'embedded'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all) → tools/bench/results/latest.json\n`,
);
for (const [index, line] of table.entries()) {
  console.log(
    `| ${line.map((text, i) => text.padEnd(widths[i])).join(' | ')} |`,
  );
  if (index === 0)
    console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}

// The signed-out first page's weight on the wire: starts the built api (which serves the built
// web app), opens `/` in headless Chromium with the cache off and sums, per kind (JS, CSS, HTML),
// the bytes each response took on the wire (CDP Network.loadingFinished encodedDataLength,
// headers included) — once asking for identity (as the server sent everything before
// docs/decisions/0028) and once with Chromium's own Accept-Encoding (br), against 200 KB.
// Usage: npx nx run-many -t build precompress --projects=api,web &&
//        node tools/bench/web-first-page.bench.mjs [--json FILE]
// Embedded database, no Redis: the page is signed out, so nothing of them is measured.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, request, row, startServer, writeRows } from './lib.mjs';

const TARGET_KB = 200;
const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'dist/apps/api/main.js');
const web = join(root, 'dist/apps/web/browser');
if (!existsSync(main) || !existsSync(join(web, 'index.html'))) {
  console.error(
    'dist/apps/api/main.js or dist/apps/web/browser is missing: run `npx nx run-many -t build precompress --projects=api,web` first.',
  );
  process.exit(1);
}
const precompressed = readdirSync(web).some((name) => name.endsWith('.br'));
if (!precompressed)
  console.warn(
    'warning: no .br files in dist/apps/web/browser (run `npx nx run web:precompress`): "br" will measure identity.',
  );

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: 'memory://bench',
  LOG_LEVEL: 'warn',
  WEB_DIST_PATH: web,
};
delete env.DATABASE_URL;
delete env.REDIS_URL;
const server = await startServer('node', [main], {
  env,
  cwd: root,
  ready: async () =>
    (await request(`${origin}/api/health/ready`)).status === 200,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
  ],
});

const KINDS = { Script: 'js', Stylesheet: 'css', Document: 'html' };

/** Loads the first page once; bytes on the wire and body bytes per kind, and the encodings seen. */
async function firstPage(acceptEncoding) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (acceptEncoding)
    await cdp.send('Network.setExtraHTTPHeaders', {
      headers: { 'Accept-Encoding': acceptEncoding },
    });
  const responses = new Map();
  const totals = {
    js: { wire: 0, body: 0, files: 0 },
    css: { wire: 0, body: 0, files: 0 },
    html: { wire: 0, body: 0, files: 0 },
    other: { wire: 0, body: 0, files: 0 },
  };
  const encodings = new Set();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) =>
    responses.set(requestId, { type, response }),
  );
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const seen = responses.get(requestId);
    if (!seen || !seen.response.url.startsWith(origin)) return;
    const headers = Object.fromEntries(
      Object.entries(seen.response.headers).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    const kind = totals[KINDS[seen.type] ?? 'other'];
    kind.wire += encodedDataLength;
    kind.body += Number(headers['content-length'] ?? 0);
    kind.files += 1;
    if (KINDS[seen.type])
      encodings.add(headers['content-encoding'] ?? 'identity');
  });
  await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
  await page.getByRole('heading').first().waitFor({ timeout: 15_000 });
  const path = new URL(page.url()).pathname;
  await context.close();
  return { totals, encodings: [...encodings], path };
}

try {
  const before = await firstPage('identity');
  const after = await firstPage(undefined);
  const kb = (bytes) => bytes / 1000;
  const sum = (totals) => totals.js.wire + totals.css.wire + totals.html.wire;
  console.log(
    `\nSigned-out first page (${origin}${after.path}), cache off; KB = 1,000 bytes on the wire (headers included)\n`,
  );
  console.log(
    `${'request'.padEnd(34)} ${'JS'.padStart(8)} ${'CSS'.padStart(8)} ${'HTML'.padStart(8)} ${'total'.padStart(8)} ${'files'.padStart(6)}  encodings   target ${TARGET_KB} KB`,
  );
  for (const [name, run] of [
    ['identity (before)', before],
    ["Chromium's Accept-Encoding (after)", after],
  ]) {
    const total = sum(run.totals);
    const files =
      run.totals.js.files + run.totals.css.files + run.totals.html.files;
    console.log(
      `${name.padEnd(34)} ${kb(run.totals.js.wire).toFixed(1).padStart(8)} ${kb(run.totals.css.wire).toFixed(1).padStart(8)} ${kb(run.totals.html.wire).toFixed(1).padStart(8)} ${kb(total).toFixed(1).padStart(8)} ${String(files).padStart(6)}  ${run.encodings.join(',').padEnd(10)}  ${kb(total) <= TARGET_KB ? 'met' : 'not met'}`,
    );
  }
  const afterKb = kb(sum(after.totals));
  const beforeKb = kb(sum(before.totals));
  console.log(`\nafter / before: ${(afterKb / beforeKb).toFixed(2)}`);
  await writeRows([
    row(
      'web first page (signed out)',
      'JS + CSS + HTML on the wire, br',
      'KB',
      afterKb,
      {
        baseline: beforeKb,
        target: `<= ${TARGET_KB} KB`,
        met: afterKb <= TARGET_KB,
      },
    ),
    row(
      'web first page (signed out)',
      'JS on the wire, br',
      'KB',
      kb(after.totals.js.wire),
      {
        baseline: kb(before.totals.js.wire),
      },
    ),
  ]);
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
}

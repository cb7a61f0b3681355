import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  capture,
  fixturePath,
  importProject,
  newPerson,
  signUp,
  watchConsole,
} from './support/workspace';

/**
 * A newcomer runs `npm start` with no configuration (PUBLIC_URL defaults to http://localhost:PORT)
 * and opens the app at http://127.0.0.1:PORT, or by the machine's LAN address. The live connection
 * must work there too: the page's own origin is the server's own host.
 */
const PORT = 3101;
const origin = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | null = null;
let serverLog = '';

test.beforeAll(async () => {
  const root = resolve(test.info().project.testDir, '..', '..', '..');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://origin',
    SMTP_URL: '',
    WEB_DIST_PATH: 'dist/apps/web/browser',
    LOG_LEVEL: 'warn',
  };
  // As `npm start` is: embedded database, caches in memory, PUBLIC_URL left to its default.
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_URL',
    'CORS_ORIGINS',
  ])
    delete env[name];
  server = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk));
  server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${origin}/api/health/ready`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error(`the second server did not start:\n${serverLog}`);
    await new Promise((done) => setTimeout(done, 250));
  }
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('the app opened at 127.0.0.1 (PUBLIC_URL says localhost) works live', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const errors: string[] = [];
  watchConsole(page, errors);

  await page.goto('/sign-up');
  await signUp(page, newPerson('Nina Newcomer'));
  // importProject waits for the live connection ("live"), which the origin check used to refuse.
  const workspace = await importProject(
    page,
    fixturePath('learning-platform.orca.json'),
  );
  await page.goto(`${workspace}/objects`);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
    'data-status',
    'live',
  );
  await expect(page.getByText('Your session has ended')).toHaveCount(0);
  await capture(page, 'origin-127-0-0-1');

  expect(errors).toEqual([]);
  expect(serverLog).not.toContain('refused a live connection');
  await context.close();
});

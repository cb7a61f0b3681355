import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  LoginRequest,
  RegisterRequest,
  SESSION_COOKIE,
  UserDto,
} from '@orca/shared/contracts';

/**
 * The embedded default, as a person meets it: `node dist/apps/api/main.js` with no DATABASE_URL
 * and no REDIS_URL starts PGlite in DATA_DIR, serves the web app at / and the API under /api, and
 * keeps its accounts across a restart.
 */

const workspaceRoot = resolve(__dirname, '../../..');
const serverEntry = join(workspaceRoot, 'dist/apps/api/main.js');
const READY_WITHIN_MS = 90_000;
const STOP_WITHIN_MS = 15_000;
const KEPT_OUTPUT_CHARS = 200_000;

const account: RegisterRequest = {
  email: 'ada.lovelace@example.com',
  password: 'analytical-engine-1843',
  displayName: 'Ada Lovelace',
};

/** Asks the kernel for a free loopback port, then frees it for the server to take. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** One run of the built server on a given data directory, with its output kept for failures. */
class EmbeddedServer {
  private child: ChildProcess | undefined;
  private output = '';
  private exit: Promise<void> = Promise.resolve();
  baseUrl = '';

  constructor(
    private readonly dataDir: string,
    private readonly label: string,
  ) {}

  get log(): string {
    return `--- ${this.label}: server output (${serverEntry}) ---\n${this.output || '(nothing)'}\n--- end of ${this.label} ---`;
  }

  async start(): Promise<void> {
    const port = await freeLoopbackPort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['DATABASE_URL'];
    delete env['REDIS_URL'];
    // Jest sets NODE_ENV=test; the server should see what a person's shell gives it.
    delete env['NODE_ENV'];
    env['PORT'] = String(port);
    env['DATA_DIR'] = this.dataDir;

    const child = spawn(process.execPath, [serverEntry], {
      cwd: workspaceRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(
        -KEPT_OUTPUT_CHARS,
      );
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.output += `\n[exited with ${signal ?? `code ${code}`}]`;
        done();
      });
      child.once('error', (error) => {
        this.output += `\n[could not run: ${error.message}]`;
        done();
      });
    });
  }

  /** Resolves when GET /api/health/ready answers 200; fails early if the process exits. */
  async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_WITHIN_MS;
    let lastAnswer = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`the server exited before it was ready\n${this.log}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/api/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        lastAnswer = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
        if (response.status === 200) {
          return;
        }
      } catch (error) {
        lastAnswer = String(error);
      }
      await delay(250);
    }
    throw new Error(
      `GET /api/health/ready did not answer 200 within ${READY_WITHIN_MS / 1000}s (last: ${lastAnswer})\n${this.log}`,
    );
  }

  get running(): boolean {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  /** SIGTERM, as a container runtime stops it: PGlite must close its files cleanly. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      this.exit.then(() => true),
      new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), STOP_WITHIN_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!stopped) {
      this.output += `\n[did not stop within ${STOP_WITHIN_MS / 1000}s of SIGTERM: killed]`;
      child.kill('SIGKILL');
      await this.exit;
    }
  }
}

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie();
}

function sessionCookieFrom(response: Response): string | undefined {
  return cookiesFrom(response).find((cookie) =>
    cookie.startsWith(`${SESSION_COOKIE}=`),
  );
}

/** The `name=value` pairs a browser would send back, without the attributes. */
function cookieHeader(response: Response): string {
  return cookiesFrom(response)
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/**
 * Reads the body and checks the status together, so a wrong status shows what the server said
 * (a problem+json document, an HTML 404) in the failure instead of a JSON parse error.
 */
async function expectAnswer<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(
      `${response.url} answered HTTP ${response.status}, expected ${status}: ${text.slice(0, 2_000)}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the api in embedded mode (no DATABASE_URL, no REDIS_URL)', () => {
  let dataDir: string;
  const servers: EmbeddedServer[] = [];
  let server: EmbeddedServer;
  let session = '';

  /** Runs a test body; on failure, appends what the servers printed so CI logs explain it. */
  async function withServerLogs(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const logs = servers.map((s) => s.log).join('\n');
      if (error instanceof Error) {
        error.message = `${error.message}\n\n${logs}`;
        throw error;
      }
      throw new Error(`${String(error)}\n\n${logs}`);
    }
  }

  async function startServer(label: string): Promise<EmbeddedServer> {
    const started = new EmbeddedServer(dataDir, label);
    servers.push(started);
    await started.start();
    await started.waitUntilReady();
    return started;
  }

  beforeAll(async () => {
    if (!existsSync(serverEntry)) {
      throw new Error(
        `${serverEntry} is missing: build the api first (npx nx build api)`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'orca-embedded-'));
    server = await startServer('first run');
  }, READY_WITHIN_MS + 30_000);

  afterAll(
    async () => {
      await Promise.all(servers.map((s) => s.stop()));
      if (dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    2 * STOP_WITHIN_MS + 10_000,
  );

  it('serves the web app at /', () =>
    withServerLogs(async () => {
      const response = await fetch(`${server.baseUrl}/`, {
        headers: { accept: 'text/html' },
      });
      const html = await expectAnswer<string>(response, 200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(html).toContain('<app-root');
    }));

  it('registers an account and opens an HttpOnly session', () =>
    withServerLogs(async () => {
      const response = await postJson(
        `${server.baseUrl}/api/v1/auth/register`,
        account,
      );
      const body = await expectAnswer<UserDto>(response, 201);
      expect(body.email).toBe(account.email);
      expect(body.displayName).toBe(account.displayName);

      const cookie = sessionCookieFrom(response);
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      session = cookieHeader(response);
    }));

  it('knows who is signed in from the session cookie', () =>
    withServerLogs(async () => {
      expect(session).toContain(`${SESSION_COOKIE}=`);
      const response = await fetch(`${server.baseUrl}/api/v1/auth/me`, {
        headers: { cookie: session, accept: 'application/json' },
      });
      const body = await expectAnswer<UserDto>(response, 200);
      expect(body.email).toBe(account.email);
    }));

  it('keeps the account across a restart on the same data directory', () =>
    withServerLogs(async () => {
      await server.stop();
      expect(server.running).toBe(false);

      server = await startServer('after restart');
      const credentials: LoginRequest = {
        email: account.email,
        password: account.password,
      };
      const response = await postJson(
        `${server.baseUrl}/api/v1/auth/login`,
        credentials,
      );
      const body = await expectAnswer<UserDto>(response, 200);
      expect(body.email).toBe(account.email);
      expect(sessionCookieFrom(response)).toBeDefined();
    }));
});

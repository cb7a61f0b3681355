import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LoginRequest,
  RegisterRequest,
  SESSION_COOKIE,
  UserDto,
} from '@orca/shared/contracts';
import {
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
} from './support/server-process';

/**
 * The embedded default, as a person meets it: `node dist/apps/api/main.js` with no DATABASE_URL
 * and no REDIS_URL starts PGlite in DATA_DIR, serves the web app at / and the API under /api, and
 * keeps its accounts across a restart.
 */

const account: RegisterRequest = {
  email: 'ada.lovelace@example.com',
  password: 'analytical-engine-1843',
  displayName: 'Ada Lovelace',
};

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
  const servers: ServerProcess[] = [];
  let server: ServerProcess;
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

  async function startServer(label: string): Promise<ServerProcess> {
    const started = new ServerProcess(
      { DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir },
      label,
    );
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

import request from 'supertest';
import type { TestApp } from './test-app';

export type BrowserAgent = ReturnType<typeof browserAgent>;

export interface BrowserAgentOptions {
  /**
   * The client address this browser appears to come from, sent as X-Forwarded-For. It counts only
   * when the app trusts a proxy (`TRUST_PROXY=true`): rate-limit specs use it so that counters
   * other suites left on a shared Redis for 127.0.0.1 cannot refuse them.
   */
  address?: string;
}

/**
 * Acts like a browser running our Angular app: keeps cookies and echoes the XSRF-TOKEN cookie
 * as the X-XSRF-TOKEN header on unsafe requests (unless told not to).
 */
export function browserAgent(app: TestApp, options: BrowserAgentOptions = {}) {
  const agent = request.agent(app.app.getHttpServer());
  const from = <T extends request.Test>(pending: T): T =>
    options.address
      ? (pending.set('X-Forwarded-For', options.address) as T)
      : pending;
  let xsrf = '';
  const jar = new Map<string, string>();
  const remember = (response: request.Response) => {
    const cookies = ([] as string[]).concat(
      response.headers['set-cookie'] ?? [],
    );
    for (const cookie of cookies) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/expires=thu, 01 jan 1970/i.test(cookie) || /max-age=0/i.test(cookie))
        jar.delete(name);
      else jar.set(name, value.join('='));
    }
    const issued = cookies
      .map((cookie) => /^XSRF-TOKEN=([^;]+)/.exec(cookie)?.[1])
      .find(Boolean);
    if (issued) xsrf = issued;
    return response;
  };
  const unsafe = (
    method: 'post' | 'put' | 'patch' | 'delete',
    url: string,
    body?: object,
    withXsrf = true,
  ) => {
    const pending = from(agent[method](url)).send(body ?? {});
    return (
      withXsrf && xsrf ? pending.set('X-XSRF-TOKEN', xsrf) : pending
    ).then(remember);
  };
  return {
    /** The Cookie header this browser would send (for Socket.IO handshakes). */
    cookies: () =>
      [...jar.entries()].map(([name, value]) => `${name}=${value}`).join('; '),
    get: (url: string) => from(agent.get(url)).then(remember),
    post: (url: string, body?: object, withXsrf = true) =>
      unsafe('post', url, body, withXsrf),
    put: (url: string, body?: object) => unsafe('put', url, body),
    patch: (url: string, body?: object) => unsafe('patch', url, body),
    delete: (url: string) => unsafe('delete', url),
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** Registers a new person through the API and returns their signed-in browser. */
export async function signedUpBrowser(
  app: TestApp,
  email: string,
  displayName = 'Test Person',
) {
  const browser = browserAgent(app);
  const response = await browser.post('/api/v1/auth/register', {
    email,
    password: TEST_PASSWORD,
    displayName,
  });
  if (response.status !== 201)
    throw new Error(
      `sign-up failed: ${response.status} ${JSON.stringify(response.body)}`,
    );
  return {
    browser,
    user: response.body as { id: string; email: string; displayName: string },
  };
}

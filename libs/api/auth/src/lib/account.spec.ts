import { Controller, Get, Module } from '@nestjs/common';
import {
  browserAgent,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { Authenticated, CurrentPrincipal } from './authenticated.decorator';
import type { Principal } from './principal';
import { sha256Hex } from './secrets';
import { SessionsService, type SessionsEnded } from './sessions.service';

/** What a feature's controller sees of the caller: the principal comes from the session cache. */
@Controller('probe')
class WhoAmIController {
  @Authenticated()
  @Get('principal')
  principal(@CurrentPrincipal() principal: Principal) {
    return { email: principal.email, displayName: principal.displayName };
  }
}

@Module({ controllers: [WhoAmIController] })
class ProbeModule {}

const CHROME_ON_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const NEW_PASSWORD = 'a brand new passphrase';

function sessionSecret(response: request.Response): string {
  const cookie = ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('orca_session='));
  const secret = cookie?.split(';')[0]?.slice('orca_session='.length);
  if (!secret) throw new Error('no session cookie in the response');
  return secret;
}

describe('account: profile, password and sessions (HTTP, real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProbeModule]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const server = () => app.app.getHttpServer();

  /** One person, signed in once: `b` is their first browser. */
  async function signUp(displayName = 'Ana Lima') {
    const email = uniqueEmail('ana');
    const b = browserAgent(app);
    const res = await b.post('/api/v1/auth/register', {
      email,
      password: TEST_PASSWORD,
      displayName,
    });
    expect(res.status).toBe(201);
    return { b, email, secret: sessionSecret(res) };
  }

  /** A second browser of the same person. */
  async function signIn(email: string, password = TEST_PASSWORD) {
    const b = browserAgent(app);
    const res = await b.post('/api/v1/auth/login', { email, password });
    expect(res.status).toBe(200);
    return { b, secret: sessionSecret(res) };
  }

  const meWith = (secret: string) =>
    request(server())
      .get('/api/v1/auth/me')
      .set('Cookie', `orca_session=${secret}`);

  describe('profile', () => {
    it('renames the person, and the very next request knows the new name', async () => {
      const { b } = await signUp();
      // Warm the session cache with the old name first.
      expect((await b.get('/api/v1/probe/principal')).body.displayName).toBe(
        'Ana Lima',
      );

      const res = await b.patch('/api/v1/auth/me', {
        displayName: '  Ana M. Lima  ',
      });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Ana M. Lima');
      expect((await b.get('/api/v1/auth/me')).body.displayName).toBe(
        'Ana M. Lima',
      );
      expect((await b.get('/api/v1/probe/principal')).body.displayName).toBe(
        'Ana M. Lima',
      );
    });

    it('refuses an empty, null or too long name, naming the field', async () => {
      const { b } = await signUp();
      for (const displayName of ['   ', null, 'x'.repeat(81)]) {
        const res = await b.patch('/api/v1/auth/me', { displayName });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body.errors[0].field).toBe('displayName');
      }
      expect((await b.get('/api/v1/auth/me')).body.displayName).toBe(
        'Ana Lima',
      );
    });

    it('refuses a new email without the current password, naming currentPassword', async () => {
      const { b, email } = await signUp();
      const res = await b.patch('/api/v1/auth/me', { email: uniqueEmail() });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'currentPassword',
          message: 'Enter your current password to change your email.',
        }),
      ]);
      expect((await b.get('/api/v1/auth/me')).body.email).toBe(email);
    });

    it('refuses a new email with a wrong password, without signing the person out', async () => {
      const { b, email } = await signUp();
      const res = await b.patch('/api/v1/auth/me', {
        email: uniqueEmail(),
        currentPassword: 'not my password at all',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'wrong_password',
        errors: [{ field: 'currentPassword' }],
      });
      const me = await b.get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
    });

    it('refuses an email another account uses with 409 naming email', async () => {
      const other = await signUp('Bea');
      const { b } = await signUp();
      const res = await b.patch('/api/v1/auth/me', {
        email: other.email.toUpperCase(),
        currentPassword: TEST_PASSWORD,
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'email_taken',
        errors: [{ field: 'email' }],
      });
    });

    it('changes the email with the right password: sign-in then uses the new one', async () => {
      const { b, email } = await signUp();
      const newEmail = uniqueEmail('Ana.New');
      const res = await b.patch('/api/v1/auth/me', {
        email: ` ${newEmail.toUpperCase()} `,
        displayName: 'Ana Nova',
        currentPassword: TEST_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        email: newEmail.toLowerCase(),
        displayName: 'Ana Nova',
      });
      expect((await b.get('/api/v1/probe/principal')).body.email).toBe(
        newEmail.toLowerCase(),
      );
      const oldLogin = await request(server())
        .post('/api/v1/auth/login')
        .send({ email, password: TEST_PASSWORD });
      expect(oldLogin.status).toBe(401);
      const newLogin = await request(server())
        .post('/api/v1/auth/login')
        .send({ email: newEmail, password: TEST_PASSWORD });
      expect(newLogin.status).toBe(200);
    });

    it('needs no password when the email sent is the current one', async () => {
      const { b, email } = await signUp();
      const res = await b.patch('/api/v1/auth/me', {
        email,
        displayName: 'Ana Renamed',
      });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Ana Renamed');
    });
  });

  describe('password', () => {
    it('refuses a wrong current password with a 400 naming currentPassword, and changes nothing', async () => {
      const { b, email } = await signUp();
      const other = await signIn(email);
      const res = await b.post('/api/v1/auth/password', {
        currentPassword: 'not my password at all',
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'wrong_password',
        errors: [{ field: 'currentPassword' }],
      });
      expect((await b.get('/api/v1/auth/me')).status).toBe(200);
      expect((await other.b.get('/api/v1/auth/me')).status).toBe(200);
      await signIn(email, TEST_PASSWORD);
    });

    it('applies the password policy to the new password, naming newPassword', async () => {
      const { b, email } = await signUp();
      const local = email.split('@')[0] ?? '';
      const cases: Array<[string, string]> = [
        ['short', 'at least 10 characters'],
        [`my ${local} password`, 'must not contain your email'],
        [TEST_PASSWORD, 'different from your current one'],
      ];
      for (const [newPassword, says] of cases) {
        const res = await b.post('/api/v1/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword,
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({
            field: 'newPassword',
            message: expect.stringContaining(says),
          }),
        ]);
      }
    });

    it('stores the new password, signs every other session out at once, and keeps this one on a new cookie', async () => {
      const { b, email, secret: before } = await signUp();
      const other = await signIn(email);
      // Both sessions are in the cache now: revocation must not wait for it to expire.
      expect((await other.b.get('/api/v1/auth/me')).status).toBe(200);
      expect((await meWith(before)).status).toBe(200);
      const token = (await b.post('/api/v1/auth/tokens', { name: 'CI' })).body
        .token as string;

      const res = await b.post('/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ signedOut: 1 });

      const refused = await other.b.get('/api/v1/auth/me');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('unauthenticated');
      // This browser carries on with its rotated cookie; a copy of the old one is worthless.
      const after = sessionSecret(res);
      expect(after).not.toBe(before);
      expect((await b.get('/api/v1/auth/me')).status).toBe(200);
      expect((await meWith(before)).status).toBe(401);
      // Unsafe requests still pass CSRF with the fresh XSRF cookie.
      expect(
        (await b.patch('/api/v1/auth/me', { displayName: 'Still Ana' })).status,
      ).toBe(200);

      const oldPassword = await request(server())
        .post('/api/v1/auth/login')
        .send({ email, password: TEST_PASSWORD });
      expect(oldPassword.status).toBe(401);
      await signIn(email, NEW_PASSWORD);
      // API tokens are separate credentials for scripts: they keep working (decision 0019).
      const withToken = await request(server())
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${token}`);
      expect(withToken.status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('lists the person’s sessions, this one marked, with a readable device and never a secret', async () => {
      const email = uniqueEmail('ana');
      const registered = await request(server())
        .post('/api/v1/auth/register')
        .set('User-Agent', CHROME_ON_LINUX)
        .send({ email, password: TEST_PASSWORD, displayName: 'Ana' });
      const first = sessionSecret(registered);
      const login = await request(server())
        .post('/api/v1/auth/login')
        .set('User-Agent', FIREFOX_ON_WINDOWS)
        .send({ email, password: TEST_PASSWORD });
      const second = sessionSecret(login);

      const res = await request(server())
        .get('/api/v1/auth/sessions')
        .set('Cookie', `orca_session=${second}`);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0]).toMatchObject({
        current: true,
        device: 'Firefox on Windows',
        userAgent: FIREFOX_ON_WINDOWS,
      });
      expect(res.body[1]).toMatchObject({
        current: false,
        device: 'Chrome on Linux',
      });
      for (const session of res.body) {
        expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(Date.parse(session.createdAt)).not.toBeNaN();
        expect(Date.parse(session.lastSeenAt)).not.toBeNaN();
      }
      const text = JSON.stringify(res.body);
      for (const secret of [first, second]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(sha256Hex(secret));
      }
    });

    it('signs one session out: that browser is refused at once, this one carries on', async () => {
      const { b, email } = await signUp();
      const other = await signIn(email);
      expect((await other.b.get('/api/v1/auth/me')).status).toBe(200);
      const listed = (await b.get('/api/v1/auth/sessions')).body as Array<{
        id: string;
        current: boolean;
      }>;
      const target = listed.find((session) => !session.current);
      if (!target) throw new Error('the other session is not listed');

      expect(
        (await b.delete(`/api/v1/auth/sessions/${target.id}`)).status,
      ).toBe(204);
      expect((await other.b.get('/api/v1/auth/me')).status).toBe(401);
      expect((await b.get('/api/v1/auth/me')).status).toBe(200);
      expect((await b.get('/api/v1/auth/sessions')).body).toHaveLength(1);
    });

    it('answers 404 for someone else’s session, exactly as for one that does not exist', async () => {
      const mallory = await signUp('Mallory');
      const victim = await signUp('Victim');
      const [victimSession] = (await victim.b.get('/api/v1/auth/sessions'))
        .body as Array<{ id: string }>;
      if (!victimSession) throw new Error('no session listed');

      const theirs = await mallory.b.delete(
        `/api/v1/auth/sessions/${victimSession.id}`,
      );
      const missing = await mallory.b.delete(
        '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000',
      );
      const malformed = await mallory.b.delete(
        '/api/v1/auth/sessions/not-a-session',
      );
      for (const res of [theirs, missing, malformed]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('session_not_found');
      }
      expect(theirs.body).toEqual({
        ...missing.body,
        instance: theirs.body.instance,
      });
      expect((await victim.b.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('signs out everywhere else, and signing out this session clears its cookie', async () => {
      const { b, email } = await signUp();
      const second = await signIn(email);
      const third = await signIn(email);
      // Cached sessions must be refused too, not only the rows.
      expect((await second.b.get('/api/v1/auth/me')).status).toBe(200);

      const res = await b.delete('/api/v1/auth/sessions');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ signedOut: 2 });
      expect((await second.b.get('/api/v1/auth/me')).status).toBe(401);
      expect((await third.b.get('/api/v1/auth/me')).status).toBe(401);
      const [current] = (await b.get('/api/v1/auth/sessions')).body as Array<{
        id: string;
        current: boolean;
      }>;
      expect(current?.current).toBe(true);

      const here = await b.delete(`/api/v1/auth/sessions/${current?.id}`);
      expect(here.status).toBe(204);
      expect(
        ([] as string[])
          .concat(here.headers['set-cookie'] ?? [])
          .some((c) => /^orca_session=;/.test(c)),
      ).toBe(true);
      expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    });

    it('tells live connections which sessions ended', async () => {
      const { b, email, secret } = await signUp();
      const other = await signIn(email);
      const ended: SessionsEnded[] = [];
      const subscription = app.app
        .get(SessionsService)
        .ended$.subscribe((event) => ended.push(event));
      try {
        await b.delete('/api/v1/auth/sessions');
      } finally {
        subscription.unsubscribe();
      }
      expect(ended).toHaveLength(1);
      expect(ended[0]?.sessionIds).toEqual([sha256Hex(other.secret)]);
      expect(ended[0]?.sessionIds).not.toContain(sha256Hex(secret));
    });
  });

  describe('GET /auth/session (the web app’s start-up probe)', () => {
    it('answers 200 with the person when signed in', async () => {
      const { b, email } = await signUp();
      const res = await b.get('/api/v1/auth/session');
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email, displayName: 'Ana Lima' });
      expect(res.body.user).not.toHaveProperty('passwordHash');
    });

    it('answers 200 with user null when signed out, when the cookie is stale and when a token is bad', async () => {
      const signedOut = await request(server()).get('/api/v1/auth/session');
      const stale = await request(server())
        .get('/api/v1/auth/session')
        .set('Cookie', 'orca_session=no-such-session');
      const badToken = await request(server())
        .get('/api/v1/auth/session')
        .set('Authorization', 'Bearer orca_pat_nope');
      for (const res of [signedOut, stale, badToken]) {
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ user: null });
      }
      // The API clients' contract stays: /auth/me without a session is a 401.
      expect((await request(server()).get('/api/v1/auth/me')).status).toBe(401);
    });
  });
});

describe('password checks on account routes are rate-limited like sign-in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule], {
      env: { AUTH_RATE_LIMIT: '3', TRUST_PROXY: 'true' },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  // A shared Redis carries other suites' sign-up counts for 127.0.0.1 (limit 3 here): this browser
  // comes from an address of its own, so only its own attempts count.
  it('answers 429 after too many password guesses, and never counts a plain rename', async () => {
    const b = browserAgent(app, { address: uniqueAddress() });
    await b.post('/api/v1/auth/register', {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      displayName: 'Ana',
    });
    for (let rename = 0; rename < 5; rename++) {
      const res = await b.patch('/api/v1/auth/me', {
        displayName: `Ana ${rename}`,
      });
      expect(res.status).toBe(200);
    }
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push(
        (
          await b.post('/api/v1/auth/password', {
            currentPassword: `guess number ${attempt}`,
            newPassword: NEW_PASSWORD,
          })
        ).status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});

/** A documentation-range IPv6 address no other run has used (2001:db8::/32, RFC 3849). */
function uniqueAddress(): string {
  const hex = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8:${hex()}:${hex()}::${hex()}`;
}

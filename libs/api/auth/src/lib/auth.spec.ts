import { Controller, Get, Post } from '@nestjs/common';
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

@Controller('probe')
class ProbeController {
  @Authenticated()
  @Post('write')
  write(@CurrentPrincipal() principal: Principal) {
    return { by: principal.email, via: principal.via };
  }

  /** Deliberately undecorated: the guard must refuse it. */
  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

const PASSWORD = TEST_PASSWORD;
const browser = browserAgent;

describe('accounts, sessions and API tokens (HTTP, real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule], { env: { BODY_LIMIT: '1mb' } });
    // The probe controller lives outside AuthModule, like any feature's controllers.
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function signUp(email = uniqueEmail()) {
    const b = browser(app);
    const res = await b.post('/api/v1/auth/register', {
      email,
      password: PASSWORD,
      displayName: 'Ana Lima',
    });
    expect(res.status).toBe(201);
    return { b, email, res };
  }

  it('signs a new person up, sets an HttpOnly SameSite=Lax session cookie, and knows them afterwards', async () => {
    const email = uniqueEmail('Ana');
    const { b, res } = await signUp(email);
    expect(res.body).toMatchObject({
      email: email.toLowerCase(),
      displayName: 'Ana Lima',
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'])
      .find((c) => c.startsWith('orca_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await b.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email.toLowerCase());
  });

  it('refuses a duplicate email with 409 email_taken naming the field, case-insensitively', async () => {
    const { email } = await signUp();
    const res = await browser(app).post('/api/v1/auth/register', {
      email: email.toUpperCase(),
      password: PASSWORD,
      displayName: 'Other',
    });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'email_taken',
      errors: [{ field: 'email' }],
    });
  });

  it('says what a weak password needs', async () => {
    const res = await browser(app).post('/api/v1/auth/register', {
      email: uniqueEmail(),
      password: 'short',
      displayName: 'X',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'password',
          message: expect.stringContaining('at least 10 characters'),
        }),
      ]),
    );
  });

  it('refuses malformed JSON, wrong types and unknown fields with problem details naming the field', async () => {
    const server = app.app.getHttpServer();
    const malformed = await request(server)
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');

    const wrongType = await request(server)
      .post('/api/v1/auth/register')
      .send({ email: 42, password: PASSWORD, displayName: 'X' });
    expect(wrongType.status).toBe(400);
    expect(
      wrongType.body.errors.map((e: { field: string }) => e.field),
    ).toContain('email');

    const unknown = await request(server)
      .post('/api/v1/auth/register')
      .send({
        email: uniqueEmail(),
        password: PASSWORD,
        displayName: 'X',
        isAdmin: true,
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        field: 'isAdmin',
        message: 'isAdmin is not a known field',
      }),
    ]);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await request(app.app.getHttpServer())
      .post('/api/v1/auth/register')
      .send({
        email: uniqueEmail(),
        password: PASSWORD,
        displayName: 'x'.repeat(2 * 1024 * 1024),
      });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await signUp();
    const wrongPassword = await browser(app).post('/api/v1/auth/login', {
      email,
      password: 'not the password at all',
    });
    const unknownEmail = await browser(app).post('/api/v1/auth/login', {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      ...unknownEmail.body,
      instance: wrongPassword.body.instance,
    });
    expect(wrongPassword.body.code).toBe('invalid_credentials');
  });

  it('starts a new session at login and ends it at logout', async () => {
    const { b, email } = await signUp();
    const before = (await b.get('/api/v1/auth/me')).status;
    const login = await b.post('/api/v1/auth/login', {
      email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(before).toBe(200);
    const logout = await b.post('/api/v1/auth/logout');
    expect(logout.status).toBe(204);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('requires the X-XSRF-TOKEN header on unsafe cookie-authenticated requests', async () => {
    const { b } = await signUp();
    const withoutHeader = await b.post('/api/v1/auth/logout', {}, false);
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.code).toBe('csrf_failed');
    expect((await b.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('issues an API token once, accepts it as a bearer token without CSRF, and stops accepting it when revoked', async () => {
    const { b, email } = await signUp();
    const created = await b.post('/api/v1/auth/tokens', { name: 'CI export' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^orca_pat_/);
    expect(created.body.prefix).toBe(
      token.slice(0, created.body.prefix.length),
    );

    const listed = await b.get('/api/v1/auth/tokens');
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).not.toHaveProperty('token');

    const server = app.app.getHttpServer();
    const me = await request(server)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    const createdWithToken = await request(server)
      .post('/api/v1/auth/tokens')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'second' });
    expect(createdWithToken.status).toBe(201);

    expect(
      (await b.delete(`/api/v1/auth/tokens/${created.body.id}`)).status,
    ).toBe(204);
    const after = await request(server)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
  });

  it('answers 404 for a malformed token id rather than a server error', async () => {
    const { b } = await signUp();
    const res = await b.delete('/api/v1/auth/tokens/not-a-uuid');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('token_not_found');
  });

  it('answers 401 without a session', async () => {
    const res = await request(app.app.getHttpServer()).get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated' });
  });
});

describe('guards every route (fail closed) and rate-limits sign-in', () => {
  let app: TestApp;

  beforeAll(async () => {
    const { Module } = await import('@nestjs/common');
    @Module({ controllers: [ProbeController] })
    class ProbeModule {}
    app = await createTestApp([AuthModule, ProbeModule], {
      env: { AUTH_RATE_LIMIT: '3' },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('refuses a route that carries neither @Public() nor @Authenticated()', async () => {
    const res = await request(app.app.getHttpServer()).get(
      '/api/v1/probe/forgotten',
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('route_not_protected');
  });

  it('answers 429 after too many sign-in attempts for one email, without locking out another', async () => {
    const server = app.app.getHttpServer();
    const email = uniqueEmail('target');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push(
        (
          await request(server)
            .post('/api/v1/auth/login')
            .send({ email, password: 'wrong password 1' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const other = await request(server)
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail('colleague'), password: 'wrong password 1' });
    expect(other.status).toBe(401);
  });
});

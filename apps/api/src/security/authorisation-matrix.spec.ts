import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  MESSAGE_MAPPING_METADATA,
  MESSAGE_METADATA,
} from '@nestjs/websockets/constants';
import {
  ApiTokensService,
  AUTHENTICATED_KEY,
  type AuthenticatedOptions,
  SessionsService,
  sha256Hex,
  UserEntity,
} from '@orca/api/auth';
import { IS_PUBLIC_KEY } from '@orca/api/core';
import { CollabIoAdapter } from '@orca/api/collaboration';
import {
  createTestApp,
  signedUpBrowser,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { buildExportWorker } from '@orca/api/export/testing';
import { buildForagingWorker } from '@orca/api/foraging/testing';
import { ChangePipeline } from '@orca/api/model';
import {
  type ChangeApplied,
  type CollabClientEvents,
  type CollabServerEvents,
  type JoinResponse,
  type LockResponse,
  type PresenceState,
  SESSION_COOKIE,
  type SubmitResponse,
  XSRF_COOKIE,
  XSRF_HEADER,
} from '@orca/shared/contracts';
import { PROJECT_ROLES, type ProjectRole } from '@orca/shared/domain';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../app/app.module';
import {
  type AccessRule,
  HTTP_ACCESS_RULES,
  OUTSIDE_OPENAPI,
  SOCKET_ACCESS_RULES,
} from './access-rules';

/*
 * The authorisation matrix (decision 0024): every REST route and every socket event, called by
 * every kind of caller, against the policy in access-rules.ts. The rule table is checked against
 * the routes the running app serves and against the committed OpenAPI spec, both ways.
 */

type Json = Record<string, unknown>;
type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;
type OpenApi = {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; responses: Record<string, unknown> }>
  >;
};

const WORKSPACE = join(__dirname, '../../../..');
const SPEC: OpenApi = JSON.parse(
  readFileSync(join(__dirname, '../../openapi.json'), 'utf8'),
);
const XSRF = 'matrix-xsrf-token';
const METRICS_TOKEN = 'matrix-metrics-scraper-secret';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCESS_CODES = new Set([
  'unauthenticated',
  'invalid_token',
  'csrf_failed',
  'project_not_found',
  'insufficient_role',
  'route_not_protected',
]);

/** A person with an account: their own session and token (callers) and a setup token (fixtures). */
interface Person {
  id: string;
  email: string;
  name: string;
  session: string;
  token: string;
  setup: string;
}

type CallerKind =
  | 'anonymous'
  | 'session'
  | 'token'
  | 'revoked token'
  | 'expired token'
  | 'expired session'
  | 'session without X-XSRF-TOKEN';

/** What a caller is to project A: not signed in at all, not a member, or a member with a role. */
type Standing = 'nobody' | 'outsider' | ProjectRole;

interface Caller {
  name: string;
  kind: CallerKind;
  standing: Standing;
  person?: Person;
  session?: string;
  token?: string;
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

interface Recipe {
  /**
   * The request ends or replaces the caller's own credentials (sign-in, sign-out, a new
   * password…): each check gets a caller of the same kind on a new account of its own.
   */
  freshCaller?: boolean;
  call(caller: Caller): Promise<Call> | Call;
}

interface Outcome {
  status: number;
  code?: string;
}

const roleRank = (role: ProjectRole) => PROJECT_ROLES.indexOf(role);
const effectiveRole = (rule: AccessRule): ProjectRole | null =>
  typeof rule === 'object'
    ? rule.others
    : rule === 'public' || rule === 'signed-in' || rule === 'metrics-token'
      ? null
      : rule;

/** What the policy says this caller gets, or null when it lets them through. */
function refusalFor(
  rule: AccessRule,
  method: string,
  caller: Caller,
): Outcome | null {
  if (rule === 'public') return null;
  // No person's credentials open the metrics: only the scraper's secret does.
  if (rule === 'metrics-token')
    return { status: 401, code: 'metrics_token_required' };
  if (caller.kind === 'anonymous' || caller.kind === 'expired session')
    return { status: 401, code: 'unauthenticated' };
  if (caller.kind === 'revoked token' || caller.kind === 'expired token')
    return { status: 401, code: 'invalid_token' };
  if (caller.kind === 'session without X-XSRF-TOKEN' && UNSAFE.has(method))
    return { status: 403, code: 'csrf_failed' };
  const needed = effectiveRole(rule);
  if (!needed) return null;
  if (caller.standing === 'outsider' || caller.standing === 'nobody')
    return { status: 404, code: 'project_not_found' };
  if (roleRank(caller.standing) < roleRank(needed))
    return { status: 403, code: 'insufficient_role' };
  return null;
}

function successStatus(key: string): number {
  const [method = '', path = ''] = key.split(' ');
  const responses = SPEC.paths[path]?.[method.toLowerCase()]?.responses ?? {};
  const documented = Object.keys(responses)
    .map(Number)
    .find((status) => status >= 200 && status < 300);
  return documented ?? 200;
}

describe('authorisation matrix: every route and socket event × every kind of caller', () => {
  let app: TestApp;
  let socketUrl: string;
  let db: DataSource;
  const sockets: ClientSocket[] = [];
  const figures: Record<string, Json> = {};

  const server = () => app.app.getHttpServer();

  beforeAll(async () => {
    app = await createTestApp([], {
      root: (config) => AppModule.forRoot(config),
      env: {
        EXPORT_WORKER_FILE: buildExportWorker(),
        EXPORT_THREADS: '1',
        FORAGING_WORKER_FILE: buildForagingWorker(),
        METRICS_TOKEN,
      },
      configure: async (nest, config) => {
        const adapter = new CollabIoAdapter(nest, config);
        await adapter.connect();
        nest.useWebSocketAdapter(adapter);
      },
    });
    await app.app.listen(0, '127.0.0.1');
    socketUrl = `${await app.app.getUrl()}/collab`.replace(
      '[::1]',
      '127.0.0.1',
    );
    db = app.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
    await app?.close();
    const dir = join(WORKSPACE, 'tmp', 'security');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'authorisation-matrix.json'),
      `${JSON.stringify(figures, null, 2)}\n`,
    );
  });

  // ---- HTTP helpers ------------------------------------------------------------------------

  /** A request as the given caller would send it (a browser with its cookies, or a script). */
  function send(
    caller: Caller,
    method: string,
    path: string,
    call: Call = {},
  ): Promise<request.Response> {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch';
    let pending = request(server())[verb](path);
    if (call.query) pending = pending.query(call.query);
    if (caller.token)
      pending = pending.set('Authorization', `Bearer ${caller.token}`);
    const cookies = [`${XSRF_COOKIE}=${XSRF}`];
    if (caller.session) cookies.push(`${SESSION_COOKIE}=${caller.session}`);
    if (!caller.token) pending = pending.set('Cookie', cookies.join('; '));
    if (!caller.token && caller.kind !== 'session without X-XSRF-TOKEN')
      pending = pending.set(XSRF_HEADER, XSRF);
    return call.body === undefined
      ? pending
      : pending.send(call.body as object);
  }

  /** Fixture calls with a person's setup token; anything but 2xx is a broken fixture. */
  async function as(
    person: Person,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: object,
  ): Promise<Json> {
    const response = await send(
      {
        name: 'setup',
        kind: 'token',
        standing: 'outsider',
        token: person.setup,
      },
      method,
      `/api/v1${path}`,
      { body },
    );
    if (response.status >= 300)
      throw new Error(
        `fixture ${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as Json;
  }

  async function signIn(email: string): Promise<string> {
    const response = await request(server())
      .post('/api/v1/auth/login')
      .send({ email, password: TEST_PASSWORD });
    const cookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((value) => value.startsWith(`${SESSION_COOKIE}=`));
    if (response.status !== 200 || !cookie)
      throw new Error(`sign-in failed: ${response.status}`);
    return (cookie.split(';')[0] ?? '').slice(SESSION_COOKIE.length + 1);
  }

  async function person(label: string): Promise<Person> {
    const { browser, user } = await signedUpBrowser(
      app,
      uniqueEmail(label),
      label,
    );
    const session = /orca_session=([^;]+)/.exec(browser.cookies())?.[1] ?? '';
    const token = (
      await browser.post('/api/v1/auth/tokens', { name: 'caller' })
    ).body.token as string;
    const setup = (await browser.post('/api/v1/auth/tokens', { name: 'setup' }))
      .body.token as string;
    return { ...user, name: label, session, token, setup };
  }

  let knownHash: string | null = null;

  /**
   * A person made straight through the services, with TEST_PASSWORD: for the many throw-away
   * accounts of the matrix (sign-up itself is a route of the matrix; argon2 for each account
   * would double the suite's time).
   */
  async function quickPerson(label: string): Promise<Person> {
    if (!knownHash) {
      const [row]: Array<{ hash: string }> = await db.query(
        'SELECT password_hash AS hash FROM users WHERE id = $1',
        [w.facilitator.id],
      );
      knownHash = row?.hash ?? null;
    }
    const user = await db.getRepository(UserEntity).save({
      email: uniqueEmail(label),
      displayName: label,
      passwordHash: knownHash ?? '',
    });
    const tokens = app.app.get(ApiTokensService);
    return {
      id: user.id,
      email: user.email,
      name: label,
      session: await app.app.get(SessionsService).start(user, {}),
      token: (await tokens.create(user.id, { name: 'caller' })).token,
      setup: (await tokens.create(user.id, { name: 'setup' })).token,
    };
  }

  /** Invites and accepts: `who` becomes a member of the project with `role`. */
  async function addMember(
    owner: Person,
    projectId: string,
    who: Person,
    role: ProjectRole,
  ): Promise<void> {
    const invitation = await as(
      owner,
      'POST',
      `/projects/${projectId}/invitations`,
      {
        email: who.email,
        role,
      },
    );
    const token = new URL(invitation['acceptUrl'] as string).pathname
      .split('/')
      .pop() as string;
    await as(who, 'POST', `/invitations/${token}/accept`);
  }

  async function inviteToken(
    owner: Person,
    projectId: string,
    email: string,
  ): Promise<{ id: string; token: string }> {
    const invitation = await as(
      owner,
      'POST',
      `/projects/${projectId}/invitations`,
      {
        email,
        role: 'viewer',
      },
    );
    return {
      id: invitation['id'] as string,
      token: new URL(invitation['acceptUrl'] as string).pathname
        .split('/')
        .pop() as string,
    };
  }

  /** A caller of the given kind for this person (revoked and expired ones are made here). */
  async function callerOf(
    kind: CallerKind,
    who: Person | undefined,
    standing: Standing,
    name: string,
  ): Promise<Caller> {
    const base: Caller = { name, kind, standing, person: who };
    if (!who || kind === 'anonymous') return { ...base, person: undefined };
    switch (kind) {
      case 'session':
      case 'session without X-XSRF-TOKEN':
        return { ...base, session: who.session };
      case 'token':
        return { ...base, token: who.token };
      case 'revoked token': {
        const created = await as(who, 'POST', '/auth/tokens', {
          name: 'revoked',
        });
        await as(who, 'DELETE', `/auth/tokens/${created['id'] as string}`);
        return { ...base, token: created['token'] as string };
      }
      case 'expired token': {
        const created = await as(who, 'POST', '/auth/tokens', {
          name: 'expiring',
          expiresInDays: 1,
        });
        await db.query(
          `UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`,
          [created['id']],
        );
        return { ...base, token: created['token'] as string };
      }
      case 'expired session': {
        const secret = await signIn(who.email);
        await db.query(
          `UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`,
          [sha256Hex(secret)],
        );
        return { ...base, session: secret };
      }
    }
  }

  // ---- the world ---------------------------------------------------------------------------

  interface World {
    facilitator: Person;
    contributor: Person;
    viewer: Person;
    outsider: Person;
    /** A contributor of A that no caller is: the target of role changes, the lock holder. */
    watcher: Person;
    /** Signs in for the sign-in route. */
    loginTarget: Person;
    /** Owns project B (the other project of the IDOR attempts) and side projects. */
    bob: Person;
    projectA: string;
    a: ProjectItems;
    projectB: string;
    b: ProjectItems;
    invitationPreview: string;
  }

  interface ProjectItems {
    object: string;
    other: string;
    reorderObject: string;
    relationship: string;
    role: string;
    cta: string;
    attribute: string;
    snapshot: string;
    source: string;
    invitation: string;
  }

  let w: World;
  let seq = 0;
  const unique = (label: string) => `${label} ${++seq}`;

  async function items(
    owner: Person,
    projectId: string,
  ): Promise<ProjectItems> {
    const base = `/projects/${projectId}`;
    const object = await as(owner, 'POST', `${base}/objects`, { name: 'Plot' });
    const other = await as(owner, 'POST', `${base}/objects`, {
      name: 'Gardener',
    });
    const reorder = await as(owner, 'POST', `${base}/objects`, {
      name: 'Tool',
    });
    const objectId = (object['object'] as Json)['id'] as string;
    const otherId = (other['object'] as Json)['id'] as string;
    const reorderId = (reorder['object'] as Json)['id'] as string;
    const relationship = await as(owner, 'POST', `${base}/relationships`, {
      fromObjectId: objectId,
      toObjectId: otherId,
      label: 'is tended by',
      cardinality: 'many-to-one',
    });
    const role = await as(owner, 'POST', `${base}/roles`, {
      name: 'Coordinator',
    });
    const roleId = (role['role'] as Json)['id'] as string;
    const cta = await as(owner, 'POST', `${base}/ctas`, {
      roleId,
      objectId,
      verb: 'assign',
      crud: 'update',
    });
    const attribute = await as(owner, 'POST', `${base}/attributes`, {
      objectId,
      name: 'Size',
      type: 'number',
      kind: 'metadata',
    });
    for (const name of ['Weight', 'Brand'])
      await as(owner, 'POST', `${base}/attributes`, {
        objectId: reorderId,
        name,
        type: 'text',
        kind: 'core',
      });
    const snapshot = await as(owner, 'POST', `${base}/snapshots`, {
      name: 'Baseline',
    });
    const source = await as(owner, 'POST', `${base}/foraging`, {
      name: 'Interview',
      text: 'Gardeners rent plots. A coordinator assigns each plot to a gardener.',
    });
    const invitation = await inviteToken(
      owner,
      projectId,
      uniqueEmail('pending'),
    );
    return {
      object: objectId,
      other: otherId,
      reorderObject: reorderId,
      relationship: (relationship['relationship'] as Json)['id'] as string,
      role: roleId,
      cta: (cta['cta'] as Json)['id'] as string,
      attribute: (attribute['attribute'] as Json)['id'] as string,
      snapshot: snapshot['id'] as string,
      source: (source['source'] as Json)['id'] as string,
      invitation: invitation.id,
    };
  }

  async function project(owner: Person, name: string): Promise<string> {
    return (await as(owner, 'POST', '/projects', { name }))['id'] as string;
  }

  /** A new project where the callers hold the same roles as in A (for deleting it). */
  async function freshProjectA(): Promise<string> {
    const id = await project(w.facilitator, 'Doomed');
    await addMember(w.facilitator, id, w.viewer, 'viewer');
    await addMember(w.facilitator, id, w.contributor, 'contributor');
    return id;
  }

  const created = async (
    collection: string,
    body: object,
    key: string,
  ): Promise<string> =>
    (
      (
        await as(
          w.facilitator,
          'POST',
          `/projects/${w.projectA}/${collection}`,
          body,
        )
      )[key] as Json
    )['id'] as string;
  const freshObject = () =>
    created('objects', { name: unique('Spare') }, 'object');

  beforeAll(async () => {
    const [
      facilitator,
      contributor,
      viewer,
      outsider,
      watcher,
      loginTarget,
      bob,
    ] = await Promise.all(
      [
        'Fay Facilitator',
        'Cal Contributor',
        'Vera Viewer',
        'Otto Outsider',
        'Wanda Watcher',
        'Lena Login',
        'Bob Other',
      ].map((label) => person(label)),
    );
    const projectA = await project(facilitator as Person, 'Community garden');
    const projectB = await project(bob as Person, 'Bob’s secret project');
    w = {
      facilitator: facilitator as Person,
      contributor: contributor as Person,
      viewer: viewer as Person,
      outsider: outsider as Person,
      watcher: watcher as Person,
      loginTarget: loginTarget as Person,
      bob: bob as Person,
      projectA,
      projectB,
      a: await items(facilitator as Person, projectA),
      b: await items(bob as Person, projectB),
      invitationPreview: '',
    };
    await addMember(w.facilitator, projectA, w.viewer, 'viewer');
    await addMember(w.facilitator, projectA, w.contributor, 'contributor');
    await addMember(w.facilitator, projectA, w.watcher, 'contributor');
    w.invitationPreview = (
      await inviteToken(w.facilitator, projectA, uniqueEmail('preview'))
    ).token;
  }, 120_000);

  /** The callers of the matrix: who they are and what they are to project A. */
  async function callers(): Promise<Caller[]> {
    const list: Array<[CallerKind, Person | undefined, Standing]> = [
      ['anonymous', undefined, 'nobody'],
      ['session', w.outsider, 'outsider'],
      ['token', w.outsider, 'outsider'],
      ['session', w.viewer, 'viewer'],
      ['token', w.viewer, 'viewer'],
      ['session', w.contributor, 'contributor'],
      ['token', w.contributor, 'contributor'],
      ['session', w.facilitator, 'facilitator'],
      ['token', w.facilitator, 'facilitator'],
      ['revoked token', w.facilitator, 'facilitator'],
      ['expired token', w.facilitator, 'facilitator'],
      ['expired session', w.facilitator, 'facilitator'],
      ['session without X-XSRF-TOKEN', w.facilitator, 'facilitator'],
    ];
    return Promise.all(
      list.map(([kind, who, standing]) =>
        callerOf(
          kind,
          who,
          standing,
          kind === 'anonymous'
            ? 'anonymous'
            : `${standing === 'outsider' ? 'non-member' : standing} ${kind}`,
        ),
      ),
    );
  }

  /** Each check's caller: the shared one, or the same kind on a new account. */
  async function freshCaller(template: Caller): Promise<Caller> {
    if (template.kind === 'anonymous') return template;
    const who = await quickPerson(`Fresh ${template.name}`);
    return callerOf(template.kind, who, template.standing, template.name);
  }

  // ---- how to call each route -----------------------------------------------------------

  const A = () => ({ projectId: w.projectA });
  const whoever = (caller: Caller) => caller.person ?? w.facilitator;

  const RECIPES: Record<string, Recipe> = {
    'GET /api/health/live': { call: () => ({}) },
    'GET /api/health/ready': { call: () => ({}) },
    'GET /metrics': { call: () => ({}) },
    'POST /api/v1/auth/register': {
      freshCaller: true,
      call: () => ({
        body: {
          email: uniqueEmail('matrix-sign-up'),
          password: TEST_PASSWORD,
          displayName: 'New Person',
        },
      }),
    },
    'POST /api/v1/auth/login': {
      freshCaller: true,
      call: () => ({
        body: { email: w.loginTarget.email, password: TEST_PASSWORD },
      }),
    },
    'GET /api/v1/auth/session': { call: () => ({}) },
    'POST /api/v1/auth/logout': { freshCaller: true, call: () => ({}) },
    'GET /api/v1/auth/me': { call: () => ({}) },
    'PATCH /api/v1/auth/me': {
      call: (caller) => ({ body: { displayName: whoever(caller).name } }),
    },
    'POST /api/v1/auth/password': {
      freshCaller: true,
      call: () => ({
        body: {
          currentPassword: TEST_PASSWORD,
          newPassword: 'quiet meadow lantern 4417',
        },
      }),
    },
    'GET /api/v1/auth/sessions': { call: () => ({}) },
    'DELETE /api/v1/auth/sessions': { freshCaller: true, call: () => ({}) },
    'DELETE /api/v1/auth/sessions/{sessionId}': {
      call: async (caller) => {
        // Another session of the caller's own account, signed in just now.
        const secret = await signIn(whoever(caller).email);
        const listed = await request(server())
          .get('/api/v1/auth/sessions')
          .set('Cookie', `${SESSION_COOKIE}=${secret}`);
        const mine = (
          listed.body as Array<{ id: string; current: boolean }>
        ).find((session) => session.current);
        return { params: { sessionId: mine?.id ?? '' } };
      },
    },
    'GET /api/v1/auth/tokens': { call: () => ({}) },
    'POST /api/v1/auth/tokens': { call: () => ({ body: { name: 'matrix' } }) },
    'DELETE /api/v1/auth/tokens/{tokenId}': {
      call: async (caller) => ({
        params: {
          tokenId: (
            await as(whoever(caller), 'POST', '/auth/tokens', {
              name: 'doomed',
            })
          )['id'] as string,
        },
      }),
    },
    'GET /api/v1/invitations/{token}': {
      call: () => ({ params: { token: w.invitationPreview } }),
    },
    'POST /api/v1/invitations/{token}/accept': {
      call: async (caller) => {
        // An invitation for the caller's own address, to a project of someone else.
        const side = await project(w.bob, 'Side project');
        return {
          params: {
            token: (await inviteToken(w.bob, side, whoever(caller).email))
              .token,
          },
        };
      },
    },
    'GET /api/v1/projects': { call: () => ({}) },
    'POST /api/v1/projects': {
      call: () => ({ body: { name: 'Matrix project' } }),
    },
    'POST /api/v1/projects/import': {
      call: () => ({
        body: {
          format: 'orca-project',
          version: 1,
          project: { name: 'Imported', description: '' },
        },
      }),
    },
    'GET /api/v1/projects/{projectId}': { call: () => ({ params: A() }) },
    'PATCH /api/v1/projects/{projectId}': {
      call: () => ({ params: A(), body: { description: 'Tended together' } }),
    },
    'DELETE /api/v1/projects/{projectId}': {
      call: async () => ({ params: { projectId: await freshProjectA() } }),
    },
    'GET /api/v1/projects/{projectId}/members': {
      call: () => ({ params: A() }),
    },
    'PATCH /api/v1/projects/{projectId}/members/{userId}': {
      call: () => ({
        params: { ...A(), userId: w.watcher.id },
        body: { role: 'contributor' },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/members/{userId}': {
      // Removing someone else (leaving is the caller's own business, open to every member).
      call: async () => {
        const member = await quickPerson('Removable Member');
        await addMember(w.facilitator, w.projectA, member, 'viewer');
        return { params: { ...A(), userId: member.id } };
      },
    },
    'GET /api/v1/projects/{projectId}/invitations': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/invitations': {
      call: () => ({
        params: A(),
        body: { email: uniqueEmail('invitee'), role: 'viewer' },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/invitations/{invitationId}': {
      call: async () => ({
        params: {
          ...A(),
          invitationId: (
            await inviteToken(w.facilitator, w.projectA, uniqueEmail('revoked'))
          ).id,
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/model': { call: () => ({ params: A() }) },
    'GET /api/v1/projects/{projectId}/nom': { call: () => ({ params: A() }) },
    'GET /api/v1/projects/{projectId}/cta-matrix': {
      call: () => ({ params: A() }),
    },
    'GET /api/v1/projects/{projectId}/validation': {
      call: () => ({ params: A() }),
    },
    'GET /api/v1/projects/{projectId}/validation/settings': {
      call: () => ({ params: A() }),
    },
    'PUT /api/v1/projects/{projectId}/validation/settings': {
      call: () => ({ params: A(), body: { disabledRules: [] } }),
    },
    'GET /api/v1/projects/{projectId}/changes': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/changes': {
      call: () => ({
        params: A(),
        body: {
          change: {
            kind: 'object.update',
            id: w.a.object,
            patch: { definition: unique('A bed of soil') },
          },
        },
      }),
    },
    'POST /api/v1/projects/{projectId}/changes/undo': {
      call: async (caller) => {
        // A change of the caller's own to undo (members only: it goes straight to the pipeline).
        if (caller.person && caller.standing !== 'outsider')
          await app.app.get(ChangePipeline).submit({
            projectId: w.projectA,
            actorId: caller.person.id,
            clientId: `matrix:${caller.person.id}`,
            mutationId: randomUUID(),
            change: {
              kind: 'object.update',
              id: w.a.other,
              patch: { definition: unique('Undo me') },
            },
          });
        return { params: A(), body: {} };
      },
    },
    'POST /api/v1/projects/{projectId}/roles/starter-set': {
      call: () => ({ params: A(), body: { names: ['Coordinator'] } }),
    },
    'POST /api/v1/projects/{projectId}/attributes/reorder': {
      call: async () => {
        const { model } = await app.app.get(ChangePipeline).read(w.projectA);
        const ids = Object.values(model.attributes)
          .filter((attribute) => attribute.objectId === w.a.reorderObject)
          .map((attribute) => attribute.id)
          .reverse();
        return {
          params: A(),
          body: { objectId: w.a.reorderObject, attributeIds: ids },
        };
      },
    },
    'POST /api/v1/projects/{projectId}/import/csv': {
      call: () => ({
        params: A(),
        body: { objects: `name\n${unique('Csv object')}` },
      }),
    },
    'GET /api/v1/projects/{projectId}/export': {
      call: () => ({ params: A(), query: { format: 'json' } }),
    },
    'GET /api/v1/projects/{projectId}/objects': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/objects': {
      call: () => ({ params: A(), body: { name: unique('Object') } }),
    },
    'GET /api/v1/projects/{projectId}/objects/{itemId}': {
      call: () => ({ params: { ...A(), itemId: w.a.object } }),
    },
    'PATCH /api/v1/projects/{projectId}/objects/{itemId}': {
      call: () => ({
        params: { ...A(), itemId: w.a.object },
        body: { definition: unique('Patched') },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/objects/{itemId}': {
      call: async () => ({ params: { ...A(), itemId: await freshObject() } }),
    },
    'GET /api/v1/projects/{projectId}/relationships': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/relationships': {
      call: async () => ({
        params: A(),
        body: {
          fromObjectId: await freshObject(),
          toObjectId: w.a.object,
          label: 'rents',
          cardinality: 'one-to-many',
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/relationships/{itemId}': {
      call: () => ({ params: { ...A(), itemId: w.a.relationship } }),
    },
    'PATCH /api/v1/projects/{projectId}/relationships/{itemId}': {
      call: () => ({
        params: { ...A(), itemId: w.a.relationship },
        body: { notes: unique('Seasonal') },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/relationships/{itemId}': {
      call: async () => ({
        params: {
          ...A(),
          itemId: await created(
            'relationships',
            {
              fromObjectId: await freshObject(),
              toObjectId: w.a.object,
              label: 'uses',
              cardinality: 'one-to-one',
            },
            'relationship',
          ),
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/roles': { call: () => ({ params: A() }) },
    'POST /api/v1/projects/{projectId}/roles': {
      call: () => ({ params: A(), body: { name: unique('Role') } }),
    },
    'GET /api/v1/projects/{projectId}/roles/{itemId}': {
      call: () => ({ params: { ...A(), itemId: w.a.role } }),
    },
    'PATCH /api/v1/projects/{projectId}/roles/{itemId}': {
      call: () => ({
        params: { ...A(), itemId: w.a.role },
        body: { description: unique('Runs the garden') },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/roles/{itemId}': {
      call: async () => ({
        params: {
          ...A(),
          itemId: await created(
            'roles',
            { name: unique('Doomed role') },
            'role',
          ),
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/ctas': { call: () => ({ params: A() }) },
    'POST /api/v1/projects/{projectId}/ctas': {
      call: () => ({
        params: A(),
        body: {
          roleId: w.a.role,
          objectId: w.a.object,
          verb: unique('inspect'),
          crud: 'read',
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/ctas/{itemId}': {
      call: () => ({ params: { ...A(), itemId: w.a.cta } }),
    },
    'PATCH /api/v1/projects/{projectId}/ctas/{itemId}': {
      call: () => ({
        params: { ...A(), itemId: w.a.cta },
        body: { userStory: unique('As a coordinator') },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/ctas/{itemId}': {
      call: async () => ({
        params: {
          ...A(),
          itemId: await created(
            'ctas',
            {
              roleId: w.a.role,
              objectId: w.a.object,
              verb: unique('discard'),
              crud: 'delete',
            },
            'cta',
          ),
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/attributes': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/attributes': {
      call: () => ({
        params: A(),
        body: {
          objectId: w.a.object,
          name: unique('Attribute'),
          type: 'text',
          kind: 'core',
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/attributes/{itemId}': {
      call: () => ({ params: { ...A(), itemId: w.a.attribute } }),
    },
    'PATCH /api/v1/projects/{projectId}/attributes/{itemId}': {
      call: () => ({
        params: { ...A(), itemId: w.a.attribute },
        body: { description: unique('Square metres') },
      }),
    },
    'DELETE /api/v1/projects/{projectId}/attributes/{itemId}': {
      call: async () => ({
        params: {
          ...A(),
          itemId: await created(
            'attributes',
            {
              objectId: w.a.object,
              name: unique('Doomed attribute'),
              type: 'text',
              kind: 'core',
            },
            'attribute',
          ),
        },
      }),
    },
    'GET /api/v1/projects/{projectId}/snapshots': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/snapshots': {
      call: () => ({ params: A(), body: { name: unique('Snapshot') } }),
    },
    'GET /api/v1/projects/{projectId}/snapshots/{snapshotId}': {
      call: () => ({ params: { ...A(), snapshotId: w.a.snapshot } }),
    },
    'GET /api/v1/projects/{projectId}/snapshots/{snapshotId}/export': {
      call: () => ({
        params: { ...A(), snapshotId: w.a.snapshot },
        query: { format: 'json' },
      }),
    },
    'GET /api/v1/projects/{projectId}/snapshots/{a}/diff/{b}': {
      call: () => ({ params: { ...A(), a: w.a.snapshot, b: 'current' } }),
    },
    'POST /api/v1/projects/{projectId}/snapshots/{snapshotId}/restore': {
      call: () => ({ params: { ...A(), snapshotId: w.a.snapshot }, body: {} }),
    },
    'GET /api/v1/projects/{projectId}/foraging': {
      call: () => ({ params: A() }),
    },
    'POST /api/v1/projects/{projectId}/foraging': {
      call: () => ({
        params: A(),
        body: { name: unique('Notes'), text: 'Volunteers water the plots.' },
      }),
    },
    'GET /api/v1/projects/{projectId}/foraging/{sourceId}': {
      call: () => ({ params: { ...A(), sourceId: w.a.source } }),
    },
    'DELETE /api/v1/projects/{projectId}/foraging/{sourceId}': {
      call: async () => ({
        params: {
          ...A(),
          sourceId: (
            (
              await as(
                w.facilitator,
                'POST',
                `/projects/${w.projectA}/foraging`,
                {
                  name: unique('Doomed notes'),
                  text: 'Tools are kept in the shed.',
                },
              )
            )['source'] as Json
          )['id'] as string,
        },
      }),
    },
  };

  function fill(template: string, params: Record<string, string> = {}): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined)
        throw new Error(`${template}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
  }

  // ---- the route table -----------------------------------------------------------------

  /** Every route the running app serves, read from Nest's controllers as the router mounts them. */
  function servedRoutes(): Map<
    string,
    { isPublic: boolean; options?: AuthenticatedOptions }
  > {
    const routes = new Map<
      string,
      { isPublic: boolean; options?: AuthenticatedOptions }
    >();
    // The Express router knows the real paths (prefix, version); Nest's metadata knows the guard's.
    const router = (
      app.app.getHttpAdapter().getInstance() as {
        router: {
          stack: Array<{
            route?: { path: string; methods: Record<string, boolean> };
          }>;
        };
      }
    ).router;
    const mounted = new Set<string>();
    for (const layer of router.stack) {
      if (!layer.route) continue;
      // Layers for every method are Nest's own (the 404 catch-all under the global prefix,
      // middleware mounts), not endpoints: each endpoint of ours answers one method.
      if (Object.keys(layer.route.methods).length > 30) continue;
      for (const method of Object.keys(layer.route.methods))
        mounted.add(
          `${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
        );
    }
    const reflector = app.app.get(Reflector);
    const scanner = new MetadataScanner();
    const declared: Array<{
      method: string;
      path: string;
      isPublic: boolean;
      options?: AuthenticatedOptions;
    }> = [];
    for (const module of app.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const prototype = Object.getPrototypeOf(instance) as Record<
          string,
          unknown
        >;
        const base = String(
          Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '',
        );
        for (const name of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[name] as (...args: unknown[]) => unknown;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as
            | string
            | undefined;
          if (path === undefined) continue;
          const targets = [handler, wrapper.metatype];
          declared.push({
            method:
              RequestMethod[
                Reflect.getMetadata(METHOD_METADATA, handler) as number
              ],
            path: `/${[base, path].filter((part) => part && part !== '/').join('/')}`,
            isPublic:
              reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ===
              true,
            options: reflector.getAllAndOverride<AuthenticatedOptions>(
              AUTHENTICATED_KEY,
              targets,
            ),
          });
        }
      }
    }
    for (const key of mounted) {
      const [method = '', path = ''] = key.split(' ');
      const match = declared.find(
        (route) =>
          route.method === method &&
          path.endsWith(
            route.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, ''),
          ),
      );
      routes.set(key, {
        isPublic: match?.isPublic ?? false,
        options: match?.options,
      });
    }
    return routes;
  }

  it('has a rule for every route the app serves and every operation of openapi.json, and no rule without a route', () => {
    const served = servedRoutes();
    const documented = Object.entries(SPEC.paths).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path}`,
        ),
    );
    const rules = Object.keys(HTTP_ACCESS_RULES);
    expect(
      [...served.keys()].filter((key) => !(key in HTTP_ACCESS_RULES)),
    ).toEqual([]);
    expect(documented.filter((key) => !(key in HTTP_ACCESS_RULES))).toEqual([]);
    expect(rules.filter((key) => !served.has(key))).toEqual([]);
    // Left out of the spec on purpose, and only those.
    expect(
      rules.filter(
        (key) => documented.includes(key) === OUTSIDE_OPENAPI.has(key),
      ),
    ).toEqual([]);
    expect(rules.filter((key) => !(key in RECIPES))).toEqual([]);
    expect(
      Object.keys(RECIPES).filter((key) => !(key in HTTP_ACCESS_RULES)),
    ).toEqual([]);
    expect(served.size).toBe(rules.length);
    expect(documented.length).toBe(rules.length - OUTSIDE_OPENAPI.size);
    figures['routeTable'] = {
      rules: rules.length,
      servedRoutes: served.size,
      openapiOperations: documented.length,
    };
  });

  it('declares on each route (decorator and spec) what the rule says', () => {
    const served = servedRoutes();
    const disagreements: string[] = [];
    for (const [key, rule] of Object.entries(HTTP_ACCESS_RULES)) {
      const [method = '', path = ''] = key.split(' ');
      const route = served.get(key);
      const operation = SPEC.paths[path]?.[method.toLowerCase()];
      const guardRole =
        typeof rule === 'object'
          ? rule.guard
          : rule === 'public' || rule === 'signed-in'
            ? undefined
            : rule;
      if (rule === 'metrics-token') {
        // The guard lets it through; the route checks its own secret (asserted in the matrix).
        if (!route?.isPublic) disagreements.push(`${key}: not @Public()`);
        if (operation) disagreements.push(`${key}: in the spec`);
        continue;
      }
      if (rule === 'public') {
        if (!route?.isPublic) disagreements.push(`${key}: not @Public()`);
        if (operation?.security?.length)
          disagreements.push(`${key}: spec asks for credentials`);
        continue;
      }
      if (route?.isPublic || !route?.options)
        disagreements.push(`${key}: not @Authenticated()`);
      if (route?.options?.projectRole !== guardRole)
        disagreements.push(
          `${key}: guard asks for ${route?.options?.projectRole ?? 'no role'}, rule says ${guardRole ?? 'no role'}`,
        );
      if (!operation?.security?.length)
        disagreements.push(`${key}: spec names no credentials`);
      if (!operation?.responses['401'])
        disagreements.push(`${key}: spec lacks 401`);
      const needed = effectiveRole(rule);
      if (needed && !operation?.responses['404'])
        disagreements.push(`${key}: spec lacks 404 for non-members`);
      if (needed && needed !== 'viewer' && !operation?.responses['403'])
        disagreements.push(`${key}: spec lacks 403 for lesser roles`);
    }
    expect(disagreements).toEqual([]);
  });

  it('answers every route for every caller as the rules say', async () => {
    const shared = await callers();
    const unexpected: string[] = [];
    let checks = 0;
    const started = Date.now();
    for (const [key, rule] of Object.entries(HTTP_ACCESS_RULES)) {
      const [method = '', template = ''] = key.split(' ');
      const recipe = RECIPES[key];
      if (!recipe) throw new Error(`no recipe for ${key}`);
      if (recipe.freshCaller && effectiveRole(rule))
        throw new Error(`${key}: fresh callers have no project role`);
      // Refused callers first: what they are refused must still be there for the allowed ones.
      const ordered = [...shared].sort(
        (x, y) =>
          Number(refusalFor(rule, method, x) === null) -
          Number(refusalFor(rule, method, y) === null),
      );
      for (const template_ of ordered) {
        // Only a caller the request goes through needs an account of its own.
        const caller =
          recipe.freshCaller && !refusalFor(rule, method, template_)
            ? await freshCaller(template_)
            : template_;
        const call = await recipe.call(caller);
        const response = await send(
          caller,
          method,
          fill(template, call.params),
          call,
        );
        checks++;
        const refusal = refusalFor(rule, method, caller);
        const code = (response.body as { code?: string } | undefined)?.code;
        const got = `${response.status}${code ? ` ${code}` : ''}`;
        if (refusal) {
          if (response.status !== refusal.status || code !== refusal.code)
            unexpected.push(
              `${key} as ${caller.name}: ${got}, expected ${refusal.status} ${refusal.code}`,
            );
        } else {
          const wanted = successStatus(key);
          if (response.status !== wanted || (code && ACCESS_CODES.has(code)))
            unexpected.push(
              `${key} as ${caller.name}: ${got}, expected ${wanted} (${JSON.stringify(response.body).slice(0, 200)})`,
            );
        }
      }
    }
    const routes = Object.keys(HTTP_ACCESS_RULES).length;
    figures['rest'] = {
      routes,
      callers: shared.map((caller) => caller.name),
      checks,
      unexpected: unexpected.length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    console.log(
      `authz matrix: ${routes} routes × ${shared.length} callers = ${checks} checks, ${unexpected.length} unexpected`,
    );
    expect(unexpected).toEqual([]);
    expect(checks).toBe(routes * shared.length);
  }, 180_000);

  it('serves the metrics to the scraper’s own secret, which no person’s credentials replace', async () => {
    const scrape = await request(server())
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scrape.status).toBe(200);
    expect(scrape.text).toMatch(/^# HELP /m);
  });

  // ---- sockets -----------------------------------------------------------------------------

  /** The loosely typed face of a client socket, for sending any event of the table. */
  interface AnySocket {
    timeout(ms: number): {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    emit(event: string, payload: unknown): void;
  }
  const loose = (socket: ClientSocket) => socket as unknown as AnySocket;
  const ask = <T>(socket: ClientSocket, event: string, payload: unknown) =>
    loose(socket).timeout(5_000).emitWithAck(event, payload) as Promise<T>;

  /** Connects as the caller would (the app's cookie, or a script's token); a refusal's message otherwise. */
  async function connect(caller: Caller): Promise<ClientSocket | string> {
    const socket: ClientSocket = io(socketUrl, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(caller.session
        ? { extraHeaders: { cookie: `${SESSION_COOKIE}=${caller.session}` } }
        : {}),
      ...(caller.token ? { auth: { token: caller.token } } : {}),
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  }

  async function connected(caller: Caller): Promise<ClientSocket> {
    const socket = await connect(caller);
    if (typeof socket === 'string')
      throw new Error(`${caller.name}: ${socket}`);
    return socket;
  }

  /** Resolves with the first event that matches, or null after `ms`. */
  function heard<E extends keyof CollabServerEvents>(
    socket: ClientSocket,
    event: E,
    match: (payload: Parameters<CollabServerEvents[E]>[0]) => boolean = () =>
      true,
    ms = 5_000,
  ): Promise<Parameters<CollabServerEvents[E]>[0] | null> {
    return new Promise((resolve) => {
      const listener = (payload: Parameters<CollabServerEvents[E]>[0]) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(payload);
      };
      const timer = setTimeout(() => {
        socket.off(event, listener as never);
        resolve(null);
      }, ms);
      socket.on(event, listener as never);
    });
  }

  /** Every rev a socket hears as `change:applied`, and a wait for one of them. */
  function revsHeardBy(socket: ClientSocket) {
    const revs: number[] = [];
    const waiting: Array<() => void> = [];
    socket.on('change:applied', (event: ChangeApplied) => {
      revs.push(event.rev);
      waiting.splice(0).forEach((wake) => wake());
    });
    const reached = async (rev: number) => {
      const deadline = Date.now() + 5_000;
      while (!revs.includes(rev) && Date.now() < deadline)
        await new Promise<void>((wake) => {
          waiting.push(wake);
          setTimeout(wake, 100);
        });
      return revs.includes(rev);
    };
    return { revs, reached };
  }

  const watcherCaller = (): Caller => ({
    name: 'watcher',
    kind: 'token',
    standing: 'contributor',
    person: w.watcher,
    token: w.watcher.setup,
  });

  it('answers every socket event for every caller as the rules say', async () => {
    const shared = (await callers()).filter(
      // CSRF does not apply to sockets (their origin is checked: collab.gateway.spec).
      (caller) => caller.kind !== 'session without X-XSRF-TOKEN',
    );
    const watcher = await connected(watcherCaller());
    expect(
      await ask<JoinResponse>(watcher, 'project:join', {
        projectId: w.projectA,
      }),
    ).toMatchObject({ ok: true });
    const watcherLock = { kind: 'object', id: w.a.other, field: 'definition' };
    expect(
      await ask<LockResponse>(watcher, 'lock:acquire', {
        projectId: w.projectA,
        target: watcherLock,
      }),
    ).toMatchObject({ ok: true });

    const events = Object.keys(SOCKET_ACCESS_RULES) as Array<
      keyof CollabClientEvents
    >;
    const unexpected: string[] = [];
    let checks = 0;
    const check = (
      caller: Caller,
      event: string,
      held: boolean,
      got: unknown,
    ) => {
      checks++;
      if (!held)
        unexpected.push(
          `${event} as ${caller.name}: ${JSON.stringify(got).slice(0, 200)}`,
        );
    };

    for (const caller of shared) {
      const socket = await connect(caller);
      if (
        caller.standing === 'nobody' ||
        (caller.kind !== 'session' && caller.kind !== 'token')
      ) {
        // Refused at the handshake: no event can be sent at all.
        for (const event of events)
          check(
            caller,
            event,
            socket === 'unauthenticated',
            socket === 'unauthenticated' ? 'refused' : 'connected',
          );
        continue;
      }
      if (typeof socket === 'string') {
        for (const event of events) check(caller, event, false, socket);
        continue;
      }
      const role = caller.standing === 'outsider' ? null : caller.standing;
      const member = role !== null;
      const editor = role !== null && roleRank(role) >= roleRank('contributor');
      const projectId = w.projectA;

      const join = await ask<JoinResponse>(socket, 'project:join', {
        projectId,
      });
      check(
        caller,
        'project:join',
        member
          ? join.ok === true
          : !join.ok && join.error.code === 'project_not_found',
        join,
      );

      const marker = unique(`looking ${caller.name}`);
      const seen = heard(
        watcher,
        'presence:state',
        (state: PresenceState) =>
          state.members.some((m) => m.focus?.view === marker),
        member ? 5_000 : 600,
      );
      socket.emit('presence:update', {
        projectId,
        focus: { kind: 'view', view: marker },
      });
      const presence = await seen;
      check(
        caller,
        'presence:update',
        member ? presence !== null : presence === null,
        presence,
      );

      const submitted = await ask<SubmitResponse>(socket, 'change:submit', {
        projectId,
        mutationId: randomUUID(),
        change: {
          kind: 'object.update',
          id: w.a.object,
          patch: { definition: unique('Live') },
        },
      });
      check(
        caller,
        'change:submit',
        editor
          ? submitted.ok
          : !submitted.ok &&
              submitted.error.code ===
                (member ? 'insufficient_role' : 'not_joined'),
        submitted,
      );

      const target = {
        kind: 'object',
        id: w.a.object,
        field: `field ${caller.name}`,
      };
      const locked = await ask<LockResponse>(socket, 'lock:acquire', {
        projectId,
        target,
      });
      check(
        caller,
        'lock:acquire',
        editor
          ? locked.ok
          : !locked.ok &&
              locked.error?.code ===
                (member ? 'insufficient_role' : 'not_joined'),
        locked,
      );

      // Only one's own locks: another's stays; one's own goes.
      const others = await ask<{ ok: boolean }>(socket, 'lock:release', {
        projectId,
        target: watcherLock,
      });
      const own = await ask<{ ok: boolean }>(socket, 'lock:release', {
        projectId,
        target,
      });
      check(caller, 'lock:release', !others.ok && own.ok === editor, {
        others,
        own,
      });

      // Only one's own exports: nobody cancels an export they did not start.
      const cancelled = await ask<{ ok: boolean }>(socket, 'export:cancel', {
        exportId: randomUUID(),
      });
      check(caller, 'export:cancel', cancelled.ok === false, cancelled);

      const left = await ask<{ ok: boolean }>(socket, 'project:leave', {
        projectId,
      });
      const after = await ask<SubmitResponse>(socket, 'change:submit', {
        projectId,
        mutationId: randomUUID(),
        change: {
          kind: 'object.update',
          id: w.a.object,
          patch: { definition: 'after leaving' },
        },
      });
      check(
        caller,
        'project:leave',
        left.ok && !after.ok && after.error.code === 'not_joined',
        { left, after },
      );
      socket.disconnect();
    }
    // The watcher's lock survived every attempt to release it.
    const locks = await ask<JoinResponse>(watcher, 'project:join', {
      projectId: w.projectA,
    });
    expect(locks.ok && locks.locks.map((lock) => lock.target)).toEqual([
      watcherLock,
    ]);

    figures['socket'] = {
      events: events.length,
      callers: shared.map((caller) => caller.name),
      checks,
      unexpected: unexpected.length,
    };
    console.log(
      `authz matrix (sockets): ${events.length} events × ${shared.length} callers = ${checks} checks, ${unexpected.length} unexpected`,
    );
    expect(unexpected).toEqual([]);
    expect(checks).toBe(events.length * shared.length);
  }, 120_000);

  it('has a rule for every event the gateway handles, and no rule without a handler', () => {
    const handled = new Set<string>();
    for (const module of app.app.get(ModulesContainer).values())
      for (const wrapper of module.providers.values()) {
        const instance = wrapper.instance as object | null | undefined;
        if (!instance || typeof instance !== 'object') continue;
        const prototype = Object.getPrototypeOf(instance) as Record<
          string,
          unknown
        >;
        for (const name of new MetadataScanner().getAllMethodNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler !== 'function') continue;
          if (Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler))
            handled.add(String(Reflect.getMetadata(MESSAGE_METADATA, handler)));
        }
      }
    expect([...handled].sort()).toEqual(
      Object.keys(SOCKET_ACCESS_RULES).sort(),
    );
  });

  it('stops sending a removed member anything at once: the next change reaches the others, not them', async () => {
    const leaver = await person('Rita Removed');
    await addMember(w.facilitator, w.projectA, leaver, 'contributor');
    const watcher = await connected(watcherCaller());
    const socket = await connected({
      name: 'leaver',
      kind: 'token',
      standing: 'contributor',
      token: leaver.token,
    });
    for (const each of [watcher, socket])
      expect(
        await ask<JoinResponse>(each, 'project:join', {
          projectId: w.projectA,
        }),
      ).toMatchObject({ ok: true });
    const watched = revsHeardBy(watcher);
    const { revs } = revsHeardBy(socket);
    const revoked = heard(socket, 'project:revoked');

    await as(
      w.facilitator,
      'DELETE',
      `/projects/${w.projectA}/members/${leaver.id}`,
    );
    const next = await as(
      w.facilitator,
      'PATCH',
      `/projects/${w.projectA}/objects/${w.a.object}`,
      {
        definition: unique('Right after the removal'),
      },
    );
    const rev = next['rev'] as number;
    expect(await watched.reached(rev)).toBe(true);
    // One round trip on the removed socket: anything sent to it before is in by now.
    await ask(socket, 'export:cancel', { exportId: randomUUID() });
    expect(await revoked).toMatchObject({ projectId: w.projectA });
    expect(revs).not.toContain(rev);
    const submitted = await ask<SubmitResponse>(socket, 'change:submit', {
      projectId: w.projectA,
      mutationId: randomUUID(),
      change: {
        kind: 'object.update',
        id: w.a.object,
        patch: { definition: 'still here?' },
      },
    });
    expect(submitted).toMatchObject({
      ok: false,
      error: { code: 'not_joined' },
    });
    expect(
      await ask<JoinResponse>(socket, 'project:join', {
        projectId: w.projectA,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'project_not_found' },
    });
  });

  it('closes a deleted project’s room for every member at once', async () => {
    const doomed = await freshProjectA();
    const socket = await connected({
      name: 'contributor',
      kind: 'token',
      standing: 'contributor',
      token: w.contributor.setup,
    });
    expect(
      await ask<JoinResponse>(socket, 'project:join', { projectId: doomed }),
    ).toMatchObject({ ok: true });
    const revoked = heard(socket, 'project:revoked');
    await as(w.facilitator, 'DELETE', `/projects/${doomed}`);
    expect(await revoked).toMatchObject({ projectId: doomed });
    const submitted = await ask<SubmitResponse>(socket, 'change:submit', {
      projectId: doomed,
      mutationId: randomUUID(),
      change: { kind: 'object.create', object: { name: 'Ghost' } },
    });
    expect(submitted).toMatchObject({
      ok: false,
      error: { code: 'not_joined' },
    });
  });

  it('closes the live connection of a revoked API token at once, and refuses it again', async () => {
    const scripter = await person('Sam Script');
    await addMember(w.facilitator, w.projectA, scripter, 'contributor');
    const token = await as(scripter, 'POST', '/auth/tokens', {
      name: 'live script',
    });
    const caller: Caller = {
      name: 'script',
      kind: 'token',
      standing: 'contributor',
      token: token['token'] as string,
    };
    const watcher = await connected(watcherCaller());
    const socket = await connected(caller);
    for (const each of [watcher, socket])
      expect(
        await ask<JoinResponse>(each, 'project:join', {
          projectId: w.projectA,
        }),
      ).toMatchObject({ ok: true });
    const watched = revsHeardBy(watcher);
    const { revs } = revsHeardBy(socket);
    const closed = new Promise<string>((resolve) => {
      const timer = setTimeout(
        () => resolve('still connected after 5 s'),
        5_000,
      );
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

    await as(scripter, 'DELETE', `/auth/tokens/${token['id'] as string}`);
    const next = await as(
      w.facilitator,
      'PATCH',
      `/projects/${w.projectA}/objects/${w.a.object}`,
      {
        definition: unique('Right after the revocation'),
      },
    );
    const rev = next['rev'] as number;
    expect(await watched.reached(rev)).toBe(true);
    expect(await closed).toBe('io server disconnect');
    expect(revs).not.toContain(rev);
    expect(await connect(caller)).toBe('unauthenticated');
  });

  // ---- IDOR --------------------------------------------------------------------------------

  it('never lets project A’s facilitator reach project B’s things through A (ids in paths and bodies)', async () => {
    const { a, b } = w;
    const A_ = `/api/v1/projects/${w.projectA}`;
    const bobSession = (
      (
        await request(server())
          .get('/api/v1/auth/sessions')
          .set('Authorization', `Bearer ${w.bob.setup}`)
      ).body as Array<{ id: string }>
    )[0]?.id as string;
    const bobToken = (
      (
        await request(server())
          .get('/api/v1/auth/tokens')
          .set('Authorization', `Bearer ${w.bob.setup}`)
      ).body as Array<{ id: string }>
    )[0]?.id as string;

    /** What B looks like to Bob: everything an attempt could have touched. */
    const stateOfB = async () => {
      const read = async (path: string) =>
        (
          await request(server())
            .get(`/api/v1${path}`)
            .set('Authorization', `Bearer ${w.bob.setup}`)
        ).body as unknown;
      return {
        model: await read(`/projects/${w.projectB}/model`),
        project: await read(`/projects/${w.projectB}`),
        members: await read(`/projects/${w.projectB}/members`),
        invitations: await read(`/projects/${w.projectB}/invitations`),
        snapshots: await read(`/projects/${w.projectB}/snapshots`),
        foraging: await read(`/projects/${w.projectB}/foraging`),
        sessions: ((await read('/auth/sessions')) as Array<{ id: string }>).map(
          (x) => x.id,
        ),
        tokens: ((await read('/auth/tokens')) as Array<{ id: string }>).map(
          (x) => x.id,
        ),
      };
    };
    const before = await stateOfB();

    /**
     * A delete (or a bulk priority) of an id the project does not hold is a no-op by design
     * (concurrent deletes meet): it must answer exactly as for an id that exists nowhere.
     */
    const NO_OP = (id: string) => ({ sameAsUnknown: id });
    type Attempt = [
      string,
      string,
      unknown,
      number[] | ReturnType<typeof NO_OP>,
    ];
    const change = (change: object): unknown => ({ change });
    const attempts: Attempt[] = [
      // B's items named in A's paths.
      ...(
        ['objects', 'relationships', 'roles', 'ctas', 'attributes'] as const
      ).flatMap((collection): Attempt[] => {
        const id = {
          objects: b.object,
          relationships: b.relationship,
          roles: b.role,
          ctas: b.cta,
          attributes: b.attribute,
        }[collection];
        return [
          ['GET', `${A_}/${collection}/${id}`, undefined, [404]],
          [
            'PATCH',
            `${A_}/${collection}/${id}`,
            { description: 'hijacked', notes: 'x' },
            [404],
          ],
          ['DELETE', `${A_}/${collection}/${id}`, undefined, [404]],
        ];
      }),
      // B's ids taken for new items of A.
      ['POST', `${A_}/objects`, { id: b.object, name: 'Hijack' }, [409]],
      ['POST', `${A_}/roles`, { id: b.role, name: 'Hijack' }, [409]],
      [
        'POST',
        `${A_}/relationships`,
        {
          id: b.relationship,
          fromObjectId: a.other,
          toObjectId: a.reorderObject,
          label: 'x',
          cardinality: 'one-to-one',
        },
        [409],
      ],
      [
        'POST',
        `${A_}/ctas`,
        {
          id: b.cta,
          roleId: a.role,
          objectId: a.other,
          verb: 'hijack',
          crud: 'read',
        },
        [409],
      ],
      [
        'POST',
        `${A_}/attributes`,
        {
          id: b.attribute,
          objectId: a.other,
          name: 'Hijack',
          type: 'text',
          kind: 'core',
        },
        [409],
      ],
      // A's new items pointing into B.
      [
        'POST',
        `${A_}/relationships`,
        {
          fromObjectId: a.reorderObject,
          toObjectId: b.object,
          label: 'x',
          cardinality: 'one-to-one',
        },
        [422],
      ],
      [
        'POST',
        `${A_}/ctas`,
        { roleId: b.role, objectId: a.object, verb: 'peek', crud: 'read' },
        [422],
      ],
      [
        'POST',
        `${A_}/ctas`,
        { roleId: a.role, objectId: b.object, verb: 'peek', crud: 'read' },
        [422],
      ],
      [
        'POST',
        `${A_}/attributes`,
        { objectId: b.object, name: 'Peek', type: 'text', kind: 'core' },
        [422],
      ],
      [
        'POST',
        `${A_}/attributes`,
        {
          objectId: a.object,
          name: 'Peek',
          type: 'reference',
          kind: 'core',
          referencedObjectId: b.object,
        },
        [422],
      ],
      // A's items moved into B.
      [
        'PATCH',
        `${A_}/relationships/${a.relationship}`,
        { toObjectId: b.object },
        [422],
      ],
      ['PATCH', `${A_}/ctas/${a.cta}`, { roleId: b.role }, [422]],
      [
        'PATCH',
        `${A_}/attributes/${a.attribute}`,
        { objectId: b.object },
        [422],
      ],
      ['PATCH', `${A_}/objects/${a.object}`, { id: b.object }, [422]],
      // Any change kind, through the one write path.
      [
        'POST',
        `${A_}/changes`,
        change({
          kind: 'object.update',
          id: b.object,
          patch: { name: 'Hijacked' },
        }),
        [404],
      ],
      [
        'POST',
        `${A_}/changes`,
        change({ kind: 'object.delete', id: b.object }),
        NO_OP(b.object),
      ],
      [
        'POST',
        `${A_}/changes`,
        change({
          kind: 'text.edit',
          target: { itemKind: 'object', id: b.object, field: 'definition' },
          ops: [{ insert: 'x' }],
        }),
        [404],
      ],
      [
        'POST',
        `${A_}/changes`,
        change({
          kind: 'priority.set',
          items: [{ itemKind: 'object', id: b.object }],
          priority: 'now',
        }),
        NO_OP(b.object),
      ],
      [
        'POST',
        `${A_}/changes`,
        change({ kind: 'object.move', id: b.object, orderKey: 'a0' }),
        [404],
      ],
      [
        'POST',
        `${A_}/changes`,
        change({ kind: 'role.delete', id: b.role }),
        NO_OP(b.role),
      ],
      [
        'POST',
        `${A_}/attributes/reorder`,
        { objectId: b.object, attributeIds: [b.attribute] },
        [404],
      ],
      // Snapshots, sources, invitations and members of B, through A.
      ['GET', `${A_}/snapshots/${b.snapshot}`, undefined, [404]],
      [
        'GET',
        `${A_}/snapshots/${b.snapshot}/export?format=json`,
        undefined,
        [404],
      ],
      ['GET', `${A_}/snapshots/${b.snapshot}/diff/current`, undefined, [404]],
      ['GET', `${A_}/snapshots/current/diff/${b.snapshot}`, undefined, [404]],
      ['POST', `${A_}/snapshots/${b.snapshot}/restore`, {}, [404]],
      ['GET', `${A_}/foraging/${b.source}`, undefined, [404]],
      ['DELETE', `${A_}/foraging/${b.source}`, undefined, [404]],
      ['DELETE', `${A_}/invitations/${b.invitation}`, undefined, [404]],
      ['PATCH', `${A_}/members/${w.bob.id}`, { role: 'viewer' }, [404]],
      ['DELETE', `${A_}/members/${w.bob.id}`, undefined, [404]],
      // Bob's own account things.
      ['DELETE', `/api/v1/auth/sessions/${bobSession}`, undefined, [404]],
      ['DELETE', `/api/v1/auth/tokens/${bobToken}`, undefined, [404]],
    ];
    const attacker: Caller = {
      name: 'A facilitator',
      kind: 'token',
      standing: 'facilitator',
      token: w.facilitator.token,
    };
    const unexpected: string[] = [];
    for (const [method, path, body, wanted] of attempts) {
      const [pathname = '', search] = path.split('?');
      const response = await send(attacker, method, pathname, {
        body,
        ...(search
          ? { query: Object.fromEntries(new URLSearchParams(search)) }
          : {}),
      });
      let held: boolean;
      if (Array.isArray(wanted)) held = wanted.includes(response.status);
      else {
        const unknown = randomUUID();
        const twin = await send(attacker, method, pathname, {
          body: JSON.parse(
            JSON.stringify(body).replaceAll(wanted.sameAsUnknown, unknown),
          ),
        });
        held =
          response.status === twin.status &&
          JSON.stringify(response.body).replaceAll(
            wanted.sameAsUnknown,
            'ID',
          ) === JSON.stringify(twin.body).replaceAll(unknown, 'ID');
      }
      if (!held)
        unexpected.push(
          `${method} ${path.replace(w.projectA, 'A')} ${JSON.stringify(body ?? '')}: ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`,
        );
    }

    // The same over the socket: B cannot be joined, nor reached from A's room.
    const socket = await connected(attacker);
    const joinB = await ask<JoinResponse>(socket, 'project:join', {
      projectId: w.projectB,
    });
    const submitB = await ask<SubmitResponse>(socket, 'change:submit', {
      projectId: w.projectB,
      mutationId: randomUUID(),
      change: { kind: 'object.delete', id: b.object },
    });
    await ask<JoinResponse>(socket, 'project:join', { projectId: w.projectA });
    const throughA = await ask<SubmitResponse>(socket, 'change:submit', {
      projectId: w.projectA,
      mutationId: randomUUID(),
      change: { kind: 'object.update', id: b.object, patch: { name: 'Mine' } },
    });
    const deleteThroughA = await ask<SubmitResponse>(socket, 'change:submit', {
      projectId: w.projectA,
      mutationId: randomUUID(),
      change: { kind: 'object.delete', id: b.object },
    });
    const lockB = await ask<LockResponse>(socket, 'lock:acquire', {
      projectId: w.projectB,
      target: { kind: 'object', id: b.object },
    });
    const socketAttempts = [
      [
        'project:join B',
        !joinB.ok && joinB.error.code === 'project_not_found',
        joinB,
      ],
      [
        'change:submit B',
        !submitB.ok && submitB.error.code === 'not_joined',
        submitB,
      ],
      [
        'change:submit A naming B',
        !throughA.ok && throughA.error.code === 'item_not_found',
        throughA,
      ],
      [
        'change:submit A deleting B’s object (a no-op)',
        deleteThroughA.ok && !deleteThroughA.changed,
        deleteThroughA,
      ],
      [
        'lock:acquire B',
        !lockB.ok && lockB.error?.code === 'not_joined',
        lockB,
      ],
    ] as const;
    for (const [what, held, got] of socketAttempts)
      if (!held) unexpected.push(`${what}: ${JSON.stringify(got)}`);

    const after = await stateOfB();
    figures['idor'] = {
      attempts: attempts.length + socketAttempts.length,
      unexpected: unexpected.length,
      projectBUnchanged: JSON.stringify(after) === JSON.stringify(before),
    };
    console.log(
      `authz matrix (IDOR): ${attempts.length + socketAttempts.length} attempts on project B through project A, ${unexpected.length} unexpected; B ${JSON.stringify(after) === JSON.stringify(before) ? 'unchanged' : 'CHANGED'}`,
    );
    expect(unexpected).toEqual([]);
    expect(after).toEqual(before);
  });
});

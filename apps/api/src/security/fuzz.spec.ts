/**
 * Hostile input, generated (issue 12, decision 0025): every REST operation of the committed
 * OpenAPI spec that takes a body or parameters, and every client→server event of `/collab`, is
 * sent fast-check–generated mutations of a valid request — wrong types, missing and extra
 * fields, prototype-pollution keys, huge strings, deep nesting, Unicode edge cases, SQL, markup
 * and spreadsheet-formula payloads, malformed JSON and encodings. What must hold for each:
 * never a 5xx, every 4xx an `application/problem+json`, every socket event answered with an
 * error ack rather than silence or a dropped connection, the model untouched by what was
 * refused, and the process alive and unpolluted at the end.
 *
 * Replay a run with `FUZZ_SEED=<seed printed below>`; `FUZZ_INPUTS` scales the count.
 */
import { CollabIoAdapter } from '@orca/api/collaboration';
import {
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { buildExportWorker } from '@orca/api/export/testing';
import { buildForagingWorker } from '@orca/api/foraging/testing';
import { ChangePipeline } from '@orca/api/model';
import {
  type CollabClientEvents,
  type CollabServerEvents,
} from '@orca/shared/contracts';
import {
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
} from '@orca/shared/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../app/app.module';
import {
  type BodyInput,
  bodyMutation,
  encodeLoosely,
  type Hostile,
  hostilePathParam,
  hostileQuery,
  type OpenApiDocument,
  type Operation,
  readOperations,
} from './hostile-inputs';

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
/** Inputs per REST operation (cheap ones; costly ones get a fifth) and per socket event. */
const SCALE = Number(process.env['FUZZ_INPUTS'] ?? 1);
const PER_OPERATION = Math.round(140 * SCALE);
const PER_EVENT = Math.round(260 * SCALE);
const MIN_INPUTS = Math.round(10_000 * SCALE);
const LANES = 4;
const REQUEST_TIMEOUT_MS = 15_000;

/** Operations that hash passwords, export files or copy projects when they accept: fewer inputs. */
const COSTLY = new Set([
  'register',
  'login',
  'changePassword',
  'updateMe',
  'exportProject',
  'exportSnapshot',
  'restoreSnapshot',
  'importProject',
  'addForagingSource',
  'createProject',
]);
/** Operations whose valid path parameters would end the fuzzer's own access: only hostile ones. */
const HOSTILE_PARAMS_ONLY = new Set([
  'deleteProject',
  'endSession',
  'revokeApiToken',
  'removeMember',
  'revokeInvitation',
  'acceptInvitation',
  'deleteObject',
  'deleteRelationship',
  'deleteRole',
  'deleteCta',
  'deleteAttribute',
  'deleteForagingSource',
]);

interface Lane {
  token: string;
  userId: string;
  email: string;
  projectId: string;
  ids: {
    course: string;
    lesson: string;
    relationship: string;
    role: string;
    cta: string;
    attribute: string;
  };
  snapshotId: string;
  invitationId: string;
  invitationToken: string;
  memberId: string;
  sessionId: string;
  tokenId: string;
  sourceId: string;
  /** The model as last read, with its rev, while nothing accepted has changed it since. */
  baseline: string;
  /** An accepted input committed a change since `baseline` was read. */
  stale: boolean;
}

interface Violation {
  where: string;
  input: string;
  what: string;
}

const pick = <T>(list: readonly T[], variant: number): T =>
  list[variant % list.length] as T;

/** A plain change of the shared domain that the seeded model accepts. */
function validChanges(p: Lane, id: string): unknown[] {
  return [
    {
      kind: 'object.update',
      id: p.ids.course,
      patch: { definition: 'Updated.' },
    },
    {
      kind: 'object.create',
      object: newObject({ id, name: `Fuzz ${id.slice(0, 6)}`, orderKey: 'a5' }),
    },
    {
      kind: 'relationship.create',
      relationship: newRelationship({
        id,
        fromObjectId: p.ids.lesson,
        toObjectId: p.ids.lesson,
        cardinality: 'one-to-many',
      }),
    },
    {
      kind: 'role.create',
      role: newRole({ id, name: `Role ${id.slice(0, 6)}`, orderKey: 'a5' }),
    },
    {
      kind: 'cta.create',
      cta: newCta({
        id,
        roleId: p.ids.role,
        objectId: p.ids.lesson,
        verb: `Verb ${id.slice(0, 4)}`,
        crud: 'read',
        orderKey: 'a5',
      }),
    },
    {
      kind: 'attribute.create',
      attribute: newAttribute({
        id,
        objectId: p.ids.lesson,
        name: `Attr ${id.slice(0, 6)}`,
        type: 'text',
        orderKey: 'a5',
      }),
    },
    { kind: 'object.move', id: p.ids.lesson, orderKey: 'a3' },
    {
      kind: 'text.edit',
      target: { itemKind: 'object', id: p.ids.course, field: 'definition' },
      ops: [{ insert: 'x' }],
    },
    {
      kind: 'priority.set',
      items: [{ itemKind: 'object', id: p.ids.course }],
      priority: 'now',
    },
    { kind: 'attribute.delete', id },
  ];
}

/** A valid body for each operation that takes one; a new operation must be added here. */
const BASE_BODIES: Record<string, (p: Lane, variant: number) => unknown> = {
  login: (p) => ({ email: p.email, password: 'not the password 123' }),
  register: () => ({
    email: uniqueEmail('fuzz'),
    password: 'correct horse battery staple',
    displayName: 'Fuzz',
  }),
  updateMe: () => ({ displayName: 'Fuzz person' }),
  changePassword: () => ({
    currentPassword: 'not the password 123',
    newPassword: 'another long passphrase',
  }),
  createApiToken: () => ({ name: 'fuzz' }),
  createProject: () => ({ name: 'Fuzz project' }),
  updateProject: () => ({ name: 'Fuzz project' }),
  importProject: () => ({
    format: 'orca-project',
    version: 1,
    project: { name: 'Imported' },
    objects: [{ key: 'a', name: 'A' }],
  }),
  createObject: () => ({ name: 'Fuzz object' }),
  updateObject: () => ({ definition: 'Defined.' }),
  createRelationship: (p) => ({
    fromObjectId: p.ids.lesson,
    toObjectId: p.ids.lesson,
    cardinality: 'one-to-many',
    label: 'contains',
  }),
  updateRelationship: () => ({ label: 'has many' }),
  createRole: () => ({ name: 'Fuzz role' }),
  updateRole: () => ({ description: 'Does things.' }),
  createCta: (p) => ({
    roleId: p.ids.role,
    objectId: p.ids.lesson,
    verb: 'Browse',
    crud: 'read',
  }),
  updateCta: () => ({ userStory: 'As a learner…' }),
  createAttribute: (p) => ({
    objectId: p.ids.course,
    name: 'Price',
    type: 'currency',
  }),
  updateAttribute: () => ({ description: 'The title.' }),
  reorderAttributes: (p) => ({
    objectId: p.ids.course,
    attributeIds: [p.ids.attribute],
  }),
  addStarterRoles: () => ({ names: ['Visitor'] }),
  submitChange: (p, variant) => ({
    mutationId: randomUUID(),
    change: pick(validChanges(p, randomUUID()), variant),
  }),
  undoChange: () => ({ rev: 999_999 }),
  importCsv: () => ({ objects: 'name\r\nFuzz import\r\n' }),
  addForagingSource: () => ({ text: 'Gardeners book a tool for a morning.' }),
  createInvitation: () => ({ email: uniqueEmail('invitee'), role: 'viewer' }),
  updateMember: () => ({ role: 'contributor' }),
  createSnapshot: () => ({ name: 'Fuzz snapshot' }),
  restoreSnapshot: () => ({ name: 'Restored' }),
  updateCheckSettings: () => ({ disabledRules: [] }),
};

/** A valid value for each path parameter. */
function validParam(op: Operation, name: string, p: Lane): string {
  const collection = /\/projects\/\{projectId\}\/([a-z-]+)\/\{itemId\}/.exec(
    op.path,
  )?.[1];
  const values: Record<string, string> = {
    projectId: p.projectId,
    itemId:
      {
        objects: p.ids.course,
        relationships: p.ids.relationship,
        roles: p.ids.role,
        ctas: p.ids.cta,
        attributes: p.ids.attribute,
      }[collection ?? ''] ?? '',
    sessionId: p.sessionId,
    tokenId: p.tokenId,
    token: p.invitationToken,
    invitationId: p.invitationId,
    userId: p.memberId,
    sourceId: p.sourceId,
    snapshotId: p.snapshotId,
    a: p.snapshotId,
    b: 'current',
  };
  const value = values[name];
  if (!value) throw new Error(`No valid value for {${name}} of ${op.id}`);
  return value;
}

/** A valid query string for each operation that needs one. */
const BASE_QUERY: Record<string, string> = {
  exportProject: 'format=json',
  exportSnapshot: 'format=json',
  importCsv: 'dryRun=true',
};

interface RestInput {
  label: string;
  url: string;
  body?: BodyInput;
}

/** fast-check inputs for one operation, each with at least one hostile part. */
/**
 * The fast-check arbitrary of one operation's inputs, each with at least one hostile part. Drawn
 * one at a time (`draw`), so megabyte-sized inputs live only while they are being sent.
 */
function restInputs(op: Operation, p: Lane): fc.Arbitrary<RestInput> {
  const baseBody = op.body
    ? (BASE_BODIES[op.id] ??
      (() => {
        throw new Error(`No valid body for ${op.id}: add one to BASE_BODIES`);
      }))
    : null;
  const parts = [
    ...(baseBody ? [{ kind: 'body' as const, name: 'body', weight: 4 }] : []),
    ...op.query.map((q) => ({
      kind: 'query' as const,
      name: q.name,
      weight: 1,
    })),
    ...op.pathParams.map((name) => ({
      kind: 'path' as const,
      name,
      weight: HOSTILE_PARAMS_ONLY.has(op.id) ? 0 : 1,
    })),
  ].filter((part) => part.weight > 0);
  const forced = HOSTILE_PARAMS_ONLY.has(op.id)
    ? op.pathParams[op.pathParams.length - 1]
    : undefined;
  const arbitrary = fc
    .record({
      part:
        parts.length > 0
          ? fc.oneof(
              ...parts.map((part) => ({
                arbitrary: fc.constant(part),
                weight: part.weight,
              })),
            )
          : fc.constant(null),
      param: hostilePathParam,
      forcedParam: hostilePathParam,
      query: fc.constant(null),
    })
    .chain((plan) => {
      const body = fc
        .nat(99)
        .chain((variant): fc.Arbitrary<BodyInput | undefined> => {
          if (!baseBody) return fc.constant(undefined);
          return plan.part?.kind === 'body'
            ? bodyMutation(op.body, baseBody(p, variant))
            : fc.constant({ label: 'valid', json: baseBody(p, variant) });
        });
      const queryParam = op.query.find((q) => q.name === plan.part?.name);
      const query: fc.Arbitrary<Hostile | null> =
        plan.part?.kind === 'query' && queryParam
          ? hostileQuery(queryParam.name, queryParam.schema)
          : fc.constant(null);
      return fc.record({ plan: fc.constant(plan), body, query });
    })
    .map(({ plan, body, query }): RestInput => {
      const labels: string[] = [];
      let path = op.path;
      for (const name of op.pathParams) {
        let value = encodeLoosely(validParam(op, name, p));
        if (name === forced) {
          value = plan.forcedParam.value as string;
          labels.push(`{${name}}=${plan.forcedParam.label}`);
        } else if (plan.part?.kind === 'path' && plan.part.name === name) {
          value = plan.param.value as string;
          labels.push(`{${name}}=${plan.param.label}`);
        }
        path = path.replace(`{${name}}`, value);
      }
      const search = new URLSearchParams(BASE_QUERY[op.id] ?? '');
      let queryText = search.toString();
      if (query) {
        const name = plan.part?.name ?? '';
        search.delete(name);
        queryText = [search.toString(), query.value as string]
          .filter(Boolean)
          .join('&');
        labels.push(query.label);
      }
      if (body && body.label !== 'valid') labels.push(`body:${body.label}`);
      return {
        label: labels.join(' ') || 'valid',
        url: `${path}${queryText ? `?${queryText}` : ''}`,
        body,
      };
    });
  return arbitrary;
}

/** The `n`th input of an arbitrary for a run's seed: the same every time for the same seed. */
function draw<T>(arbitrary: fc.Arbitrary<T>, seed: number, n: number): T {
  return fc.sample(arbitrary, {
    numRuns: 1,
    seed: (seed + n * 7_919) | 0,
  })[0] as T;
}

function describeInput(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  return (text ?? String(input)).length > 300
    ? `${(text ?? '').slice(0, 300)}… (${(text ?? '').length} chars)`
    : (text ?? String(input));
}

describe('hostile input (fuzz)', () => {
  let app: TestApp;
  let base: string;
  let collabUrl: string;
  const lanes: Lane[] = [];
  const commits = new Map<string, number>();
  const crashes: unknown[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let setupSeconds = 0;
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    const setupStarted = Date.now();
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    app = await createTestApp([], {
      root: (config) => AppModule.forRoot(config),
      env: {
        EXPORT_WORKER_FILE: buildExportWorker(),
        EXPORT_THREADS: '1',
        FORAGING_WORKER_FILE: buildForagingWorker(),
        FORAGING_THREADS: '1',
      },
      configure: async (nest, config) => {
        const adapter = new CollabIoAdapter(nest, config);
        await adapter.connect();
        nest.useWebSocketAdapter(adapter);
      },
    });
    await app.app.listen(0, '127.0.0.1');
    base = (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
    collabUrl = `${base}/collab`;
    app.app
      .get(ChangePipeline)
      .committed$.subscribe((change) =>
        commits.set(change.projectId, (commits.get(change.projectId) ?? 0) + 1),
      );
    lanes.push(...(await seedLanes(LANES)));
    setupSeconds = (Date.now() - setupStarted) / 1000;
  }, 180_000);

  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    agent.destroy();
    await app?.close();
  });

  /**
   * One owner (signed in with an API token) and one contributor; a project per lane, seeded with
   * an item of every kind, a snapshot, a pending invitation and a foraging source. Lanes run side
   * by side, each in its own project, so a change committed in a project is the work of its lane.
   */
  async function seedLanes(count: number): Promise<Lane[]> {
    const email = uniqueEmail('fuzz-owner');
    const { browser, user } = await signedUpBrowser(app, email, 'Fuzz owner');
    const memberEmail = uniqueEmail('fuzz-member');
    const member = await signedUpBrowser(app, memberEmail, 'Fuzz member');
    const created = async (url: string, body: object) => {
      const response = await browser.post(url, body);
      if (response.status >= 300)
        throw new Error(
          `${url}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      return response.body;
    };
    const token = await created('/api/v1/auth/tokens', { name: 'fuzz' });
    const sessions = await browser.get('/api/v1/auth/sessions');
    const secretOf = (invitation: { acceptUrl: string }) =>
      new URL(invitation.acceptUrl).pathname.split('/').pop() as string;
    const seedLane = async (n: number): Promise<Lane> => {
      const project = await created('/api/v1/projects', { name: `Fuzz ${n}` });
      const at = `/api/v1/projects/${project.id}`;
      const course = (await created(`${at}/objects`, { name: 'Course' })).object
        .id;
      const lesson = (await created(`${at}/objects`, { name: 'Lesson' })).object
        .id;
      const relationship = (
        await created(`${at}/relationships`, {
          fromObjectId: course,
          toObjectId: lesson,
          cardinality: 'one-to-many',
          label: 'has many',
        })
      ).relationship.id;
      const role = (await created(`${at}/roles`, { name: 'Learner' })).role.id;
      const cta = (
        await created(`${at}/ctas`, {
          roleId: role,
          objectId: course,
          verb: 'Enroll in',
          crud: 'other',
        })
      ).cta.id;
      const attribute = (
        await created(`${at}/attributes`, {
          objectId: course,
          name: 'Title',
          type: 'text',
        })
      ).attribute.id;
      const snapshot = await created(`${at}/snapshots`, { name: 'Before' });
      const invitation = await created(`${at}/invitations`, {
        email: uniqueEmail('pending'),
        role: 'viewer',
      });
      const joining = await created(`${at}/invitations`, {
        email: memberEmail,
        role: 'contributor',
      });
      const accepted = await member.browser.post(
        `/api/v1/invitations/${secretOf(joining)}/accept`,
      );
      if (accepted.status !== 200)
        throw new Error(`accept: ${accepted.status}`);
      const source = await created(`${at}/foraging`, {
        text: 'Gardeners book a tool.',
      });
      const lane: Lane = {
        token: token.token,
        userId: user.id,
        email,
        projectId: project.id,
        ids: { course, lesson, relationship, role, cta, attribute },
        snapshotId: snapshot.id,
        invitationId: invitation.id,
        invitationToken: secretOf(invitation),
        memberId: member.user.id,
        sessionId: sessions.body[0].id,
        tokenId: token.id,
        sourceId: source.source.id,
        baseline: '',
        stale: false,
      };
      lane.baseline = await readModel(lane);
      return lane;
    };
    return Promise.all(Array.from({ length: count }, (_, n) => seedLane(n)));
  }

  /**
   * One request over a keep-alive connection, the path sent exactly as given: `fetch` would
   * resolve `%2e%2e` segments (DELETE …/objects/%2e%2e is DELETE the project) and refuse some
   * malformed URLs a client can still send.
   */
  function send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; type: string; text: string }> {
    const { port } = new URL(base);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...headers,
            ...(body !== undefined && {
              'content-length': String(Buffer.byteLength(body)),
            }),
          },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              type: String(response.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.end(body);
    });
  }

  async function readModel(p: Lane): Promise<string> {
    const response = await send(
      'GET',
      `/api/v1/projects/${p.projectId}/model`,
      {
        authorization: `Bearer ${p.token}`,
      },
    );
    if (response.status !== 200)
      throw new Error(`GET model: ${response.status} ${response.text}`);
    return response.text;
  }

  it('never answers a 5xx or a non-problem error, and never changes the model for a refused input', async () => {
    const started = Date.now();
    const document = JSON.parse(
      readFileSync(join(__dirname, '../../openapi.json'), 'utf8'),
    ) as OpenApiDocument;
    const operations = readOperations(document).filter(
      (op) =>
        op.body !== null || op.pathParams.length > 0 || op.query.length > 0,
    );
    const violations: Violation[] = [];
    const statuses = new Map<string, Map<number | string, number>>();
    const took = new Map<string, number>();
    const count = (where: string, status: number | string) => {
      const byStatus =
        statuses.get(where) ?? new Map<number | string, number>();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      statuses.set(where, byStatus);
    };
    let inputs = 0;
    let serverErrors = 0;
    let nonProblem = 0;
    let modelChanged = 0;

    /** Runs one input for a person: `send` answers whether it was accepted. */
    async function attempt(
      p: Lane,
      where: string,
      input: unknown,
      send: () => Promise<{
        status: number | string;
        accepted: boolean;
        violation?: string;
      }>,
    ) {
      inputs++;
      const before = commits.get(p.projectId) ?? 0;
      const sentAt = performance.now();
      let outcome: {
        status: number | string;
        accepted: boolean;
        violation?: string;
      };
      try {
        outcome = await send();
      } catch (error) {
        outcome = {
          status: 'error',
          accepted: false,
          violation: `no answer: ${String(error)}`,
        };
      }
      count(where, outcome.status);
      took.set(where, (took.get(where) ?? 0) + performance.now() - sentAt);
      if (outcome.violation)
        violations.push({
          where,
          input: describeInput(input),
          what: outcome.violation,
        });
      const changed = (commits.get(p.projectId) ?? 0) !== before;
      if (changed && !outcome.accepted) {
        modelChanged++;
        violations.push({
          where,
          input: describeInput(input),
          what: `refused (${outcome.status}) but committed a change`,
        });
      }
      if (changed) p.stale = true;
    }

    /** The model as read now equals the baseline, unless an accepted input changed it since. */
    async function checkModel(p: Lane, where: string) {
      const now = await readModel(p);
      if (!p.stale && now !== p.baseline) {
        modelChanged++;
        violations.push({
          where,
          input: '(a run of refused inputs)',
          what: 'the model changed without an accepted input',
        });
      }
      p.baseline = now;
      p.stale = false;
    }

    async function rest(p: Lane, op: Operation, input: RestInput) {
      await attempt(
        p,
        op.id,
        `${op.method} ${input.url} ${input.label}`,
        async () => {
          const headers: Record<string, string> = {
            authorization: `Bearer ${p.token}`,
          };
          let body: string | undefined;
          if (input.body && 'json' in input.body) {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(input.body.json);
          } else if (input.body) {
            headers['content-type'] = input.body.contentType;
            body = input.body.raw;
          }
          const response = await send(
            op.method,
            input.url,
            headers,
            op.method === 'GET' ? undefined : body,
          );
          const { text, type } = response;
          let violation: string | undefined;
          if (response.status >= 500) {
            serverErrors++;
            violation = `${response.status}: ${text.slice(0, 300)}`;
          } else if (
            response.status >= 400 &&
            !type.startsWith('application/problem+json')
          ) {
            nonProblem++;
            violation = `${response.status} as ${type || 'no content type'}: ${text.slice(0, 200)}`;
          }
          return {
            status: response.status,
            accepted: response.status < 400,
            violation,
          };
        },
      );
    }

    // REST: each person takes a share of every operation's inputs.
    const jobs: Array<Array<() => Promise<void>>> = lanes.map(() => []);
    operations.forEach((op, index) => {
      const total = COSTLY.has(op.id)
        ? Math.ceil(PER_OPERATION / 5)
        : PER_OPERATION;
      lanes.forEach((p, worker) => {
        const share = Math.ceil(total / lanes.length);
        const inputs = restInputs(op, p);
        const seed = SEED + index * 31 + worker;
        for (let n = 0; n < share; n++)
          jobs[worker]?.push(() => rest(p, op, draw(inputs, seed, n)));
        jobs[worker]?.push(() => checkModel(p, op.id));
      });
    });

    // Sockets: every client→server event, on a socket joined to the person's project.
    const events = socketEvents();
    const sockets: ClientSocket[] = [];
    const dropped: string[] = [];
    const exceptions: string[] = [];
    for (const [worker, p] of lanes.entries()) {
      const joined = await connect(p, sockets, dropped, exceptions);
      const other = await connect(p, sockets, dropped, exceptions);
      const join = await joined
        .timeout(10_000)
        .emitWithAck('project:join', { projectId: p.projectId });
      expect(join.ok).toBe(true);
      events.forEach((event, index) => {
        const socket = event.name.startsWith('project:') ? other : joined;
        const payloads = socketPayload((variant) => event.base(p, variant));
        const seed = SEED + 104_729 * (index + 1) + worker;
        for (let n = 0; n < Math.ceil(PER_EVENT / lanes.length); n++)
          jobs[worker]?.push(() => {
            const payload = draw(payloads, seed, n);
            return attempt(p, `socket ${event.name}`, payload.label, () =>
              event.send(socket, payload.value),
            );
          });
        jobs[worker]?.push(() => checkModel(p, `socket ${event.name}`));
      });
    }

    const generated = Date.now();
    await Promise.all(
      jobs.map(async (queue) => {
        for (const job of queue) await job();
      }),
    );
    for (const socket of sockets) socket.disconnect();

    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    const live = await send('GET', '/api/health/live', {});
    const polluted = Object.keys(Object.prototype).concat(
      ['polluted', 'isAdmin'].filter((key) => key in {}),
    );
    const table = [...statuses.entries()]
      .map(
        ([where, byStatus]) =>
          `  ${where.padEnd(28)} ${String(Math.round((took.get(where) ?? 0) / [...byStatus.values()].reduce((a, b) => a + b, 0))).padStart(4)} ms  ${[
            ...byStatus.entries(),
          ]
            .sort(([a], [b]) => String(a).localeCompare(String(b)))
            .map(([status, n]) => `${status}×${n}`)
            .join(' ')}`,
      )
      .join('\n');
    const restOperations = operations.length;
    console.log(
      [
        `fuzz (seed ${SEED}; set up in ${setupSeconds.toFixed(1)} s, inputs generated in ${((generated - started) / 1000).toFixed(1)} s, fuzzed for ${elapsed} s): what was tried, by status`,
        table,
        `fuzz: ${inputs} inputs over ${restOperations} operations + ${events.length} socket events, 5xx: ${serverErrors}, non-problem responses: ${nonProblem}, model changed by rejected input: ${modelChanged}`,
        `fuzz: dropped sockets: ${dropped.length}, socket exceptions: ${exceptions.length}, crashes: ${crashes.length}, Object.prototype polluted: ${polluted.length > 0 ? polluted.join(',') : 'no'}, alive: ${live.status === 200}`,
        ...violations
          .slice(0, 25)
          .map((v) => `  ✗ ${v.where}: ${v.what}\n      input: ${v.input}`),
      ].join('\n'),
    );
    expect(violations.slice(0, 10)).toEqual([]);
    expect({
      dropped,
      exceptions,
      crashes: crashes.map(String),
      polluted,
    }).toEqual({
      dropped: [],
      exceptions: [],
      crashes: [],
      polluted: [],
    });
    expect(live.status).toBe(200);
    expect(inputs).toBeGreaterThanOrEqual(MIN_INPUTS);
  }, 600_000);

  async function connect(
    p: Lane,
    sockets: ClientSocket[],
    dropped: string[],
    exceptions: string[],
  ): Promise<ClientSocket> {
    const socket: ClientSocket = io(collabUrl, {
      transports: ['websocket'],
      auth: { token: p.token, clientId: randomUUID() },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') dropped.push(reason);
    });
    (socket as unknown as Socket).on('exception', (error: unknown) =>
      exceptions.push(JSON.stringify(error)),
    );
    return socket;
  }
});

interface SocketEvent {
  name: keyof CollabClientEvents;
  base: (p: Lane, variant: number) => unknown;
  send: (
    socket: ClientSocket,
    payload: unknown,
  ) => Promise<{ status: string; accepted: boolean; violation?: string }>;
}

/** Every client→server event of the `/collab` contract, with a valid payload and its answer check. */
function socketEvents(): SocketEvent[] {
  const acked =
    (name: keyof CollabClientEvents, withError: boolean) =>
    async (socket: ClientSocket, payload: unknown) => {
      const answer = (await (
        socket.timeout(REQUEST_TIMEOUT_MS) as unknown as Socket
      ).emitWithAck(name, payload)) as
        | { ok?: unknown; error?: { code?: unknown; message?: unknown } }
        | undefined;
      if (typeof answer?.ok !== 'boolean')
        return {
          status: 'no ok',
          accepted: false,
          violation: `answer without ok: ${describeInput(answer)}`,
        };
      if (answer.ok) return { status: 'ok', accepted: true };
      const code = answer.error?.code;
      if (
        withError &&
        (typeof code !== 'string' || typeof answer.error?.message !== 'string')
      )
        return {
          status: 'refused',
          accepted: false,
          violation: `refusal without code and message: ${describeInput(answer)}`,
        };
      return {
        status: typeof code === 'string' ? code : 'refused',
        accepted: false,
      };
    };
  const target = (p: Lane) => ({
    kind: 'object',
    id: p.ids.course,
    field: 'definition',
  });
  const all: Record<keyof CollabClientEvents, Omit<SocketEvent, 'name'>> = {
    'project:join': {
      base: (p) => ({ projectId: p.projectId, sinceRev: 0 }),
      send: acked('project:join', true),
    },
    'project:leave': {
      base: (p) => ({ projectId: p.projectId }),
      send: acked('project:leave', false),
    },
    'change:submit': {
      base: (p, variant) => ({
        projectId: p.projectId,
        mutationId: randomUUID(),
        change: pick(validChanges(p, randomUUID()), variant),
      }),
      send: acked('change:submit', true),
    },
    'presence:update': {
      base: (p) => ({
        projectId: p.projectId,
        focus: { kind: 'object', id: p.ids.course },
      }),
      // No answer by contract: the next acked event shows the server is still there.
      send: async (socket, payload) => {
        (socket as unknown as Socket).emit('presence:update', payload);
        const probe = await acked('lock:release', false)(socket, {});
        return {
          status: probe.violation ? 'silent' : 'sent',
          accepted: false,
          violation: probe.violation,
        };
      },
    },
    'lock:acquire': {
      base: (p) => ({ projectId: p.projectId, target: target(p) }),
      send: acked('lock:acquire', true),
    },
    'lock:release': {
      base: (p) => ({ projectId: p.projectId, target: target(p) }),
      send: acked('lock:release', false),
    },
    'export:cancel': {
      base: () => ({ exportId: randomUUID() }),
      send: acked('export:cancel', false),
    },
  };
  return Object.entries(all).map(([name, event]) => ({
    name: name as keyof CollabClientEvents,
    ...event,
  }));
}

/** Mutations of a socket payload, as Socket.IO can carry them (JSON values under its 1 MB limit). */
function socketPayload(
  base: (variant: number) => unknown,
): fc.Arbitrary<{ label: string; value: unknown }> {
  return fc
    .nat(99)
    .chain((variant) => bodyMutation(null, base(variant)))
    .map((input) => {
      if ('json' in input) return { label: input.label, value: input.json };
      if (!input.contentType.startsWith('application/json')) return null;
      try {
        return { label: input.label, value: JSON.parse(input.raw) as unknown };
      } catch {
        return null;
      }
    })
    .filter(
      (payload): payload is { label: string; value: unknown } =>
        payload !== null && fitsSocketIo(payload.value),
    );
}

/** Under Socket.IO's 1 MB message limit, and shallow enough for its encoder (it recurses). */
function fitsSocketIo(value: unknown): boolean {
  try {
    return (JSON.stringify(value)?.length ?? 0) < 900_000;
  } catch {
    return false;
  }
}

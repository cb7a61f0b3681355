import {
  type BrowserAgent,
  browserAgent,
  signedUpBrowser,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ExportService } from '@orca/api/export';
import { ForagingService } from '@orca/api/foraging';
import {
  SESSION_COOKIE,
  type ChangeApplied,
  type CollabClientEvents,
  type ExportProgressEvent,
  type ForagingChangedEvent,
  type CollabServerEvents,
  type JoinResponse,
  type LockResponse,
  type LockState,
  type PresenceState,
  type SubmitResponse,
} from '@orca/shared/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { startCollabApp } from '../testing/live-workshop';

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

describe('live collaboration over Socket.IO (/collab)', () => {
  let app: TestApp;
  let url: string;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    ({ app, url } = await startCollabApp());
  }, 120_000);

  afterEach(() => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Connects with the browser's session cookie, as the Angular app does. */
  async function connect(
    browser: { cookies: () => string },
    clientId = randomUUID(),
  ): Promise<ClientSocket> {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: browser.cookies() },
      auth: { clientId },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  const join = (socket: ClientSocket, projectId: string, sinceRev?: number) =>
    socket.timeout(10_000).emitWithAck('project:join', {
      projectId,
      ...(sinceRev !== undefined ? { sinceRev } : {}),
    }) as Promise<JoinResponse>;
  const submit = (
    socket: ClientSocket,
    projectId: string,
    change: object,
    mutationId = randomUUID(),
    baseRev?: number,
  ) =>
    socket.timeout(10_000).emitWithAck('change:submit', {
      projectId,
      mutationId,
      ...(baseRev !== undefined ? { baseRev } : {}),
      change,
    } as never) as Promise<SubmitResponse>;
  const next = <T>(
    socket: ClientSocket,
    event:
      | 'change:applied'
      | 'presence:state'
      | 'project:revoked'
      | 'lock:state'
      | 'export:progress'
      | 'foraging:changed',
    where: (payload: T) => boolean = () => true,
  ) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${event} within 10 s`)),
        10_000,
      );
      const listener = (payload: T) => {
        if (!where(payload)) return;
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(payload);
      };
      socket.on(event, listener as never);
    });

  async function person(label: string) {
    const { browser, user } = await signedUpBrowser(
      app,
      uniqueEmail(label),
      label,
    );
    return { browser, user };
  }

  async function projectWith(
    owner: BrowserAgent,
    role: 'contributor' | 'viewer',
  ) {
    const project = (await owner.post('/api/v1/projects', { name: 'Workshop' }))
      .body;
    const email = uniqueEmail(role);
    const invitation = await owner.post(
      `/api/v1/projects/${project.id}/invitations`,
      { email, role },
    );
    const token = new URL(invitation.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const { browser, user } = await signedUpBrowser(
      app,
      email,
      role === 'viewer' ? 'Vera Viewer' : 'Ben Contributor',
    );
    await browser.post(`/api/v1/invitations/${token}/accept`);
    return {
      projectId: project.id as string,
      member: browser,
      memberUser: user,
    };
  }

  it('refuses a connection without a session or token', async () => {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) =>
      socket.once('connect_error', resolve),
    );
    expect(error.message).toBe('unauthenticated');
  });

  describe('the origin of a cookie-authenticated handshake', () => {
    const handshake = async (headers: Record<string, string>) => {
      const socket: ClientSocket = io(url, {
        transports: ['websocket'],
        extraHeaders: headers,
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    };

    it('accepts the app opened at another address of its own host (127.0.0.1, a LAN name)', async () => {
      const { browser } = await person('Otto Origin');
      const host = new URL(url).host;
      expect(
        await handshake({
          cookie: browser.cookies(),
          origin: `http://${host}`,
          host,
        }),
      ).toBe('connected');
    });

    it('refuses a page of another site, saying so rather than "signed out"', async () => {
      const { browser } = await person('Mallory Origin');
      expect(
        await handshake({
          cookie: browser.cookies(),
          origin: 'https://evil.example',
        }),
      ).toBe('origin_not_allowed');
    });

    it('still says "unauthenticated" to a stale cookie from the right origin', async () => {
      const host = new URL(url).host;
      expect(
        await handshake({
          cookie: `${SESSION_COOKIE}=not-a-session`,
          origin: `http://${host}`,
        }),
      ).toBe('unauthenticated');
    });
  });

  it('shows each person the other, and every change — socket or REST — reaches both in rev order', async () => {
    const { browser: ana } = await person('Ana Facilitator');
    const { projectId, member: ben } = await projectWith(ana, 'contributor');
    const anaSocket = await connect(ana);
    const benSocket = await connect(ben);

    const anaJoined = await join(anaSocket, projectId);
    expect(anaJoined).toMatchObject({ ok: true, rev: 0 });
    const anaSeesBen = next<PresenceState>(
      anaSocket,
      'presence:state',
      (state) => state.members.length === 2,
    );
    const benJoined = await join(benSocket, projectId);
    expect(
      benJoined.ok && benJoined.presence.map((m) => m.displayName),
    ).toEqual(['Ana Facilitator', 'Ben Contributor']);
    expect((await anaSeesBen).members.map((m) => m.displayName)).toEqual([
      'Ana Facilitator',
      'Ben Contributor',
    ]);

    const objectId = randomUUID();
    const anaGets = next<ChangeApplied>(anaSocket, 'change:applied');
    const benGets = next<ChangeApplied>(benSocket, 'change:applied');
    const mutationId = randomUUID();
    const ack = await submit(
      benSocket,
      projectId,
      {
        kind: 'object.create',
        object: {
          id: objectId,
          name: 'Plot',
          definition: '',
          synonyms: [],
          examples: [],
          states: [],
          sip: {
            structure: { answer: null, note: '' },
            instances: { answer: null, note: '' },
            purpose: { answer: null, note: '' },
          },
          openQuestions: [],
          priority: null,
          score: null,
          orderKey: 'a0',
          position: null,
        },
      },
      mutationId,
    );
    expect(ack).toEqual({ ok: true, rev: 1, duplicate: false, changed: true });
    for (const event of [await anaGets, await benGets]) {
      expect(event).toMatchObject({
        projectId,
        rev: 1,
        mutationId,
        change: { kind: 'object.create' },
      });
    }
    const retried = await submit(
      benSocket,
      projectId,
      { kind: 'object.delete', id: objectId },
      mutationId,
    );
    expect(retried).toMatchObject({ ok: true, rev: 1, duplicate: true });

    const viaRest = next<ChangeApplied>(benSocket, 'change:applied');
    await ana.patch(`/api/v1/projects/${projectId}/objects/${objectId}`, {
      definition: 'A bed of soil.',
    });
    expect(await viaRest).toMatchObject({
      rev: 2,
      change: {
        kind: 'object.update',
        id: objectId,
        patch: { definition: 'A bed of soil.' },
      },
    });

    const resync = await join(benSocket, projectId, 1);
    expect(
      resync.ok && 'changes' in resync && resync.changes.map((c) => c.rev),
    ).toEqual([2]);
  });

  it('answers a bad change with a clear error and changes nothing', async () => {
    const { browser: ana } = await person('Ana');
    const projectId = (
      await ana.post('/api/v1/projects', { name: 'Bad input' })
    ).body.id;
    const socket = await connect(ana);
    await join(socket, projectId);
    const ack = await submit(socket, projectId, {
      kind: 'object.create',
      object: { id: randomUUID(), name: '' },
    });
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error.code).toBe('validation_failed');
    expect(
      !ack.ok &&
        ack.error.errors?.some((e) => e.field.startsWith('change.object')),
    ).toBe(true);
    // Text PostgreSQL cannot keep (a NUL, a lone surrogate) is refused by name, never a crash.
    for (const name of ['Plot\u0000', 'Plot \uDE00']) {
      const refused = await submit(socket, projectId, {
        kind: 'object.create',
        object: { id: randomUUID(), name, orderKey: 'a0' },
      });
      expect(!refused.ok && refused.error.errors).toEqual([
        expect.objectContaining({ field: 'change.object.name' }),
      ]);
    }
    expect(
      (await ana.get(`/api/v1/projects/${projectId}/model`)).body.rev,
    ).toBe(0);
  });

  it('lets a viewer watch but not submit, and refuses a non-member like a missing project', async () => {
    const { browser: ana } = await person('Ana');
    const { projectId, member: vera } = await projectWith(ana, 'viewer');
    const veraSocket = await connect(vera);
    expect((await join(veraSocket, projectId)).ok).toBe(true);
    const refused = await submit(veraSocket, projectId, {
      kind: 'object.delete',
      id: randomUUID(),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'insufficient_role' },
    });

    const { browser: stranger } = await person('Stranger');
    const strangerSocket = await connect(stranger);
    expect(await join(strangerSocket, projectId)).toEqual({
      ok: false,
      error: { code: 'project_not_found', message: 'Project not found' },
    });
    expect(
      await submit(strangerSocket, projectId, {
        kind: 'object.delete',
        id: randomUUID(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_joined' } });
  });

  it('takes a removed member out of the project room at once', async () => {
    const { browser: ana } = await person('Ana');
    const {
      projectId,
      member: ben,
      memberUser,
    } = await projectWith(ana, 'contributor');
    const benSocket = await connect(ben);
    await join(benSocket, projectId);
    const revoked = next<{ projectId: string; reason: string }>(
      benSocket,
      'project:revoked',
    );
    await ana.delete(`/api/v1/projects/${projectId}/members/${memberUser.id}`);
    expect(await revoked).toEqual({
      projectId,
      reason: 'A facilitator removed you from the project.',
    });

    let leaked = false;
    benSocket.on('change:applied', () => (leaked = true));
    await ana.post(`/api/v1/projects/${projectId}/objects`, { name: 'Secret' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leaked).toBe(false);
    expect(
      await submit(benSocket, projectId, {
        kind: 'object.delete',
        id: randomUUID(),
      }),
    ).toMatchObject({ ok: false });
  });

  it('closes the sockets of a session signed out from another browser, and refuses it again', async () => {
    const { browser: laptop, user } = await person('Sid Sessions');
    const phone = browserAgent(app);
    expect(
      (
        await phone.post('/api/v1/auth/login', {
          email: user.email,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const phoneSocket = await connect(phone);
    const laptopSocket = await connect(laptop);
    const closed = new Promise<string>((resolve) =>
      phoneSocket.once('disconnect', resolve),
    );

    // "Sign out everywhere else", from the laptop.
    expect((await laptop.delete('/api/v1/auth/sessions')).status).toBe(200);

    expect(await closed).toBe('io server disconnect');
    expect(laptopSocket.connected).toBe(true);
    phoneSocket.connect();
    const refused = await new Promise<Error>((resolve) =>
      phoneSocket.once('connect_error', resolve),
    );
    expect(refused.message).toBe('unauthenticated');
  });

  it('accepts a personal API token instead of a cookie', async () => {
    const { browser: ana } = await person('Robot owner');
    const token = (await ana.post('/api/v1/auth/tokens', { name: 'bot' })).body
      .token as string;
    const projectId = (await ana.post('/api/v1/projects', { name: 'Bots' }))
      .body.id;
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    expect((await join(socket, projectId)).ok).toBe(true);
  });

  describe('concurrent edits', () => {
    async function workshop() {
      const { browser: ana, user: anaUser } = await person('Ana Facilitator');
      const {
        projectId,
        member: ben,
        memberUser: benUser,
      } = await projectWith(ana, 'contributor');
      const created = await ana.post(`/api/v1/projects/${projectId}/objects`, {
        name: 'Course',
        definition: 'A course.',
      });
      expect(created.status).toBe(201);
      const anaSocket = await connect(ana, `ana-${randomUUID()}`);
      const benSocket = await connect(ben, `ben-${randomUUID()}`);
      await join(anaSocket, projectId);
      await join(benSocket, projectId);
      return {
        ana,
        anaUser,
        ben,
        benUser,
        anaSocket,
        benSocket,
        projectId,
        objectId: created.body.object.id as string,
        rev: created.body.rev as number,
      };
    }

    it('keeps the words of two people typing in one definition at the same moment', async () => {
      const { ana, anaSocket, benSocket, projectId, objectId, rev } =
        await workshop();
      const target = { itemKind: 'object', id: objectId, field: 'definition' };
      // Both typed against "A course." (rev `rev`); neither has seen the other's words.
      const [anaAck, benAck] = await Promise.all([
        submit(
          anaSocket,
          projectId,
          {
            kind: 'text.edit',
            target,
            ops: [{ retain: 2 }, { insert: 'short ' }],
          },
          randomUUID(),
          rev,
        ),
        submit(
          benSocket,
          projectId,
          {
            kind: 'text.edit',
            target,
            ops: [{ retain: 8 }, { insert: ' on SQL' }],
          },
          randomUUID(),
          rev,
        ),
      ]);
      expect(anaAck.ok && benAck.ok).toBe(true);
      const object = await ana.get(
        `/api/v1/projects/${projectId}/objects/${objectId}`,
      );
      expect(object.body.definition).toBe('A short course on SQL.');
    });

    it('tells both sides when a concurrent write of the same field was replaced', async () => {
      const { anaSocket, benSocket, anaUser, projectId, objectId, rev } =
        await workshop();
      const anaHears = next<ChangeApplied>(
        anaSocket,
        'change:applied',
        (event) => (event.overwrote ?? []).length > 0,
      );
      const first = await submit(
        anaSocket,
        projectId,
        { kind: 'object.update', id: objectId, patch: { name: 'Class' } },
        randomUUID(),
        rev,
      );
      expect(first).toMatchObject({ ok: true, rev: rev + 1 });
      // Ben had not seen Ana's rename when he renamed it too: his wins, and both are told.
      const second = await submit(
        benSocket,
        projectId,
        { kind: 'object.update', id: objectId, patch: { name: 'Module' } },
        randomUUID(),
        rev,
      );
      expect(second).toMatchObject({
        ok: true,
        rev: rev + 2,
        overwrote: [
          {
            itemKind: 'object',
            id: objectId,
            field: 'name',
            rev: rev + 1,
            actorId: anaUser.id,
          },
        ],
      });
      const event = await anaHears;
      expect(event.change).toMatchObject({ patch: { name: 'Module' } });
      expect(event.overwrote?.[0]?.field).toBe('name');
    });

    it('shows soft locks to everyone, warns without blocking, and releases them on disconnect', async () => {
      const { ana, anaSocket, benSocket, projectId, objectId } =
        await workshop();
      const target = { kind: 'object', id: objectId, field: 'definition' };
      const benSeesLock = next<LockState>(
        benSocket,
        'lock:state',
        (state) => state.locks.length === 1,
      );
      const taken = (await anaSocket
        .timeout(10_000)
        .emitWithAck('lock:acquire', {
          projectId,
          target,
        } as never)) as LockResponse;
      expect(taken).toMatchObject({
        ok: true,
        lock: { holder: { displayName: 'Ana Facilitator' } },
      });
      expect(
        (await benSeesLock).locks.map((lock) => lock.holder.displayName),
      ).toEqual(['Ana Facilitator']);
      const refused = (await benSocket
        .timeout(10_000)
        .emitWithAck('lock:acquire', {
          projectId,
          target,
        } as never)) as LockResponse;
      expect(refused).toMatchObject({
        ok: false,
        holder: { displayName: 'Ana Facilitator' },
      });
      // A lock is a hint: Ben's write goes through.
      expect(
        await submit(
          benSocket,
          projectId,
          {
            kind: 'object.update',
            id: objectId,
            patch: { definition: 'Ben wrote this.' },
          },
          randomUUID(),
          undefined,
        ),
      ).toMatchObject({ ok: true });
      const released = next<LockState>(
        benSocket,
        'lock:state',
        (state) => state.locks.length === 0,
      );
      anaSocket.disconnect();
      expect((await released).locks).toEqual([]);
      const again = (await benSocket
        .timeout(10_000)
        .emitWithAck('lock:acquire', {
          projectId,
          target,
        } as never)) as LockResponse;
      expect(again.ok).toBe(true);
      expect(
        (await ana.get(`/api/v1/projects/${projectId}/model`)).status,
      ).toBe(200);
    });

    it('lets viewers see locks but not take them', async () => {
      const { browser: ana } = await person('Ana Facilitator');
      const { projectId, member: vera } = await projectWith(ana, 'viewer');
      const socket = await connect(vera);
      const joined = await join(socket, projectId);
      expect(joined).toMatchObject({ ok: true, locks: [] });
      const refused = (await socket
        .timeout(10_000)
        .emitWithAck('lock:acquire', {
          projectId,
          target: { kind: 'view', view: 'nom' },
        } as never)) as LockResponse;
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'insufficient_role' },
      });
    });

    it('refuses a base rev the project never had, naming the field', async () => {
      const { ana, projectId, objectId, rev } = await workshop();
      for (const baseRev of [rev + 5, -1, 'yesterday']) {
        const response = await ana.post(
          `/api/v1/projects/${projectId}/changes`,
          {
            baseRev,
            change: {
              kind: 'object.update',
              id: objectId,
              patch: { name: 'Lesson' },
            },
          },
        );
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([
          expect.objectContaining({ field: 'baseRev' }),
        ]);
      }
      const model = await ana.get(`/api/v1/projects/${projectId}/model`);
      expect(model.body.rev).toBe(rev);
    });
  });

  it('tells only the person who asked how their export is going, and lets them cancel it', async () => {
    const { browser: ana, user: anaUser } = await person('Ana Exporter');
    const { projectId, member: ben } = await projectWith(ana, 'contributor');
    const anaSocket = await connect(ana);
    const benSocket = await connect(ben);
    let benHeard = false;
    benSocket.on('export:progress', () => (benHeard = true));
    const exportId = randomUUID();
    const heard = next<ExportProgressEvent>(anaSocket, 'export:progress');
    app.app.get(ExportService).progress$.next({
      projectId,
      userId: anaUser.id,
      exportId,
      format: 'pdf',
      percent: 40,
      state: 'running',
    });
    expect(await heard).toEqual({
      projectId,
      exportId,
      format: 'pdf',
      percent: 40,
      state: 'running',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(benHeard).toBe(false);
    // Nothing of that id is running (the export engine's own tests cancel a real one).
    expect(
      await anaSocket
        .timeout(10_000)
        .emitWithAck('export:cancel', { exportId }),
    ).toEqual({ ok: false });
  });

  it("tells everyone in a project's room, and no one else, that its research changed", async () => {
    const { browser: ana, user: anaUser } = await person('Ana Forager');
    const { projectId, member: vera } = await projectWith(ana, 'viewer');
    const { browser: otto } = await person('Otto Outsider');
    const anaSocket = await connect(ana);
    const veraSocket = await connect(vera);
    const ottoSocket = await connect(otto);
    await join(anaSocket, projectId);
    await join(veraSocket, projectId);
    let ottoHeard = false;
    ottoSocket.on('foraging:changed', () => (ottoHeard = true));
    // The foraging lib's own tests show the service announcing real adds and removals.
    const event: ForagingChangedEvent = {
      projectId,
      kind: 'source-removed',
      sourceId: randomUUID(),
      actor: { id: anaUser.id, displayName: 'Ana Forager' },
    };
    const heard = [anaSocket, veraSocket].map((socket) =>
      next<ForagingChangedEvent>(socket, 'foraging:changed'),
    );
    app.app.get(ForagingService).changes$.next(event);
    expect(await Promise.all(heard)).toEqual([event, event]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ottoHeard).toBe(false);
  });
});

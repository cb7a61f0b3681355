import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ProjectDto } from '@orca/shared/contracts';
import { newObject, objectsInOrder } from '@orca/shared/domain';
import { AuthStore } from '@orca/web/data-access-auth';
import {
  FakeCollabServer,
  type FakePerson,
  sampleModel,
  settle,
} from '../testing';
import { COLLAB_SOCKET_FACTORY } from './collab-connection';
import { HANDSHAKE_RETRY_MS, WorkspaceStore } from './workspace-store';
import { testId } from '@orca/shared/domain/testing';

const ADA: FakePerson = {
  userId: 'u-ada',
  displayName: 'Ada',
  color: '#d62728',
};

function project(overrides: Partial<ProjectDto> = {}): ProjectDto {
  return {
    id: 'p-1',
    name: 'Learning platform',
    description: '',
    role: 'contributor',
    rev: 1,
    memberCount: 2,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('WorkspaceStore', () => {
  let server: FakeCollabServer;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    server = new FakeCollabServer(sampleModel(), 7);
    TestBed.configureTestingModule({
      providers: [
        WorkspaceStore,
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: COLLAB_SOCKET_FACTORY, useValue: server.factoryFor(ADA) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function openStore(
    overrides: Partial<ProjectDto> = {},
    disabledRules: string[] = [],
  ): Promise<WorkspaceStore> {
    const store = TestBed.inject(WorkspaceStore);
    store.open('p-1');
    http.expectOne('/api/v1/projects/p-1').flush(project(overrides));
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush({ rules: [], disabledRules });
    await settle();
    return store;
  }

  const names = (store: WorkspaceStore) =>
    objectsInOrder(store.model() ?? sampleModel()).map((o) => o.name);

  it('joins the project live with its name, my role and the server’s model', async () => {
    const store = TestBed.inject(WorkspaceStore);
    store.open('p-1');
    expect(store.status()).toBe('connecting');
    expect(store.model()).toBeNull();
    http.expectOne('/api/v1/projects/p-1').flush(project());
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush({ rules: [], disabledRules: [] });
    await settle();

    expect(store.status()).toBe('live');
    expect(store.project()?.name).toBe('Learning platform');
    expect(store.canEdit()).toBe(true);
    expect(store.rev()).toBe(7);
    expect(names(store)).toEqual(['Course', 'Lesson']);
    // The handshake carried a stable id for this tab.
    expect(server.lastSocket.clientId).toBe(
      sessionStorage.getItem('orca.collab.clientId'),
    );
  });

  it('shows my own change at once and keeps it when the server confirms', async () => {
    const store = await openStore();

    const outcome = store.submit({
      kind: 'object.create',
      object: newObject({ id: testId('o-quiz'), name: 'Quiz', orderKey: 'a2' }),
    });
    expect(names(store)).toEqual(['Course', 'Lesson', 'Quiz']);
    expect(store.pending()).toBe(1);

    await expect(outcome).resolves.toMatchObject({ ok: true, rev: 8 });
    expect(store.pending()).toBe(0);
    expect(store.rev()).toBe(8);
    expect(names(store)).toEqual(['Course', 'Lesson', 'Quiz']);
  });

  it('shows what someone else changed without a reload', async () => {
    const store = await openStore();

    server.commitFromElsewhere({
      kind: 'object.update',
      id: testId('o-lesson'),
      patch: { name: 'Module' },
    });
    await settle();

    expect(names(store)).toEqual(['Course', 'Module']);
    expect(store.rev()).toBe(8);
  });

  it('rolls a refused change back and says so', async () => {
    const store = await openStore();
    server.refuse = () => ({
      code: 'item_deleted',
      message: 'Someone deleted this object meanwhile.',
    });

    const outcome = store.submit({
      kind: 'object.update',
      id: testId('o-course'),
      patch: { name: 'Programme' },
    });
    expect(names(store)).toEqual(['Programme', 'Lesson']);

    await expect(outcome).resolves.toMatchObject({ ok: false });
    expect(names(store)).toEqual(['Course', 'Lesson']);
    expect(store.notices()).toHaveLength(1);
    expect(store.notices()[0].message).toContain(
      'renamed an object to “Programme”',
    );
    expect(store.notices()[0].message).toContain(
      'Someone deleted this object meanwhile.',
    );

    store.dismissNotice(store.notices()[0].id);
    expect(store.notices()).toEqual([]);
  });

  it('refuses a change the model itself refuses without a round trip, and says why', async () => {
    const store = await openStore();
    const sentBefore = server.lastSocket.sent.length;
    const duplicate = {
      kind: 'object.create' as const,
      object: newObject({
        id: testId('o-dup'),
        name: 'course',
        orderKey: 'a2',
      }),
    };

    expect(store.problemWith(duplicate)?.message).toMatch(/Course/);
    const outcome = await store.submit(duplicate);

    expect(outcome.ok).toBe(false);
    expect(names(store)).toEqual(['Course', 'Lesson']);
    expect(server.lastSocket.sent.length).toBe(sentBefore);
    expect(store.notices()[0].message).toMatch(
      /^Not saved: you added the object “course”, but .*Course/,
    );
  });

  it('lets a viewer read but not edit', async () => {
    const store = await openStore({ role: 'viewer' });

    expect(store.canEdit()).toBe(false);
    const outcome = await store.submit({
      kind: 'object.delete',
      id: testId('o-course'),
    });

    expect(outcome.ok).toBe(false);
    expect(names(store)).toEqual(['Course', 'Lesson']);
    expect(store.notices()[0].message).toContain('Viewers can read');
  });

  it('filters to what is planned for Now, and remembers that per project', async () => {
    const store = await openStore();
    store.setNowOnly(true);

    expect(
      Object.values(store.visibleModel()?.objects ?? {}).map((o) => o.name),
    ).toEqual(['Course']);
    expect(names(store)).toEqual(['Course', 'Lesson']);

    store.close();
    store.open('p-1');
    http.expectOne('/api/v1/projects/p-1').flush(project());
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush({ rules: [], disabledRules: [] });
    await settle();
    expect(store.nowOnly()).toBe(true);
  });

  it('runs the checks on what is shown, and a fixed gap disappears', async () => {
    const store = await openStore();
    const missingDefinition = () =>
      store
        .findings()
        .filter((f) => f.rule === 'object-missing-definition')
        .map((f) => f.target.id);
    expect(missingDefinition()).toEqual([testId('o-lesson')]);
    expect(store.completeness()?.discovery).toBeGreaterThan(0);

    await store.submit({
      kind: 'object.update',
      id: testId('o-lesson'),
      patch: { definition: 'One unit of a course.' },
    });

    expect(missingDefinition()).toEqual([]);
  });

  it('leaves out the checks the project switched off', async () => {
    const store = await openStore({}, ['object-missing-definition']);

    expect(
      store.findings().some((f) => f.rule === 'object-missing-definition'),
    ).toBe(false);
  });

  it('shows who else is here and sends my focus at most every 200 ms', async () => {
    const auth = TestBed.inject(AuthStore);
    auth.loadMe().subscribe();
    http.expectOne('/api/v1/auth/me').flush({
      id: 'u-ada',
      email: 'ada@example.com',
      displayName: 'Ada',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const store = await openStore();
    server.factoryFor({ userId: 'u-bob', displayName: 'Bob' })('bob-tab-1');
    const bob = server.lastSocket;
    bob.connect();
    bob.emit('project:join', { projectId: 'p-1' }, () => undefined);
    await settle();

    expect(store.presence().map((m) => m.displayName)).toEqual(['Ada', 'Bob']);
    expect(store.others().map((m) => m.displayName)).toEqual(['Bob']);

    jest.useFakeTimers();
    try {
      const socket = server.sockets[0];
      const focusesSent = () =>
        socket.sent
          .filter((s) => s.event === 'presence:update')
          .map(
            (s) => (s.payload as { focus: { id?: string } | null }).focus?.id,
          );
      store.focus({ kind: 'object', id: testId('o-course') });
      store.focus({ kind: 'object', id: testId('o-lesson') });
      store.focus({ kind: 'object', id: testId('attr-title') });
      expect(focusesSent()).toEqual([testId('o-course')]);
      jest.advanceTimersByTime(200);
      expect(focusesSent()).toEqual([testId('o-course'), testId('attr-title')]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows who is editing what, and tells me when someone else holds a field', async () => {
    const store = await openStore();
    server.factoryFor({ userId: 'u-bob', displayName: 'Bob' })('bob-tab-1');
    const bob = server.lastSocket;
    bob.connect();
    bob.emit('project:join', { projectId: 'p-1' }, () => undefined);
    const definition = {
      kind: 'object' as const,
      id: testId('o-course'),
      field: 'definition',
    };
    bob.emit(
      'lock:acquire',
      { projectId: 'p-1', target: definition },
      () => undefined,
    );
    await settle();

    expect(store.lockedByOther(definition)?.holder.displayName).toBe('Bob');
    const mine = await store.acquireLock(definition);
    expect(mine).toMatchObject({ ok: false, holder: { displayName: 'Bob' } });
    const name = {
      kind: 'object' as const,
      id: testId('o-course'),
      field: 'name',
    };
    expect(await store.acquireLock(name)).toMatchObject({ ok: true });

    store.releaseLock(name);
    await settle();
    expect(store.locks().map((lock) => lock.target.field)).toEqual([
      'definition',
    ]);
  });

  it('tells me when someone else’s later write replaced mine', async () => {
    const store = await openStore();
    await store.submit({
      kind: 'object.update',
      id: testId('o-course'),
      patch: { name: 'Programme' },
    });

    server.commitFromElsewhere(
      {
        kind: 'object.update',
        id: testId('o-course'),
        patch: { name: 'Class' },
      },
      'u-bob',
      [
        {
          itemKind: 'object',
          id: testId('o-course'),
          field: 'name',
          rev: 8,
          actorId: 'u-ada',
          clientId: server.lastSocket.clientId,
        },
      ],
    );
    await settle();

    expect(names(store)).toEqual(['Class', 'Lesson']);
    expect(store.notices().at(-1)?.message).toBe(
      'Someone changed the name of “Class” just after you: their version stands.',
    );
  });

  it('keeps my edits while offline and sends them when the connection is back', async () => {
    const store = await openStore();
    const socket = server.lastSocket;

    socket.drop();
    expect(store.status()).toBe('offline');
    void store.submit({
      kind: 'object.update',
      id: testId('o-course'),
      patch: { name: 'Programme' },
    });
    expect(names(store)).toEqual(['Programme', 'Lesson']);
    expect(store.pending()).toBe(1);

    socket.connect();
    await settle();

    expect(store.status()).toBe('live');
    expect(store.pending()).toBe(0);
    expect(server.model.objects[testId('o-course')].name).toBe('Programme');
  });

  it('says when the project is not there or no longer mine', async () => {
    server.unknownProjects.add('p-1');
    const store = TestBed.inject(WorkspaceStore);
    store.open('p-1');
    http
      .expectOne('/api/v1/projects/p-1')
      .flush(
        { status: 404, title: 'Not Found', code: 'project_not_found' },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush(
        { status: 404, title: 'Not Found', code: 'project_not_found' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();

    expect(store.projectStatus()).toBe('not-found');
    expect(store.status()).toBe('revoked');
    expect(store.canEdit()).toBe(false);
  });

  it('gives up when the handshake is refused (signed out elsewhere)', async () => {
    const store = await openStore();
    server.lastSocket.drop();
    server.lastSocket.refuseHandshake();

    expect(store.status()).toBe('failed');
    expect(store.connectionProblem()).toContain('Sign in again');
  });

  it('tries again at once when the server closes the socket, so a signed-out session hears why', async () => {
    const store = await openStore();
    const socket = server.lastSocket;
    socket.closeByServer();
    // The fake completes the new handshake; the real gateway refuses it for an ended session.
    expect(socket.connected).toBe(true);
    socket.drop();
    socket.refuseHandshake();

    expect(store.status()).toBe('failed');
    expect(store.connectionProblem()).toContain('Sign in again');
  });

  it('tries the handshake again when the server could not check the session (its database was away)', async () => {
    const store = await openStore();
    const socket = server.lastSocket;
    socket.drop();
    socket.refuseHandshake('unavailable');
    expect(store.connectionProblem()).toBeNull();
    expect(socket.connected).toBe(false);

    await new Promise((resolve) =>
      setTimeout(resolve, HANDSHAKE_RETRY_MS + 100),
    );
    await settle();
    expect(socket.connected).toBe(true);
    expect(store.connectionProblem()).toBeNull();
  });

  it("says a refused origin is the server's configuration, not a signed-out person", async () => {
    const store = await openStore();
    server.lastSocket.drop();
    server.lastSocket.refuseHandshake('origin_not_allowed');

    expect(store.status()).toBe('failed');
    const problem = store.connectionProblem() ?? '';
    expect(problem).toContain('PUBLIC_URL');
    expect(problem).toContain('CORS_ORIGINS');
    expect(problem).not.toContain('session');
  });

  it('closes the socket when the workspace goes away', async () => {
    await openStore();
    const socket = server.lastSocket;
    expect(socket.connected).toBe(true);

    TestBed.resetTestingModule();

    expect(socket.connected).toBe(false);
    expect(socket.sent.some((s) => s.event === 'project:leave')).toBe(true);
  });

  it('undoes my last change through the server, and says so when there is nothing to undo', async () => {
    const store = await openStore();
    const first = store.undoLast();
    http
      .expectOne({ method: 'POST', url: '/api/v1/projects/p-1/changes/undo' })
      .flush({ rev: 9, undone: 8, changes: [], effects: [], overwrote: [] });
    await expect(first).resolves.toBe(true);
    expect(store.notices()).toEqual([]);

    const second = store.undoLast();
    http
      .expectOne({ method: 'POST', url: '/api/v1/projects/p-1/changes/undo' })
      .flush(
        {
          type: 'about:blank',
          title: 'Nothing to undo',
          status: 409,
          code: 'nothing_to_undo',
        },
        { status: 409, statusText: 'Conflict' },
      );
    await expect(second).resolves.toBe(false);
    expect(store.notices().map((notice) => notice.message)).toEqual([
      'Nothing of yours to undo.',
    ]);
  });

  it('keeps the progress of the exports I started, from the socket', async () => {
    const store = await openStore();
    store.trackExport('e-1', 'pdf');
    expect(store.exports()['e-1']).toMatchObject({
      percent: 0,
      state: 'running',
    });
  });
});

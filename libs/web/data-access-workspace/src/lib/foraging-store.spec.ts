import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  ForagingCandidateDto,
  ForagingOverviewDto,
  ProjectDto,
} from '@orca/shared/contracts';
import { newObject, objectsInOrder } from '@orca/shared/domain';
import {
  FakeCollabServer,
  type FakePerson,
  sampleModel,
  settle,
} from '../testing';
import { AuthStore } from '@orca/web/data-access-auth';
import { COLLAB_SOCKET_FACTORY } from './collab-connection';
import { ForagingStore } from './foraging-store';
import { WorkspaceStore } from './workspace-store';
import { testId } from '@orca/shared/domain/testing';

const ADA: FakePerson = {
  userId: 'u-ada',
  displayName: 'Ada',
  color: '#d62728',
};

function candidate(
  name: string,
  overrides: Partial<ForagingCandidateDto> = {},
): ForagingCandidateDto {
  return {
    key: name.toLowerCase(),
    name,
    score: 3,
    rank: 1,
    mentionCount: 3,
    sentenceCount: 3,
    sourceCount: 1,
    origins: ['noun'],
    flags: [],
    demoted: false,
    variants: [{ form: name.toLowerCase(), count: 3 }],
    synonyms: [],
    examples: [],
    verbs: [],
    actions: [],
    attributeOf: [],
    mentions: [],
    inModel: null,
    ...overrides,
  };
}

const OVERVIEW: ForagingOverviewDto = {
  sources: [
    {
      id: 's-1',
      projectId: 'p-1',
      name: 'Interview 1',
      format: 'text',
      bytes: 120,
      characters: 120,
      sentenceCount: 4,
      createdAt: '2025-01-01T00:00:00.000Z',
      createdBy: { id: 'u-ada', displayName: 'Ada' },
    },
  ],
  candidates: [
    candidate('Quiz'),
    candidate('Lesson', { rank: 2 }),
    candidate('Comment', { rank: 3, origins: ['verb'], verbs: ['comment on'] }),
  ],
  candidateCount: 3,
};

describe('ForagingStore', () => {
  let server: FakeCollabServer;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    server = new FakeCollabServer(sampleModel(), 7);
    TestBed.configureTestingModule({
      providers: [
        WorkspaceStore,
        ForagingStore,
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: COLLAB_SOCKET_FACTORY, useValue: server.factoryFor(ADA) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(role: ProjectDto['role'] = 'contributor') {
    const workspace = TestBed.inject(WorkspaceStore);
    workspace.open('p-1');
    http.expectOne('/api/v1/projects/p-1').flush({
      id: 'p-1',
      name: 'Learning platform',
      description: '',
      role,
      rev: 7,
      memberCount: 1,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush({ rules: [], disabledRules: [] });
    await settle();
    const store = TestBed.inject(ForagingStore);
    store.load('p-1');
    http.expectOne('/api/v1/projects/p-1/foraging').flush(OVERVIEW);
    return { workspace, store };
  }

  it('shows the sources and candidates, marking live what the model already has', async () => {
    const { store } = await open();
    expect(store.sources().map((s) => s.name)).toEqual(['Interview 1']);
    expect(store.selected()?.name).toBe('Quiz');
    const marks = () =>
      Object.fromEntries(
        store.candidates().map((c) => [c.name, c.inModel?.objectName ?? null]),
      );
    expect(marks()).toEqual({ Quiz: null, Lesson: 'Lesson', Comment: null });

    // Someone else adds Quiz: the mark follows the model, without reloading.
    server.commitFromElsewhere({
      kind: 'object.create',
      object: newObject({ id: testId('o-quiz'), name: 'quiz', orderKey: 'a5' }),
    });
    await settle();
    expect(marks()['Quiz']).toBe('quiz');
  });

  it('promotes through the workspace: the object appears at once and the server confirms it', async () => {
    const { store, workspace } = await open();
    const quiz = store.candidates()[0];
    const outcome = await store.promote(quiz, { as: 'object' });
    expect(outcome).toEqual({ ok: true, message: 'Quiz is now an object.' });
    expect(
      objectsInOrder(workspace.model() ?? sampleModel()).map((o) => o.name),
    ).toEqual(['Course', 'Lesson', 'Quiz']);
    expect(store.candidates()[0].inModel?.objectName).toBe('Quiz');
    expect(workspace.rev()).toBe(8);

    const again = await store.promote(store.candidates()[0], { as: 'object' });
    expect(again).toEqual({ ok: false, message: 'Quiz is already an object.' });

    const comment = store.candidates()[2];
    const cta = await store.promote(comment, {
      as: 'cta',
      roleId: testId('role-learner'),
      objectId: testId('o-lesson'),
    });
    expect(cta).toEqual({
      ok: true,
      message: 'Learner can now “comment on” on Lesson.',
    });
  });

  it('adds pasted text and shows the server’s refusal, naming what is wrong', async () => {
    const { store } = await open();
    const kept = store.addText('Gardeners comment on plots.', 'Notes');
    expect(store.adding()).toBe(true);
    const request = http.expectOne('/api/v1/projects/p-1/foraging');
    expect(request.request.body).toEqual({
      text: 'Gardeners comment on plots.',
      name: 'Notes',
    });
    request.flush({
      ...OVERVIEW,
      sources: [
        ...OVERVIEW.sources,
        { ...OVERVIEW.sources[0], id: 's-2', name: 'Notes' },
      ],
      source: { ...OVERVIEW.sources[0], id: 's-2', name: 'Notes' },
      timing: { chunks: 1, totalMs: 20, longestBlockMs: 18 },
    });
    await expect(kept).resolves.toBe(true);
    expect(store.sources().map((s) => s.name)).toEqual([
      'Interview 1',
      'Notes',
    ]);
    expect(store.adding()).toBe(false);

    // A file the server would refuse is refused before it is sent.
    const pdf = new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' });
    await expect(store.addFile(pdf)).resolves.toBe(false);
    expect(store.addProblem()?.message).toMatch(
      /notes\.pdf is not a \.txt or \.md file/,
    );
    const big = new File([new Uint8Array(1_048_577)], 'big.txt', {
      type: 'text/plain',
    });
    await expect(store.addFile(big)).resolves.toBe(false);
    expect(store.addProblem()?.message).toMatch(
      /the limit is 1,048,576 bytes \(1 MB\)/,
    );

    // What only the server can tell (a NUL inside, say) comes back as its problem.
    const file = new File(['Plots\u0000'], 'notes.txt', { type: 'text/plain' });
    const refused = store.addFile(file);
    const upload = http.expectOne('/api/v1/projects/p-1/foraging');
    expect(upload.request.body).toBeInstanceOf(FormData);
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush(
      {
        type: 'https://orca.dev/problems/unstorable-text',
        title: 'The text cannot be stored',
        status: 422,
        code: 'unstorable_text',
        detail:
          'file contains a NUL character (U+0000), which cannot be stored.',
        errors: [{ field: 'file', message: 'file contains a NUL character' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await expect(refused).resolves.toBe(false);
    expect(store.addProblem()).toMatchObject({
      status: 422,
      message:
        'file contains a NUL character (U+0000), which cannot be stored.',
      fieldErrors: { file: 'file contains a NUL character' },
    });
  });

  it('shows a source someone else adds or removes at once, and reads the candidates again', async () => {
    const { store } = await open();
    const bob = { id: 'u-bob', displayName: 'Bob' };
    const second = { ...OVERVIEW.sources[0], id: 's-2', name: 'Interview 2' };
    // Another project's research is not this page's business.
    server.lastSocket.receive('foraging:changed', {
      projectId: 'p-2',
      kind: 'source-added',
      source: { ...second, projectId: 'p-2' },
      actor: bob,
    });
    server.lastSocket.receive('foraging:changed', {
      projectId: 'p-1',
      kind: 'source-added',
      source: second,
      actor: bob,
    });
    expect(store.sources().map((s) => s.name)).toEqual([
      'Interview 1',
      'Interview 2',
    ]);
    expect(store.liveNote()).toBe('Bob added “Interview 2”.');
    http.expectOne('/api/v1/projects/p-1/foraging').flush({
      ...OVERVIEW,
      sources: [...OVERVIEW.sources, second],
      candidates: [...OVERVIEW.candidates, candidate('Badge', { rank: 4 })],
      candidateCount: 4,
    });
    expect(store.candidates().map((c) => c.name)).toContain('Badge');

    server.lastSocket.receive('foraging:changed', {
      projectId: 'p-1',
      kind: 'source-removed',
      sourceId: 's-2',
      actor: bob,
    });
    expect(store.sources().map((s) => s.name)).toEqual(['Interview 1']);
    expect(store.liveNote()).toBe('Bob removed “Interview 2”.');
    http.expectOne('/api/v1/projects/p-1/foraging').flush(OVERVIEW);
    expect(store.candidates().map((c) => c.name)).not.toContain('Badge');
  });

  it('does not read again for its own source, and catches up after the connection was lost', async () => {
    TestBed.inject(AuthStore).loadMe().subscribe();
    http.expectOne('/api/v1/auth/me').flush({
      id: ADA.userId,
      email: 'ada@example.com',
      displayName: 'Ada',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const { store } = await open();
    const kept = store.addText('Learners earn badges.', 'Notes');
    const notes = { ...OVERVIEW.sources[0], id: 's-2', name: 'Notes' };
    // The socket may be quicker than the answer: the answer shows it, no second read.
    server.lastSocket.receive('foraging:changed', {
      projectId: 'p-1',
      kind: 'source-added',
      source: notes,
      actor: { id: ADA.userId, displayName: 'Ada' },
    });
    http.expectNone({ method: 'GET', url: '/api/v1/projects/p-1/foraging' });
    http.expectOne('/api/v1/projects/p-1/foraging').flush({
      ...OVERVIEW,
      sources: [...OVERVIEW.sources, notes],
      source: notes,
      timing: { chunks: 1, totalMs: 20, longestBlockMs: 18 },
    });
    await expect(kept).resolves.toBe(true);
    expect(store.sources().map((s) => s.name)).toEqual([
      'Interview 1',
      'Notes',
    ]);
    expect(store.liveNote()).toBeNull();

    TestBed.tick();
    server.lastSocket.drop();
    await settle();
    TestBed.tick();
    server.lastSocket.connect();
    await settle();
    TestBed.tick();
    // Whatever was added while this tab was away is read once it is live again.
    http.expectOne('/api/v1/projects/p-1/foraging').flush(OVERVIEW);
    expect(store.sources().map((s) => s.name)).toEqual(['Interview 1']);
  });

  it('removes a source and reloads what is left', async () => {
    const { store } = await open();
    const removed = store.removeSource('s-1');
    http
      .expectOne(
        (r) =>
          r.method === 'DELETE' &&
          r.url === '/api/v1/projects/p-1/foraging/s-1',
      )
      .flush(null, { status: 204, statusText: 'No Content' });
    await expect(removed).resolves.toBe(true);
    http
      .expectOne('/api/v1/projects/p-1/foraging')
      .flush({ sources: [], candidates: [], candidateCount: 0 });
    expect(store.sources()).toEqual([]);
    expect(store.selected()).toBeNull();
  });
});

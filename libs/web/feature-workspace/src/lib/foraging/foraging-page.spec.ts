import type {
  ForagingCandidateDto,
  ForagingOverviewDto,
} from '@orca/shared/contracts';
import { objectsInOrder } from '@orca/shared/domain';
import {
  openWorkspace,
  press,
  textOf,
  type,
} from '../../testing/open-workspace';
import { highlightParts } from './highlight';
import { testId } from '@orca/shared/domain/testing';

function candidate(
  name: string,
  overrides: Partial<ForagingCandidateDto> = {},
): ForagingCandidateDto {
  return {
    key: name.toLowerCase(),
    name,
    score: 3,
    rank: 1,
    mentionCount: 2,
    sentenceCount: 2,
    sourceCount: 1,
    origins: ['noun'],
    flags: [],
    demoted: false,
    variants: [{ form: `${name.toLowerCase()}s`, count: 2 }],
    synonyms: [],
    examples: [],
    verbs: [],
    actions: [],
    attributeOf: [],
    mentions: [
      {
        sourceId: 's-1',
        sentenceStart: 0,
        sentence: `Every ${name.toLowerCase()} has a tutor.`,
        ranges: [{ start: 6, end: 6 + name.length }],
        origin: 'noun',
      },
    ],
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
      bytes: 2048,
      characters: 2048,
      sentenceCount: 12,
      createdAt: '2025-01-01T00:00:00.000Z',
      createdBy: { id: 'u-ada', displayName: 'Ada Lovelace' },
    },
  ],
  candidates: [
    candidate('Quiz'),
    candidate('Lesson', { rank: 2 }),
    candidate('Week', {
      rank: 3,
      demoted: true,
      flags: [{ kind: 'time', reason: 'A time word.', demotes: true }],
    }),
  ],
  candidateCount: 3,
};

describe('highlightParts', () => {
  it('cuts a sentence into marked and plain parts, merging overlaps', () => {
    expect(
      highlightParts('Gardeners book a tool.', [
        { start: 17, end: 21 },
        { start: 10, end: 14 },
        { start: 12, end: 14 },
        { start: 40, end: 50 },
      ]),
    ).toEqual([
      { text: 'Gardeners ', marked: false },
      { text: 'book', marked: true },
      { text: ' a ', marked: false },
      { text: 'tool', marked: true },
      { text: '.', marked: false },
    ]);
  });
});

describe('ForagingPage', () => {
  beforeEach(() => localStorage.clear());

  async function openForaging(role: 'facilitator' | 'viewer' = 'facilitator') {
    const opened = await openWorkspace('foraging', { role });
    opened.http.expectOne('/api/v1/projects/p-1/foraging').flush(OVERVIEW);
    await opened.settle();
    return opened;
  }

  const rows = (page: HTMLElement) => [
    ...page.querySelectorAll<HTMLElement>('[data-testid="foraging-candidate"]'),
  ];

  it('lists ranked candidates, quieter when demoted, marked when in the model, with their sentences', async () => {
    const { page } = await openForaging();
    expect(rows(page()).map((r) => r.dataset['candidateName'])).toEqual([
      'Quiz',
      'Lesson',
      'Week',
    ]);
    expect(rows(page())[2].classList).toContain('demoted');
    expect(textOf(rows(page())[2])).toContain('time');
    const lesson = rows(page())[1];
    expect(lesson.dataset['inModel']).toBe('true');
    expect(
      lesson
        .querySelector('[data-testid="in-model-link"]')
        ?.getAttribute('href'),
    ).toBe(`/projects/p-1/objects/${testId('o-lesson')}`);

    const detail = page().querySelector('[data-testid="candidate-detail"]');
    expect(detail?.getAttribute('data-candidate-name')).toBe('Quiz');
    expect(detail?.querySelector('mark')?.textContent).toBe('quiz');
    expect(
      textOf(page().querySelector('[data-testid="foraging-sources"]')),
    ).toContain('Interview 1 2 KB · 12 sentences · Ada Lovelace');
    expect(textOf(page())).toContain('up to 1.0 MB');
  });

  it('promotes with one click, live, and the mark follows', async () => {
    const { page, server, settle } = await openForaging();
    const promote = page().querySelector<HTMLButtonElement>(
      '[data-testid="promote-object"]',
    );
    expect(promote?.getAttribute('aria-label')).toBe(
      'Promote Quiz to an object',
    );
    promote?.click();
    await settle();
    expect(objectsInOrder(server.model).map((o) => o.name)).toEqual([
      'Course',
      'Lesson',
      'Quiz',
    ]);
    expect(rows(page())[0].dataset['inModel']).toBe('true');
    expect(
      textOf(page().querySelector('[data-testid="promotion-status"]')),
    ).toBe('Quiz is now an object.');
  });

  it('moves through the candidates with the arrow keys', async () => {
    const { page, settle } = await openForaging();
    const current = () =>
      page().querySelector('button.pick[aria-current="true"]');
    press(current(), 'ArrowDown');
    await settle();
    expect(
      page()
        .querySelector('[data-testid="candidate-detail"]')
        ?.getAttribute('data-candidate-name'),
    ).toBe('Lesson');
    expect(document.activeElement).toBe(current());
    press(current(), 'End');
    await settle();
    expect(
      page()
        .querySelector('[data-testid="candidate-detail"]')
        ?.getAttribute('data-candidate-name'),
    ).toBe('Week');
  });

  it('sends pasted text and shows the server’s refusal', async () => {
    const { page, http, settle } = await openForaging();
    type(
      page().querySelector('[data-testid="foraging-text"]'),
      'Tutors grade quizzes.',
    );
    await settle();
    page()
      .querySelector<HTMLButtonElement>('[data-testid="foraging-submit"]')
      ?.click();
    const request = http.expectOne('/api/v1/projects/p-1/foraging');
    expect(request.request.body).toEqual({ text: 'Tutors grade quizzes.' });
    request.flush(
      {
        type: 'https://orca.dev/problems/text-too-large',
        title: 'The research text is too large',
        status: 413,
        code: 'text_too_large',
        detail:
          'text is 2,000,000 bytes (1.91 MB); the limit is 1,048,576 bytes (1 MB).',
        errors: [{ field: 'text', message: 'too large' }],
      },
      { status: 413, statusText: 'Payload Too Large' },
    );
    await settle();
    expect(
      textOf(page().querySelector('[data-testid="foraging-problem"]')),
    ).toContain('the limit is 1,048,576 bytes (1 MB)');
  });

  it('shows a source someone else adds, and says who, without a reload', async () => {
    const { page, server, http, settle } = await openForaging('viewer');
    const second = {
      ...OVERVIEW.sources[0],
      id: 's-2',
      name: 'Interview 2',
      createdBy: { id: 'u-bob', displayName: 'Bob' },
    };
    server.lastSocket.receive('foraging:changed', {
      projectId: 'p-1',
      kind: 'source-added',
      source: second,
      actor: { id: 'u-bob', displayName: 'Bob' },
    });
    http.expectOne('/api/v1/projects/p-1/foraging').flush({
      ...OVERVIEW,
      sources: [...OVERVIEW.sources, second],
      candidates: [...OVERVIEW.candidates, candidate('Badge', { rank: 4 })],
      candidateCount: 4,
    });
    await settle();
    expect(
      [
        ...page().querySelectorAll<HTMLElement>(
          '[data-testid="foraging-source"]',
        ),
      ].map((li) => li.dataset['sourceName']),
    ).toEqual(['Interview 1', 'Interview 2']);
    expect(
      textOf(page().querySelector('[data-testid="foraging-live-note"]')),
    ).toBe('Bob added “Interview 2”.');
    expect(rows(page()).map((r) => r.dataset['candidateName'])).toContain(
      'Badge',
    );
  });

  it('shows viewers the candidates without ways to change anything', async () => {
    const { page } = await openForaging('viewer');
    expect(rows(page())).toHaveLength(3);
    expect(page().querySelector('[data-testid="foraging-text"]')).toBeNull();
    expect(page().querySelector('[data-testid="promote-object"]')).toBeNull();
    expect(
      page().querySelector('[data-testid="foraging-source-remove"]'),
    ).toBeNull();
  });
});

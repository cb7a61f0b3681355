import { newObject } from '@orca/shared/domain';
import { sampleModel } from '@orca/web/data-access-workspace/testing';
import {
  openWorkspace,
  press,
  textOf,
  type,
} from '../../testing/open-workspace';
import { LIVE_TEXT_SEND_DELAY_MS } from '../editing/live-text-editor';
import { testId } from '@orca/shared/domain/testing';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ObjectPage', () => {
  beforeEach(() => localStorage.clear());

  it('renders the definition as markdown, and nothing that could run', async () => {
    const model = sampleModel({
      objects: [
        newObject({
          id: testId('o-quiz'),
          name: 'Quiz',
          orderKey: 'a2',
          definition:
            'A **short test**.\n\n<script>window.hacked = true</script><img src="x" onerror="window.hacked = true">\n\n[go](javascript:alert(1))',
        }),
      ],
    });
    const { page } = await openWorkspace(`objects/${testId('o-quiz')}`, {
      model,
    });

    const rendered = page().querySelector(
      '[data-testid="definition-rendered"]',
    ) as HTMLElement;
    expect(rendered.querySelector('strong')?.textContent).toBe('short test');
    expect(rendered.innerHTML).not.toContain('<script');
    expect(rendered.innerHTML).not.toContain('onerror');
    expect(rendered.querySelector('a')?.textContent).toBe('go');
    expect(rendered.querySelector('a')?.getAttribute('href')).not.toMatch(
      /^javascript:/,
    );
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('shows the guide entry with its attributes, nested objects and CTAs', async () => {
    const { page } = await openWorkspace(`objects/${testId('o-course')}`);

    expect(textOf(page().querySelector('h1'))).toContain('Course');
    expect(textOf(page().querySelector('#section-synonyms'))).toContain(
      'Class',
    );
    expect(textOf(page().querySelector('#section-examples'))).toContain(
      'SQL for Analysts',
    );
    expect(textOf(page().querySelector('#section-states'))).toContain('Draft');
    expect(textOf(page().querySelector('#section-states'))).toContain(
      '→ Published',
    );
    expect(textOf(page().querySelector('#section-attributes'))).toContain(
      'Title',
    );
    expect(textOf(page().querySelector('#section-nested'))).toContain(
      'Course has many Lesson (one-to-many)',
    );
    expect(textOf(page().querySelector('#section-ctas'))).toContain('Learner');
    expect(textOf(page().querySelector('#section-ctas'))).toContain(
      'Enroll in',
    );
    expect(
      page().querySelector('#section-nested a')?.getAttribute('href'),
    ).toBe(`/projects/p-1/objects/${testId('o-lesson')}`);
  });

  it("shows the object's history: who changed it, newest first", async () => {
    const { page, http, server, settle } = await openWorkspace(
      `objects/${testId('o-course')}`,
    );
    await wait(450);
    const request = http.expectOne(
      (r) =>
        r.url === '/api/v1/projects/p-1/changes' &&
        r.params.get('itemId') === testId('o-course'),
    );
    expect(request.request.params.get('order')).toBe('desc');
    request.flush({
      rev: 5,
      hasMore: false,
      changes: [
        {
          rev: 5,
          actorId: 'u-bob',
          actorName: 'Bob',
          clientId: 'c-2',
          mutationId: 'm-2',
          kind: 'object.update',
          change: {
            kind: 'object.update',
            id: testId('o-course'),
            patch: { synonyms: ['Class', 'Program'] },
          },
          effects: [],
          createdAt: new Date().toISOString(),
        },
      ],
    });
    await settle();
    const history = page().querySelector('[data-testid="object-history"]');
    expect(textOf(history)).toContain('Bob edited the synonyms of “Course”');

    // Someone renames another object: Course's history has nothing new, and is not asked again.
    server.commitFromElsewhere({
      kind: 'object.update',
      id: testId('o-lesson'),
      patch: { name: 'Unit' },
    });
    await settle();
    await wait(450);
    http.expectNone((r) => r.url === '/api/v1/projects/p-1/changes');

    // Someone edits Course itself: its history is read again.
    server.commitFromElsewhere({
      kind: 'object.update',
      id: testId('o-course'),
      patch: { examples: ['Intro to SQL'] },
    });
    await settle();
    await wait(450);
    http
      .expectOne(
        (r) =>
          r.url === '/api/v1/projects/p-1/changes' &&
          r.params.get('itemId') === testId('o-course'),
      )
      .flush({ rev: 7, hasMore: false, changes: [] });
  });

  it('sends what is typed into the definition as text edits, merged with others’ typing', async () => {
    const { page, server, settle } = await openWorkspace(
      `objects/${testId('o-lesson')}`,
    );
    (
      page().querySelector(
        '[data-testid="edit-definition"]',
      ) as HTMLButtonElement
    ).click();
    await settle();
    const area = page().querySelector(
      '[data-testid="definition-editor"] textarea',
    );

    type(area, 'One unit.');
    await wait(LIVE_TEXT_SEND_DELAY_MS + 50);
    await settle();
    expect(server.model.objects[testId('o-lesson')].definition).toBe(
      'One unit.',
    );
    const submitted = server.sockets[0].sent
      .filter((s) => s.event === 'change:submit')
      .map((s) => (s.payload as { change: { kind: string } }).change.kind);
    expect(submitted).toEqual(['text.edit']);

    // Ada keeps typing while Bob's words arrive at the start.
    type(area, 'One unit of a course.');
    server.commitFromElsewhere({
      kind: 'text.edit',
      target: {
        itemKind: 'object',
        id: testId('o-lesson'),
        field: 'definition',
      },
      ops: [{ insert: 'Lesson: ' }],
    });
    await settle();
    expect((area as HTMLTextAreaElement).value).toBe(
      'Lesson: One unit of a course.',
    );
    await wait(LIVE_TEXT_SEND_DELAY_MS + 50);
    await settle();

    expect(server.model.objects[testId('o-lesson')].definition).toBe(
      'Lesson: One unit of a course.',
    );
    expect(
      textOf(page().querySelector('[data-testid="definition-rendered"]')),
    ).toBe('Lesson: One unit of a course.');
  });

  it('opens an empty definition for writing when a check sends me there', async () => {
    const { page } = await openWorkspace(
      `objects/${testId('o-lesson')}?focus=definition`,
    );

    const area = page().querySelector(
      '[data-testid="definition-editor"] textarea',
    );
    expect(area).not.toBeNull();
    expect(document.activeElement).toBe(area);
  });

  it('answers the SIP check and adds synonyms', async () => {
    const { page, server, settle } = await openWorkspace(
      `objects/${testId('o-lesson')}`,
    );
    const structure = page().querySelector(
      '#sip-structure',
    ) as HTMLSelectElement;

    structure.value = 'yes';
    structure.dispatchEvent(new Event('change'));
    await settle();
    expect(server.model.objects[testId('o-lesson')].sip.structure.answer).toBe(
      'yes',
    );

    const synonym = page().querySelector(
      '#object-synonyms',
    ) as HTMLInputElement;
    type(synonym, 'Module');
    press(synonym, 'Enter');
    await settle();
    expect(server.model.objects[testId('o-lesson')].synonyms).toEqual([
      'Module',
    ]);
    expect(textOf(page().querySelector('#section-synonyms'))).toContain(
      'Module',
    );
  });

  it('renames a state and the transitions that lead to it', async () => {
    const { page, server, settle } = await openWorkspace(
      `objects/${testId('o-course')}`,
    );
    const published = page().querySelectorAll(
      '#section-states orca-inline-text',
    )[2];
    (published.querySelector('button') as HTMLButtonElement).click();
    await settle();
    const input = published.querySelector('input');
    type(input, 'Live');
    press(input, 'Enter');
    await settle();

    expect(server.model.objects[testId('o-course')].states).toEqual([
      { name: 'Draft', description: '', transitions: ['Live'] },
      { name: 'Live', description: '', transitions: [] },
    ]);
  });

  it('says when the object was deleted meanwhile', async () => {
    const { page, server, settle } = await openWorkspace(
      `objects/${testId('o-lesson')}`,
    );

    server.commitFromElsewhere({
      kind: 'object.delete',
      id: testId('o-lesson'),
    });
    await settle();

    expect(textOf(page())).toContain('This object is not here');
  });

  it('shows a viewer the guide without editors', async () => {
    const { page } = await openWorkspace(`objects/${testId('o-course')}`, {
      role: 'viewer',
    });

    expect(page().querySelector('[data-testid="edit-definition"]')).toBeNull();
    expect(
      (page().querySelector('#sip-structure') as HTMLSelectElement).disabled,
    ).toBe(true);
    expect(page().querySelector('#object-synonyms')).toBeNull();
  });
});

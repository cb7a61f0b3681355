import { newAttribute, newCta } from '@orca/shared/domain';
import { sampleModel } from '@orca/web/data-access-workspace/testing';
import { openWorkspace, textOf } from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

const warningCodes = (page: HTMLElement) =>
  [...page.querySelectorAll('[data-testid="preview-warning"]')].map((w) =>
    w.getAttribute('data-code'),
  );

const fixHref = (page: HTMLElement, code: string) =>
  page
    .querySelector(
      `[data-testid="preview-warning"][data-code="${code}"] [data-testid="preview-warning-fix"]`,
    )
    ?.getAttribute('href');

describe('PreviewsPage', () => {
  beforeEach(() => localStorage.clear());

  it('opens on the first object: its Card, Detail, List and Landing, and an object picker', async () => {
    const { page } = await openWorkspace('previews');

    expect(
      [...page().querySelectorAll('[data-testid="preview-pick"]')].map((p) =>
        p.getAttribute('data-object-name'),
      ),
    ).toEqual(['Course', 'Lesson']);
    expect(
      page()
        .querySelector('[data-testid="preview-pick"][aria-current="page"]')
        ?.getAttribute('data-object-name'),
    ).toBe('Course');
    expect(
      textOf(page().querySelector('[data-testid="preview-object-name"]')),
    ).toBe('Course, planned for Now');
    for (const part of ['card', 'detail', 'list', 'landing'])
      expect(
        page().querySelector(`[data-testid="preview-${part}"]`),
      ).not.toBeNull();
    expect(textOf(page().querySelector('[data-testid="cdll-card-name"]'))).toBe(
      'SQL for Analysts',
    );
    expect(
      textOf(page().querySelector('[data-testid="cdll-primary-cta"]')),
    ).toBe('Enroll in');
    expect(
      textOf(page().querySelector('[data-testid="cdll-landing-title"]')),
    ).toBe('Courses');
  });

  it('links every gap to where it is fixed', async () => {
    const { page } = await openWorkspace(
      `previews?object=${testId('o-lesson')}`,
    );

    expect(warningCodes(page())).toEqual([
      'no-core-content',
      'no-metadata',
      'no-primary-cta',
      'no-definition',
      'no-examples',
    ]);
    expect(fixHref(page(), 'no-core-content')).toBe(
      `/projects/p-1/attributes?object=${testId('o-lesson')}`,
    );
    expect(fixHref(page(), 'no-metadata')).toBe(
      `/projects/p-1/attributes?object=${testId('o-lesson')}`,
    );
    expect(fixHref(page(), 'no-primary-cta')).toBe(
      `/projects/p-1/ctas?focus=${testId('o-lesson')}`,
    );
    expect(fixHref(page(), 'no-definition')).toBe(
      `/projects/p-1/objects/${testId('o-lesson')}?focus=definition`,
    );
    expect(fixHref(page(), 'no-examples')).toBe(
      `/projects/p-1/objects/${testId('o-lesson')}?focus=examples`,
    );
    expect(
      textOf(
        page().querySelector(
          '[data-testid="preview-pick"][data-object-name="Lesson"] .gaps',
        ),
      ),
    ).toBe('⚠ 4');
  });

  it('links a nested object nobody can act on to its CTAs', async () => {
    const { page } = await openWorkspace('previews');
    expect(fixHref(page(), 'nested-unreachable')).toBe(
      `/projects/p-1/ctas?focus=${testId('o-lesson')}`,
    );
  });

  it('links a list attribute without values to that attribute', async () => {
    const model = sampleModel({
      attributes: [
        newAttribute({
          id: testId('attr-level'),
          objectId: testId('o-course'),
          name: 'Level',
          type: 'list',
          kind: 'metadata',
          orderKey: 'a1',
        }),
      ],
    });
    const { page } = await openWorkspace('previews', { model });
    expect(fixHref(page(), 'filter-without-options')).toBe(
      `/projects/p-1/attributes?focus=${testId('attr-level')}&object=${testId('o-course')}`,
    );
  });

  it('follows the model live: a metadata attribute added elsewhere clears the gap and gives the List a control', async () => {
    const { page, server, settle } = await openWorkspace('previews');
    expect(warningCodes(page())).toContain('no-metadata');
    expect(page().querySelector('[data-testid="cdll-list-sort"]')).toBeNull();

    server.commitFromElsewhere({
      kind: 'attribute.create',
      attribute: newAttribute({
        id: testId('attr-price'),
        objectId: testId('o-course'),
        name: 'Price',
        type: 'currency',
        kind: 'metadata',
        orderKey: 'a1',
      }),
    });
    await settle();

    expect(warningCodes(page())).not.toContain('no-metadata');
    const sort = page().querySelector('[data-testid="cdll-list-sort"]');
    expect(textOf(sort)).toContain('Price: low to high');
    expect(
      page().querySelector(
        '[data-testid="cdll-list-filter"][data-attribute="Price"]',
      ),
    ).not.toBeNull();
  });

  it('says when everything is in place', async () => {
    const model = sampleModel({
      attributes: [
        newAttribute({
          id: testId('attr-price'),
          objectId: testId('o-course'),
          name: 'Price',
          type: 'currency',
          kind: 'metadata',
          orderKey: 'a1',
        }),
      ],
      ctas: [
        newCta({
          id: testId('cta-lesson'),
          roleId: testId('role-learner'),
          objectId: testId('o-lesson'),
          verb: 'Open',
          crud: 'read',
          orderKey: 'a0',
        }),
      ],
    });
    const { page } = await openWorkspace('previews', { model });
    expect(page().querySelector('[data-testid="preview-warnings"]')).toBeNull();
    expect(
      textOf(page().querySelector('[data-testid="preview-ready"]')),
    ).toContain('Nothing missing');
  });

  it('honours "Now only": a Later object is left out, and its link says why, with a way back', async () => {
    localStorage.setItem('orca.nowOnly.p-1', 'true');
    const { page, settle } = await openWorkspace(
      `previews?object=${testId('o-lesson')}`,
    );

    expect(
      [...page().querySelectorAll('[data-testid="preview-pick"]')].map((p) =>
        p.getAttribute('data-object-name'),
      ),
    ).toEqual(['Course']);
    expect(
      textOf(page().querySelector('[data-testid="preview-hidden"]')),
    ).toContain('Lesson is hidden by “Now only”');
    expect(
      textOf(page().querySelector('[data-testid="previews-hidden-count"]')),
    ).toBe('1 object is not planned for Now and hidden.');
    // Course nests Lesson, but not in the Now view.
    expect(
      page().querySelector('[data-testid="cdll-nested"][data-object="Lesson"]'),
    ).toBeNull();

    (
      page().querySelector(
        '[data-testid="preview-hidden"] button',
      ) as HTMLElement
    ).click();
    await settle();
    expect(
      textOf(page().querySelector('[data-testid="preview-object-name"]')),
    ).toBe('Lesson, planned for Later');
  });

  it('opens the previews of a nested object followed on the Detail', async () => {
    const model = sampleModel({
      ctas: [
        newCta({
          id: testId('cta-lesson'),
          roleId: testId('role-learner'),
          objectId: testId('o-lesson'),
          verb: 'Open',
          crud: 'read',
          orderKey: 'a0',
        }),
      ],
    });
    const { page, settle, harness } = await openWorkspace('previews', {
      model,
    });
    (
      page().querySelector(
        '[data-testid="cdll-nested"][data-object="Lesson"] button',
      ) as HTMLElement
    ).click();
    await settle();
    await harness.fixture.whenStable();
    expect(
      textOf(page().querySelector('[data-testid="preview-object-name"]')),
    ).toBe('Lesson, planned for Later');
  });

  it('says so when the object asked for is not in the model', async () => {
    const { page } = await openWorkspace('previews?object=o-gone');
    expect(
      textOf(page().querySelector('[data-testid="preview-missing"]')),
    ).toContain('This object is not here');
  });
});

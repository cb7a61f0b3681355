import { newAttribute } from '@orca/shared/domain';
import { sampleModel } from '@orca/web/data-access-workspace/testing';
import {
  type OpenWorkspace,
  openWorkspace,
  press,
  textOf,
  type,
} from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

describe('ObjectCatalogPage', () => {
  beforeEach(() => localStorage.clear());

  const rows = (page: HTMLElement) =>
    [...page.querySelectorAll('[data-testid="object-row"]')].map((row) =>
      row.getAttribute('data-object-name'),
    );

  async function renameFirst(
    workspace: OpenWorkspace,
    name: string,
  ): Promise<void> {
    const button = workspace
      .page()
      .querySelector('[data-testid="object-name"] button') as HTMLButtonElement;
    button.click();
    await workspace.settle();
    const input = workspace
      .page()
      .querySelector('[data-testid="object-name"] input');
    type(input, name);
    press(input, 'Enter');
    await workspace.settle();
  }

  it('lists the objects in order with what each holds', async () => {
    const { page } = await openWorkspace('objects');

    expect(rows(page())).toEqual(['Course', 'Lesson']);
    const course = page().querySelector('[data-object-name="Course"]');
    expect(textOf(course)).toContain('Class');
    expect(textOf(course)).toContain('A structured sequence of **lessons**.');
    expect(
      course
        ?.querySelector('[data-testid="open-object"]')
        ?.getAttribute('href'),
    ).toBe(`/projects/p-1/objects/${testId('o-course')}`);
  });

  it('finds objects by a synonym and says when nothing matches', async () => {
    const { page, settle } = await openWorkspace('objects');
    const search = page().querySelector('[data-testid="object-search"]');

    type(search, 'class');
    await settle();
    expect(rows(page())).toEqual(['Course']);

    type(search, 'quiz');
    await settle();
    expect(rows(page())).toEqual([]);
    expect(textOf(page())).toContain('No object matches');
  });

  it('sorts by name both ways', async () => {
    const { page, settle } = await openWorkspace('objects');
    const sort = page().querySelector(
      '[data-testid="sort-name"]',
    ) as HTMLButtonElement;

    sort.click();
    await settle();
    expect(rows(page())).toEqual(['Course', 'Lesson']);
    sort.click();
    await settle();
    expect(rows(page())).toEqual(['Lesson', 'Course']);
    expect(sort.closest('th')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('adds an object by typing its name and Enter, at the end, at once', async () => {
    const workspace = await openWorkspace('objects');
    const { page, server, settle } = workspace;
    const field = page().querySelector(
      '[data-testid="new-object-name"]',
    ) as HTMLInputElement;

    type(field, '  Quiz ');
    field.form?.dispatchEvent(new Event('submit'));
    await settle();

    expect(rows(page())).toEqual(['Course', 'Lesson', 'Quiz']);
    expect(field.value).toBe('');
    expect(Object.values(server.model.objects).map((o) => o.name)).toContain(
      'Quiz',
    );
  });

  it('says why a name cannot be added, next to the field', async () => {
    const { page, server, settle } = await openWorkspace('objects');
    const field = page().querySelector(
      '[data-testid="new-object-name"]',
    ) as HTMLInputElement;

    type(field, 'course');
    field.form?.dispatchEvent(new Event('submit'));
    await settle();

    expect(
      textOf(page().querySelector('[data-testid="new-object-problem"]')),
    ).toMatch(/Course/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(Object.keys(server.model.objects)).toHaveLength(2);
  });

  it('renames an object in place', async () => {
    const workspace = await openWorkspace('objects');

    await renameFirst(workspace, 'Programme');

    expect(rows(workspace.page())).toEqual(['Programme', 'Lesson']);
    expect(workspace.server.model.objects[testId('o-course')].name).toBe(
      'Programme',
    );
  });

  it('puts a name back with Escape', async () => {
    const { page, settle, server } = await openWorkspace('objects');
    (
      page().querySelector(
        '[data-testid="object-name"] button',
      ) as HTMLButtonElement
    ).click();
    await settle();
    const input = page().querySelector('[data-testid="object-name"] input');
    type(input, 'Typo');
    press(input, 'Escape');
    await settle();

    expect(rows(page())).toEqual(['Course', 'Lesson']);
    expect(server.model.objects[testId('o-course')].name).toBe('Course');
  });

  it('defines an object in place, keeping what someone typed meanwhile', async () => {
    const { page, settle, server } = await openWorkspace('objects');
    const lesson = page().querySelector(
      '[data-object-name="Lesson"]',
    ) as HTMLElement;
    (
      lesson.querySelector(
        '[data-testid="object-definition"] button',
      ) as HTMLButtonElement
    ).click();
    await settle();
    const input = lesson.querySelector(
      '[data-testid="object-definition"] input',
    );
    type(input, 'One unit of a course.');
    // Bob adds to the (empty) definition while Ada types.
    server.commitFromElsewhere({
      kind: 'text.edit',
      target: {
        itemKind: 'object',
        id: testId('o-lesson'),
        field: 'definition',
      },
      ops: [{ insert: 'Taken in one sitting.' }],
    });
    await settle();
    press(input, 'Enter');
    await settle();

    expect(server.model.objects[testId('o-lesson')].definition).toBe(
      'Taken in one sitting.One unit of a course.',
    );
  });

  it('moves an object with Alt+arrow on its handle', async () => {
    const { page, settle, server } = await openWorkspace('objects');
    const handle = page().querySelector(
      '[data-object-name="Lesson"] [cdkDragHandle], [data-object-name="Lesson"] .handle',
    );

    press(handle, 'ArrowUp', { altKey: true });
    await settle();

    expect(rows(page())).toEqual(['Lesson', 'Course']);
    const objects = server.model.objects;
    expect(
      objects[testId('o-lesson')].orderKey <
        objects[testId('o-course')].orderKey,
    ).toBe(true);
  });

  it('deletes an object after saying what goes with it', async () => {
    const model = sampleModel({
      attributes: [
        newAttribute({
          id: testId('attr-course-ref'),
          objectId: testId('o-lesson'),
          name: 'Course',
          type: 'reference',
          referencedObjectId: testId('o-course'),
          orderKey: 'a0',
        }),
      ],
    });
    const { page, settle, server } = await openWorkspace('objects', { model });
    const course = page().querySelector(
      '[data-object-name="Course"]',
    ) as HTMLElement;

    (
      course.querySelector('[data-testid="delete-object"]') as HTMLButtonElement
    ).click();
    await settle();
    const dialog = document.querySelector('orca-confirm-dialog') as HTMLElement;
    expect(textOf(dialog)).toContain('Delete “Course”?');
    expect(textOf(dialog)).toContain(
      'Its 1 attribute, 2 relationships (NOM cells) and 1 CTA go with it.',
    );
    expect(textOf(dialog)).toContain(
      '1 reference attribute of other objects will point to nothing.',
    );
    (
      dialog.querySelector(
        '[data-testid="confirm-dialog-confirm"]',
      ) as HTMLButtonElement
    ).click();
    await settle();

    expect(rows(page())).toEqual(['Lesson']);
    expect(server.model.objects[testId('o-course')]).toBeUndefined();
  });

  it('lets a viewer read the catalog but not change it', async () => {
    const { page } = await openWorkspace('objects', { role: 'viewer' });

    expect(rows(page())).toEqual(['Course', 'Lesson']);
    expect(page().querySelector('[data-testid="new-object-name"]')).toBeNull();
    expect(page().querySelector('[data-testid="delete-object"]')).toBeNull();
    expect(
      page().querySelector('[data-testid="object-name"] button'),
    ).toBeNull();
  });

  it('teaches the first step when there are no objects', async () => {
    const { page } = await openWorkspace('objects', {
      model: {
        objects: {},
        relationships: {},
        roles: {},
        ctas: {},
        attributes: {},
      },
    });

    expect(textOf(page().querySelector('orca-empty-state'))).toContain(
      'type the first one above and press Enter',
    );
  });
});

import type { ComponentFixture } from '@angular/core/testing';
import type { PresenceFocus, PresenceMember } from '@orca/shared/contracts';
import {
  mirrorCardinality,
  relationshipBetween,
  type Cardinality,
  type Change,
  type ProjectModel,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import {
  applyValid,
  largeModel,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { PresenceIndex } from '../shared/presence-index';
import { renderModelView } from '../../testing/model-view';
import { NomGridComponent } from './nom-grid';

describe('NomGridComponent', () => {
  let fixture: ComponentFixture<NomGridComponent>;
  let host: HTMLElement;
  let model: ProjectModel;
  let changes: Change[];
  let focuses: (PresenceFocus | null)[];
  let settle: () => Promise<void>;
  /** Who else is here, as rendered (the person at this screen is `me`). */
  let people: PresenceMember[];
  let lockRequests: PresenceFocus[];
  let lockReleases: PresenceFocus[];

  async function render(
    initial: ProjectModel,
    inputs: { readonly?: boolean; presence?: PresenceMember[] } = {},
  ): Promise<void> {
    model = initial;
    people = inputs.presence ?? [];
    // Like the page: every change goes to the store and comes back as the new model.
    ({ fixture, host, changes, focuses, settle, lockRequests, lockReleases } =
      await renderModelView(
        NomGridComponent,
        initial,
        {
          readonly: inputs.readonly ?? false,
          presence: new PresenceIndex(people, [], 'me'),
          currentUserId: 'me',
        },
        (next) => (model = next),
      ));
  }

  afterEach(() => {
    document.body.innerHTML = '';
  });

  const grid = () =>
    host.querySelector<HTMLElement>('[data-testid="nom-grid"]') as HTMLElement;

  function cell(from: string, to: string): HTMLElement {
    const rows = [...host.querySelectorAll<HTMLElement>('orca-nom-row')];
    const row = rows.find(
      (r) =>
        r.querySelector('[role="rowheader"]')?.textContent?.trim() === from,
    );
    const heads = [...host.querySelectorAll('.column-head')].map((h) =>
      h.textContent?.trim(),
    );
    const column = heads.indexOf(to);
    const found = row?.querySelector<HTMLElement>(`[data-column="${column}"]`);
    if (!found) throw new Error(`No cell ${from} → ${to}`);
    return found;
  }

  async function press(
    key: string,
    init: KeyboardEventInit = {},
  ): Promise<void> {
    const target = (document.activeElement as HTMLElement | null) ?? grid();
    target.dispatchEvent(
      new KeyboardEvent('keydown', {
        key,
        bubbles: true,
        cancelable: true,
        ...init,
      }),
    );
    await settle();
  }

  function activeCell(): HTMLElement | null {
    const id = grid().getAttribute('aria-activedescendant');
    return id ? host.querySelector<HTMLElement>(`[id="${id}"]`) : null;
  }

  function editor(): HTMLElement | null {
    return host.querySelector('[data-testid="nom-editor"]');
  }

  it('shows label and cardinality in each cell, reading row → column', async () => {
    await render(learningPlatform());

    const courseLesson = cell('Course', 'Lesson');
    expect(courseLesson.textContent).toContain('has');
    expect(courseLesson.textContent).toContain('1:N');
    expect(cell('Lesson', 'Course').textContent).toContain('N:1');
    expect(courseLesson.getAttribute('aria-label')).toBe(
      'Course → Lesson: has, 1:N.',
    );
    expect(cell('Course', 'Certificate').getAttribute('aria-label')).toBe(
      'Course → Certificate: empty.',
    );
  });

  it('marks one-way pairs on both cells and counts them', async () => {
    await render(learningPlatform());

    expect(cell('Lesson', 'Discussion Post').dataset['flag']).toBe('one-way');
    expect(cell('Discussion Post', 'Lesson').dataset['flag']).toBe('gap');
    expect(
      cell('Discussion Post', 'Lesson').getAttribute('aria-label'),
    ).toContain(
      'Lesson → Discussion Post is filled but Discussion Post → Lesson is empty.',
    );
    expect(cell('Course', 'Lesson').dataset['flag']).toBe('none');
    expect(
      host.querySelector('[data-testid="nom-summary"]')?.textContent,
    ).toContain('2 one-way');
  });

  it('marks a contradictory pair, as the domain check does', async () => {
    let m = learningPlatform();
    const reverse = relationshipBetween(
      m,
      objectNamed(m, 'Lesson').id,
      objectNamed(m, 'Course').id,
    );
    m = applyValid(m, {
      kind: 'relationship.update',
      id: reverse?.id ?? '',
      patch: { cardinality: 'one-to-one' },
    });
    await render(m);

    expect(cell('Course', 'Lesson').dataset['flag']).toBe('contradiction');
    expect(cell('Lesson', 'Course').dataset['flag']).toBe('contradiction');
    expect(cell('Course', 'Lesson').title).toContain(
      'Course → Lesson is one-to-many but Lesson → Course is one-to-one',
    );
    expect(
      host.querySelector('[data-testid="nom-summary"]')?.textContent,
    ).toContain('1 contradictory pair');
  });

  it('renders only a window of rows of a 100 × 100 matrix', async () => {
    await render(largeModel(100));

    const rows = host.querySelectorAll('orca-nom-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(host.querySelectorAll('.column-head')).toHaveLength(100);
    expect(rows[0].querySelectorAll('[role="gridcell"]')).toHaveLength(100);
    expect(grid().getAttribute('aria-rowcount')).toBe('101');
  });

  it('re-renders only the row whose cell changed', async () => {
    await render(largeModel(30));
    const before = [...host.querySelectorAll('orca-nom-row')].map(
      (row) => row.querySelector('[data-column="5"]') as HTMLElement,
    );
    before.forEach((c) => c.setAttribute('data-probe', 'kept'));
    const label0 = before[0].querySelector('.label');

    const next = applyValid(model, {
      kind: 'relationship.create',
      relationship: {
        ...relationshipOf(testId('o2'), testId('o5')),
      },
    });
    fixture.componentRef.setInput('model', next);
    await settle();

    const after = [...host.querySelectorAll('orca-nom-row')];
    expect(after[2].querySelector('[data-column="5"]')?.textContent).toContain(
      'contains',
    );
    // Same DOM nodes everywhere: nothing was torn down and rebuilt.
    expect(after[0].querySelector('[data-column="5"]')).toBe(before[0]);
    expect(before[0].querySelector('.label')).toBe(label0);
  });

  it('moves the active cell with the arrows, Home and End, and tells presence', async () => {
    await render(learningPlatform());
    grid().focus();
    await settle();
    expect(activeCell()?.getAttribute('aria-label')).toContain(
      'Course → Course',
    );

    await press('ArrowRight');
    await press('ArrowDown');
    expect(activeCell()?.getAttribute('aria-label')).toContain(
      'Lesson → Lesson',
    );
    expect(activeCell()?.getAttribute('aria-selected')).toBe('true');
    await press('End');
    expect(activeCell()?.getAttribute('aria-label')).toContain(
      'Lesson → Discussion Post',
    );
    await press('Home', { ctrlKey: true });
    expect(activeCell()?.getAttribute('aria-label')).toContain(
      'Course → Course',
    );
    await press('ArrowUp');
    expect(activeCell()?.getAttribute('aria-label')).toContain(
      'Course → Course',
    );

    const m = model;
    expect(focuses).toContainEqual({
      kind: 'nom-cell',
      row: objectNamed(m, 'Lesson').id,
      column: objectNamed(m, 'Lesson').id,
    });
    expect(focuses.at(-1)).toEqual({
      kind: 'nom-cell',
      row: objectNamed(m, 'Course').id,
      column: objectNamed(m, 'Course').id,
    });
  });

  it('fills an empty cell from the keyboard: Enter, type a label, Enter', async () => {
    await render(learningPlatform());
    grid().focus();
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight'); // Course → Enrollment? no: Course, Lesson, Learner Profile, Enrollment
    await press('ArrowLeft'); // Course → Learner Profile (empty)
    expect(activeCell()?.getAttribute('aria-label')).toBe(
      'Course → Learner Profile: empty.',
    );

    await press('Enter');
    const course = objectNamed(model, 'Course').id;
    const profile = objectNamed(model, 'Learner Profile').id;
    expect(lockRequests).toEqual([
      { kind: 'nom-cell', row: course, column: profile },
    ]);
    const label = editor()?.querySelector<HTMLInputElement>(
      'input[data-field="label"]',
    );
    expect(document.activeElement).toBe(label);

    if (!label) throw new Error('no label input');
    label.value = '  is taken by ';
    label.dispatchEvent(new Event('input'));
    await press('Enter');

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'relationship.create',
      relationship: {
        fromObjectId: course,
        toObjectId: profile,
        label: 'is taken by',
        cardinality: 'one-to-many',
      },
    });
    expect(editor()).toBeNull();
    expect(lockReleases).toEqual(lockRequests);
    expect(document.activeElement).toBe(grid());
    expect(cell('Course', 'Learner Profile').textContent).toContain(
      'is taken by',
    );
    expect(cell('Learner Profile', 'Course').dataset['flag']).toBe('gap');
  });

  it('saves a label and a cardinality committed in one gesture as one cell, not two', async () => {
    const m = learningPlatform();
    const lesson = objectNamed(m, 'Lesson').id;
    const topic = objectNamed(m, 'Topic').id;
    await render(m);
    cell('Lesson', 'Topic').click();
    await settle();

    const label = editor()?.querySelector(
      'input[data-field="label"]',
    ) as HTMLInputElement;
    label.value = 'is tagged with';
    label.dispatchEvent(new Event('input'));
    // The mouse goes down on a radio: the label commits as it loses focus, and the radio changes
    // before anything is drawn again.
    label.dispatchEvent(new Event('change'));
    const manyToMany = editor()?.querySelector(
      'input[type="radio"][value="many-to-many"]',
    ) as HTMLInputElement;
    manyToMany.checked = true;
    manyToMany.dispatchEvent(new Event('change'));
    await settle();

    expect(changes.map((c) => c.kind)).toEqual([
      'relationship.create',
      'relationship.update',
    ]);
    expect(relationshipBetween(model, lesson, topic)).toMatchObject({
      label: 'is tagged with',
      cardinality: 'many-to-many',
    });
    expect(cell('Lesson', 'Topic').textContent).toContain('N:M');
  });

  it('saves each field as it is committed, and only what changed', async () => {
    await render(learningPlatform());
    cell('Course', 'Lesson').click();
    await settle();
    const many = editor()?.querySelectorAll<HTMLInputElement>(
      'input[type="radio"]',
    );
    expect(many?.[1].checked).toBe(true); // one-to-many

    const required = editor()?.querySelector<HTMLInputElement>(
      'input[type="checkbox"]',
    );
    required?.click();
    await settle();
    const sort = editor()?.querySelector<HTMLInputElement>(
      'input[data-field="sort"]',
    );
    if (!sort) throw new Error('no sort input');
    sort.value = 'By position';
    sort.dispatchEvent(new Event('input'));
    sort.dispatchEvent(new Event('change'));
    await settle();

    const id = relationshipBetween(
      model,
      objectNamed(model, 'Course').id,
      objectNamed(model, 'Lesson').id,
    )?.id;
    expect(changes).toEqual([
      { kind: 'relationship.update', id, patch: { required: true } },
      { kind: 'relationship.update', id, patch: { sort: 'By position' } },
    ]);
    expect(
      cell('Course', 'Lesson').querySelector('.cardinality.required'),
    ).not.toBeNull();
  });

  it('offers to fill the empty mirror of a one-way cell', async () => {
    await render(learningPlatform());
    cell('Lesson', 'Discussion Post').click();
    await settle();

    editor()
      ?.querySelector<HTMLButtonElement>(
        '[data-testid="nom-editor-fill-mirror"]',
      )
      ?.click();
    await settle();

    expect(changes[0]).toMatchObject({
      kind: 'relationship.create',
      relationship: { cardinality: 'many-to-one' },
    });
    expect(cell('Discussion Post', 'Lesson').textContent).toContain('N:1');
    expect(cell('Lesson', 'Discussion Post').dataset['flag']).toBe('none');
  });

  it('fills a new cell and its mirror in one click, and a double click makes them once', async () => {
    await render(learningPlatform());
    cell('Lesson', 'Topic').click();
    await settle();
    const fill = () =>
      editor()?.querySelector<HTMLButtonElement>(
        '[data-testid="nom-editor-fill-mirror"]',
      );
    expect(editor()?.textContent).toContain('Topic → Lesson is empty.');
    // Both clicks of a double click land before the page shows the first one's result.
    fill()?.click();
    fill()?.click();
    await settle();

    expect(changes.map((c) => c.kind)).toEqual([
      'relationship.create',
      'relationship.create',
    ]);
    expect(changes[1]).toMatchObject({
      relationship: {
        cardinality: mirrorCardinality(
          (changes[0] as { relationship: { cardinality: Cardinality } })
            .relationship.cardinality,
        ),
      },
    });
    expect(cell('Lesson', 'Topic').dataset['flag']).toBe('none');
    expect(cell('Topic', 'Lesson').dataset['flag']).toBe('none');
    expect(fill()).toBeFalsy();
  });

  it('clears a cell with Delete after confirmation', async () => {
    await render(learningPlatform());
    grid().focus();
    await press('ArrowRight');
    await press('Delete');

    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Clear Course → Lesson?');
    document
      .querySelector<HTMLButtonElement>(
        '[data-testid="confirm-dialog-confirm"]',
      )
      ?.click();
    await settle();

    expect(changes).toEqual([
      { kind: 'relationship.delete', id: expect.any(String) },
    ]);
    expect(cell('Course', 'Lesson').getAttribute('aria-label')).toBe(
      'Course → Lesson: empty. Lesson → Course is filled but Course → Lesson is empty.',
    );
    expect(cell('Lesson', 'Course').dataset['flag']).toBe('one-way');
  });

  it('lets viewers look but not change, lock or clear', async () => {
    await render(learningPlatform(), { readonly: true });
    grid().focus();
    await press('ArrowRight');
    await press('Enter');

    const inputs =
      editor()?.querySelectorAll<HTMLInputElement>('input, textarea');
    expect(inputs?.length).toBeGreaterThan(0);
    inputs?.forEach((input) => expect(input.disabled).toBe(true));
    expect(
      editor()?.querySelector('[data-testid="nom-editor-clear"]'),
    ).toBeNull();
    await press('Escape');
    await press('Delete');
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(lockRequests).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('shows who else is on a cell, and warns in the editor when they hold its lock', async () => {
    const m = learningPlatform();
    const course = objectNamed(m, 'Course').id;
    const lesson = objectNamed(m, 'Lesson').id;
    const target: PresenceFocus = {
      kind: 'nom-cell',
      row: course,
      column: lesson,
    };
    await render(m, {
      presence: [
        {
          userId: 'ada',
          displayName: 'Ada Lovelace',
          color: '#7c3aed',
          focus: target,
        },
        { userId: 'me', displayName: 'Me', color: '#000000', focus: target },
      ],
    });
    fixture.componentRef.setInput(
      'presence',
      new PresenceIndex(
        people,
        [
          {
            target,
            holder: {
              userId: 'ada',
              displayName: 'Ada Lovelace',
              color: '#7c3aed',
            },
          },
        ],
        'me',
      ),
    );
    await settle();

    const marked = cell('Course', 'Lesson');
    expect(marked.querySelectorAll('.avatar')).toHaveLength(1);
    expect(marked.querySelector('.avatar')?.textContent).toBe('AL');
    expect(marked.querySelector('[data-testid="lock-badge"]')).not.toBeNull();
    expect(marked.textContent).toContain('Ada Lovelace is editing.');

    marked.click();
    await settle();
    expect(
      editor()?.querySelector('[data-testid="nom-editor-lock"]')?.textContent,
    ).toContain('Ada Lovelace is editing this cell too');
    // A warning, not a block: the fields stay editable.
    expect(
      editor()?.querySelector<HTMLInputElement>('input[data-field="label"]')
        ?.disabled,
    ).toBe(false);
  });

  it('opens the cell of a relationship it is asked to show (a link from the checks)', async () => {
    const m = learningPlatform();
    const review = objectNamed(m, 'Review').id;
    const learner = objectNamed(m, 'Learner Profile').id;
    const relationship = relationshipBetween(m, review, learner);
    await render(m);

    fixture.componentRef.setInput('focusItem', relationship?.id ?? null);
    await settle();

    expect(activeCell()?.getAttribute('aria-label')).toMatch(
      /^Review → Learner Profile: is written by/,
    );
    expect(editor()?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Learner Profile → Review is empty.',
    );
    expect((document.activeElement as HTMLElement).dataset['field']).toBe(
      'label',
    );
    expect(lockRequests).toEqual([
      { kind: 'nom-cell', row: review, column: learner },
    ]);
  });

  it('makes the row of an object it is asked to show active, without opening a cell', async () => {
    const m = learningPlatform();
    await render(m);

    fixture.componentRef.setInput('focusItem', objectNamed(m, 'Topic').id);
    await settle();

    expect(activeCell()?.getAttribute('aria-label')).toMatch(/^Topic → Course/);
    expect(editor()).toBeNull();
    expect(document.activeElement).toBe(grid());
  });

  it('teaches the next step when there are no objects', async () => {
    await render({
      objects: {},
      relationships: {},
      roles: {},
      ctas: {},
      attributes: {},
    });
    const destinations: string[] = [];
    fixture.componentInstance.goTo.subscribe((d) => destinations.push(d));

    expect(host.textContent).toContain('Add objects first');
    host
      .querySelector<HTMLButtonElement>('[data-testid="nom-go-to-objects"]')
      ?.click();
    expect(destinations).toEqual(['objects']);
  });
});

function relationshipOf(from: string, to: string) {
  return {
    id: testId(`new-${from}-${to}`),
    fromObjectId: from,
    toObjectId: to,
    label: 'contains',
    cardinality: 'one-to-many' as const,
    required: false,
    mechanics: '',
    sort: '',
    filter: '',
    dependency: '',
    notes: '',
  };
}

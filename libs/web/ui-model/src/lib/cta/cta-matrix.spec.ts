import type { ComponentFixture } from '@angular/core/testing';
import type { PresenceFocus, PresenceMember } from '@orca/shared/contracts';
import {
  ctasInCell,
  emptyModel,
  rolesInOrder,
  type Change,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  applyValid,
  ctaWithVerb,
  learningPlatform,
  objectNamed,
  roleNamed,
} from '../../testing/models';
import { PresenceIndex } from '../shared/presence-index';
import { renderModelView } from '../../testing/model-view';
import { CtaMatrixComponent } from './cta-matrix';

describe('CtaMatrixComponent', () => {
  let fixture: ComponentFixture<CtaMatrixComponent>;
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
    ({ fixture, host, changes, focuses, settle, lockRequests, lockReleases } =
      await renderModelView(
        CtaMatrixComponent,
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
    host.querySelector<HTMLElement>('[data-testid="cta-grid"]') as HTMLElement;
  const panel = () =>
    host.querySelector<HTMLElement>('[data-testid="cta-panel"]');

  function cell(role: string, object: string): HTMLElement {
    const rows = [...host.querySelectorAll('tbody tr')];
    const r = rows.findIndex((row) =>
      row.querySelector('th')?.textContent?.trim().startsWith(role),
    );
    const heads = [...host.querySelectorAll('th.object')].map((h) =>
      h.textContent?.trim(),
    );
    const c = heads.indexOf(object);
    const found = host.querySelector<HTMLElement>(
      `[data-row="${r}"][data-column="${c}"]`,
    );
    if (!found) throw new Error(`No cell ${role} × ${object}`);
    return found;
  }

  function chips(el: HTMLElement): string[] {
    return [...el.querySelectorAll('.chip')].map((chip) =>
      [...chip.children].map((part) => part.textContent?.trim()).join(' '),
    );
  }

  async function press(key: string): Promise<void> {
    const target = (document.activeElement as HTMLElement | null) ?? grid();
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
    );
    await settle();
  }

  function activeLabel(): string | null {
    const id = grid().getAttribute('aria-activedescendant');
    return id
      ? (host.querySelector(`[id="${id}"]`)?.getAttribute('aria-label') ?? null)
      : null;
  }

  async function type(
    input: HTMLInputElement | HTMLTextAreaElement,
    value: string,
    commit: 'enter' | 'change',
  ): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    if (commit === 'enter') {
      input.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'Enter',
          bubbles: true,
          cancelable: true,
        }),
      );
    } else {
      input.dispatchEvent(new Event('change'));
    }
    await settle();
  }

  it("shows each cell's CTAs with CRUD chip and primary star, roles in order", async () => {
    await render(learningPlatform());

    expect(
      [...host.querySelectorAll('tbody th')].map((th) =>
        th.textContent?.trim(),
      ),
    ).toEqual(['Learner', 'Instructor', 'Admin']);
    expect(chips(cell('Learner', 'Course'))).toEqual([
      'O Enroll in ★',
      'R Browse',
    ]);
    expect(chips(cell('Instructor', 'Course'))).toEqual([
      'C Create ★',
      'U Publish ★',
    ]);
    expect(cell('Learner', 'Course').getAttribute('aria-label')).toBe(
      'Learner on Course: Enroll in (Other, primary), Browse (Read).',
    );
    expect(cell('Admin', 'Lesson').getAttribute('aria-label')).toBe(
      'Admin on Lesson: no CTAs.',
    );
  });

  it('filters by CRUD class and primary only, telling how many are hidden', async () => {
    await render(learningPlatform());

    host
      .querySelector<HTMLButtonElement>('.chip-toggle[data-crud="read"]')
      ?.click();
    await settle();
    expect(chips(cell('Learner', 'Course'))).toEqual(['O Enroll in ★']);
    expect(cell('Learner', 'Course').textContent).toContain('+1 hidden');

    host
      .querySelector<HTMLButtonElement>('.chip-toggle[data-crud="read"]')
      ?.click();
    host
      .querySelector<HTMLInputElement>('[data-testid="cta-primary-only"]')
      ?.click();
    await settle();
    expect(chips(cell('Instructor', 'Lesson'))).toEqual(['C Add ★']);
    expect(
      host.querySelector('[data-testid="cta-filter-summary"]')?.textContent,
    ).toContain('11 shown');
  });

  it('moves with the arrows and adds a CTA with verb + Enter, guessing its CRUD class', async () => {
    await render(learningPlatform());
    grid().focus();
    await settle();
    await press('ArrowDown');
    await press('ArrowRight');
    expect(activeLabel()).toBe(
      'Instructor on Lesson: Add (Create, primary), Reorder (Update).',
    );
    const instructor = roleNamed(model, 'Instructor').id;
    const lesson = objectNamed(model, 'Lesson').id;
    expect(focuses.at(-1)).toEqual({
      kind: 'cta-cell',
      row: instructor,
      column: lesson,
    });

    await press('Enter');
    expect(lockRequests).toEqual([
      { kind: 'cta-cell', row: instructor, column: lesson },
    ]);
    const add = panel()?.querySelector<HTMLInputElement>(
      '[data-testid="cta-add"]',
    );
    expect(document.activeElement).toBe(add);
    if (!add) throw new Error('no add input');
    await type(add, ' Delete ', 'enter');

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'cta.create',
      cta: {
        roleId: instructor,
        objectId: lesson,
        verb: 'Delete',
        crud: 'delete',
        primary: false,
      },
    });
    expect(ctasInCell(model, instructor, lesson).map((c) => c.verb)).toEqual([
      'Add',
      'Reorder',
      'Delete',
    ]);
    expect(chips(cell('Instructor', 'Lesson'))).toContain('D Delete');
    expect(add.value).toBe('');

    await press('Escape');
    expect(panel()).toBeNull();
    expect(lockReleases).toEqual(lockRequests);
    expect(document.activeElement).toBe(grid());
  });

  it('edits, stars, expands conditions and deletes a CTA in the cell panel', async () => {
    await render(learningPlatform());
    cell('Learner', 'Course').click();
    await settle();
    const browse = ctaWithVerb(model, 'Browse');
    const item = () =>
      panel()?.querySelector<HTMLElement>(
        `[data-cta-id="${browse.id}"]`,
      ) as HTMLElement;

    item()
      .querySelector<HTMLButtonElement>('[data-testid="cta-primary"]')
      ?.click();
    await settle();
    const crud = item().querySelector<HTMLSelectElement>('select.crud');
    if (!crud) throw new Error('no crud select');
    crud.value = 'other';
    crud.dispatchEvent(new Event('change'));
    await settle();
    await type(
      item().querySelector('input.verb') as HTMLInputElement,
      'Browse catalog',
      'change',
    );

    item()
      .querySelector<HTMLButtonElement>('[data-testid="cta-expand"]')
      ?.click();
    await settle();
    expect(
      item()
        .querySelector('[data-testid="cta-expand"]')
        ?.getAttribute('aria-expanded'),
    ).toBe('true');
    await type(
      item().querySelector(
        'textarea[data-field="preconditions"]',
      ) as HTMLTextAreaElement,
      'The course is published',
      'change',
    );

    expect(changes).toEqual([
      { kind: 'cta.update', id: browse.id, patch: { primary: true } },
      { kind: 'cta.update', id: browse.id, patch: { crud: 'other' } },
      { kind: 'cta.update', id: browse.id, patch: { verb: 'Browse catalog' } },
      {
        kind: 'cta.update',
        id: browse.id,
        patch: { preconditions: 'The course is published' },
      },
    ]);
    expect(chips(cell('Learner', 'Course'))).toEqual([
      'O Enroll in ★',
      'O Browse catalog ★',
    ]);

    item()
      .querySelector<HTMLButtonElement>('[data-testid="cta-delete"]')
      ?.click();
    await settle();
    expect(changes.at(-1)).toEqual({ kind: 'cta.delete', id: browse.id });
    expect(chips(cell('Learner', 'Course'))).toEqual(['O Enroll in ★']);
  });

  it('refuses a duplicate-free but empty verb and shows why', async () => {
    await render(learningPlatform());
    cell('Learner', 'Course').click();
    await settle();
    const enroll = ctaWithVerb(model, 'Enroll in');
    const item = panel()?.querySelector<HTMLElement>(
      `[data-cta-id="${enroll.id}"]`,
    ) as HTMLElement;
    await type(
      item.querySelector('input.verb') as HTMLInputElement,
      '   ',
      'change',
    );

    expect(changes).toEqual([]);
    expect(item.querySelector('[role="alert"]')?.textContent).toContain(
      'must not be empty',
    );
  });

  it('deletes every CTA of a cell with Delete, after confirmation', async () => {
    await render(learningPlatform());
    grid().focus();
    await press('Delete'); // Learner × Course

    expect(
      document.querySelector('[role="alertdialog"]')?.textContent,
    ).toContain('Delete all 2 CTAs of Learner on Course?');
    document
      .querySelector<HTMLButtonElement>(
        '[data-testid="confirm-dialog-confirm"]',
      )
      ?.click();
    await settle();
    expect(changes.map((c) => c.kind)).toEqual(['cta.delete', 'cta.delete']);
    expect(chips(cell('Learner', 'Course'))).toEqual([]);
  });

  it('manages roles beside the matrix: add, rename, reorder, archive, delete, starter set', async () => {
    await render(learningPlatform());
    let starter = 0;
    fixture.componentInstance.starterSet.subscribe(() => starter++);
    const add = host.querySelector<HTMLInputElement>(
      '[data-testid="role-add"]',
    ) as HTMLInputElement;
    await type(add, 'Guest', 'enter');
    expect(rolesInOrder(model).map((r) => r.name)).toEqual([
      'Learner',
      'Instructor',
      'Admin',
      'Guest',
    ]);

    const guest = roleNamed(model, 'Guest');
    const row = () =>
      host.querySelector<HTMLElement>(
        `[data-role-id="${guest.id}"]`,
      ) as HTMLElement;
    await type(
      row().querySelector('input') as HTMLInputElement,
      'Visitor',
      'change',
    );
    row()
      .querySelector<HTMLButtonElement>('[aria-label="Move Visitor up"]')
      ?.click();
    await settle();
    expect(rolesInOrder(model).map((r) => r.name)).toEqual([
      'Learner',
      'Instructor',
      'Visitor',
      'Admin',
    ]);
    expect(
      [...host.querySelectorAll('tbody th')].map((th) =>
        th.textContent?.trim(),
      ),
    ).toEqual(['Learner', 'Instructor', 'Visitor', 'Admin']);

    // A role without CTAs can go; one with CTAs is archived instead.
    row()
      .querySelector<HTMLButtonElement>('[data-testid="role-delete"]')
      ?.click();
    await settle();
    expect(Object.values(model.roles).map((r) => r.name)).not.toContain(
      'Visitor',
    );
    const admin = roleNamed(model, 'Admin');
    const adminRow = host.querySelector<HTMLElement>(
      `[data-role-id="${admin.id}"]`,
    ) as HTMLElement;
    expect(adminRow.querySelector('[data-testid="role-delete"]')).toBeNull();
    adminRow
      .querySelector<HTMLButtonElement>('[data-testid="role-archive"]')
      ?.click();
    await settle();
    expect(roleNamed(model, 'Admin').archived).toBe(true);
    expect(host.querySelector('th.role.archived')?.textContent).toContain(
      'Admin',
    );

    host
      .querySelector<HTMLButtonElement>('[data-testid="role-starter-set"]')
      ?.click();
    expect(starter).toBe(1);
    expect(changes.map((c) => c.kind)).toEqual([
      'role.create',
      'role.update',
      'role.move',
      'role.delete',
      'role.update',
    ]);
  });

  it('refuses a role name already taken, saying so', async () => {
    await render(learningPlatform());
    const add = host.querySelector<HTMLInputElement>(
      '[data-testid="role-add"]',
    ) as HTMLInputElement;
    await type(add, 'admin', 'enter');
    expect(changes).toEqual([]);
    expect(
      host.querySelector('orca-role-list [role="alert"]')?.textContent,
    ).toContain('Another role is already named "Admin"');
  });

  it('tells an archived role it cannot take new CTAs', async () => {
    let m = learningPlatform();
    m = applyValid(m, {
      kind: 'role.update',
      id: roleNamed(m, 'Admin').id,
      patch: { archived: true },
    });
    await render(m);
    cell('Admin', 'Review').click();
    await settle();
    expect(panel()?.querySelector('[data-testid="cta-add"]')).toBeNull();
    expect(panel()?.textContent).toContain('Admin is archived');
  });

  it('shows others on cells and their locks, and lets viewers only look', async () => {
    const m = learningPlatform();
    const learner = roleNamed(m, 'Learner').id;
    const course = objectNamed(m, 'Course').id;
    const target: PresenceFocus = {
      kind: 'cta-cell',
      row: learner,
      column: course,
    };
    await render(m, {
      readonly: true,
      presence: [
        { userId: 'bo', displayName: 'Bo', color: '#0f766e', focus: target },
      ],
    });
    fixture.componentRef.setInput(
      'presence',
      new PresenceIndex(
        people,
        [
          {
            target,
            holder: { userId: 'bo', displayName: 'Bo', color: '#0f766e' },
          },
        ],
        'me',
      ),
    );
    await settle();

    expect(
      cell('Learner', 'Course').querySelector('.avatar')?.textContent,
    ).toBe('B');
    expect(
      cell('Learner', 'Course').querySelector('[data-testid="lock-badge"]'),
    ).not.toBeNull();
    expect(host.querySelector('[data-testid="role-add"]')).toBeNull();

    cell('Learner', 'Course').click();
    await settle();
    expect(panel()?.querySelector('[data-testid="cta-add"]')).toBeNull();
    expect(
      panel()?.querySelector('[data-testid="cta-panel-lock"]')?.textContent,
    ).toContain('Bo is editing');
    await press('Delete');
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(lockRequests).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('opens the cell of a CTA it is asked to show, with its verb in focus', async () => {
    const m = learningPlatform();
    const drop = ctaWithVerb(m, 'Drop');
    await render(m);

    fixture.componentRef.setInput('focusItem', drop.id);
    await settle();

    expect(activeLabel()).toMatch(/^Learner on Enrollment: Drop/);
    expect(panel()?.textContent).toContain('Enrollment');
    expect(document.activeElement).toBe(
      panel()?.querySelector(`[data-cta-id="${drop.id}"] .verb`),
    );
    expect(lockRequests).toHaveLength(1);
  });

  it('puts the cursor in the name of a role it is asked to show', async () => {
    const m = learningPlatform();
    await render(m);

    fixture.componentRef.setInput('focusItem', roleNamed(m, 'Admin').id);
    await settle();

    expect((document.activeElement as HTMLInputElement).value).toBe('Admin');
    expect(panel()).toBeNull();
  });

  it('manages roles before there are objects: a new project can start with the starter set', async () => {
    await render(emptyModel());
    let starterSets = 0;
    fixture.componentInstance.starterSet.subscribe(() => starterSets++);

    expect(host.textContent).toContain('Add objects first');
    const starter = host.querySelector<HTMLButtonElement>(
      '[data-testid="role-starter-set"]',
    );
    expect(starter?.classList.contains('btn-primary')).toBe(true);
    starter?.click();
    expect(starterSets).toBe(1);

    await type(
      host.querySelector('[data-testid="role-add"]') as HTMLInputElement,
      'Learner',
      'enter',
    );
    expect(rolesInOrder(model).map((r) => r.name)).toEqual(['Learner']);
    expect(grid()).toBeNull();

    // Once the project has all three (the page adds them over REST), the button goes.
    for (const name of ['Visitor', 'Member', 'Admin']) {
      await type(
        host.querySelector('[data-testid="role-add"]') as HTMLInputElement,
        name,
        'enter',
      );
    }
    expect(host.querySelector('[data-testid="role-starter-set"]')).toBeNull();
  });

  it('teaches the next step: objects first, then roles', async () => {
    await render(emptyModel());
    const destinations: string[] = [];
    fixture.componentInstance.goTo.subscribe((d) => destinations.push(d));
    expect(host.textContent).toContain('Add objects first');
    host
      .querySelector<HTMLButtonElement>('[data-testid="cta-go-to-objects"]')
      ?.click();
    expect(destinations).toEqual(['objects']);

    let m = learningPlatform();
    for (const role of rolesInOrder(m)) {
      for (const cta of Object.values(m.ctas).filter(
        (c) => c.roleId === role.id,
      )) {
        m = applyValid(m, { kind: 'cta.delete', id: cta.id });
      }
      m = applyValid(m, { kind: 'role.delete', id: role.id });
    }
    fixture.componentRef.setInput('model', m);
    await settle();
    expect(host.textContent).toContain('Add roles next');
    expect(
      host
        .querySelector('[data-testid="role-starter-set"]')
        ?.classList.contains('btn-primary'),
    ).toBe(true);
  });
});

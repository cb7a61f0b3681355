import type { ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import type { PresenceFocus, PresenceMember } from '@orca/shared/contracts';
import {
  emptyModel,
  type Change,
  type PrioritisedKind,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  applyValid,
  attributeNamed,
  ctaWithVerb,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { PresenceIndex } from '../shared/presence-index';
import { renderModelView } from '../../testing/model-view';
import { PriorityBoardComponent } from './priority-board';
import { boardCards, type BoardCard, type BoardColumn } from './priority-cards';

describe('PriorityBoardComponent', () => {
  let fixture: ComponentFixture<PriorityBoardComponent>;
  let host: HTMLElement;
  let model: ProjectModel;
  let changes: Change[];
  let focuses: (PresenceFocus | null)[];
  let settle: () => Promise<void>;

  async function render(
    initial: ProjectModel,
    inputs: { readonly?: boolean; presence?: PresenceMember[] } = {},
  ): Promise<void> {
    model = initial;
    ({ fixture, host, changes, focuses, settle } = await renderModelView(
      PriorityBoardComponent,
      initial,
      {
        readonly: inputs.readonly ?? false,
        presence: new PresenceIndex(inputs.presence ?? [], [], 'me'),
      },
      (next) => (model = next),
    ));
  }

  function titles(column: BoardColumn): string[] {
    return [
      ...host.querySelectorAll(`[data-column="${column}"] .card .title`),
    ].map((t) => t.textContent?.trim() ?? '');
  }

  function card(title: string): HTMLElement {
    const found = [...host.querySelectorAll<HTMLElement>('.card')].find(
      (c) => c.querySelector('.title')?.textContent?.trim() === title,
    );
    if (!found) throw new Error(`No card ${title}`);
    return found;
  }

  function dropLists(): CdkDropList<BoardColumn>[] {
    return fixture.debugElement
      .queryAll(By.directive(CdkDropList))
      .map((d) => d.injector.get(CdkDropList) as CdkDropList<BoardColumn>);
  }

  function drag(
    title: string,
    to: BoardColumn,
    kind: PrioritisedKind = 'object',
  ): void {
    const lists = dropLists();
    const el = card(title);
    const from = lists.find((l) =>
      l.element.nativeElement.contains(el),
    ) as CdkDropList<BoardColumn>;
    const target = lists.find((l) => l.data === to) as CdkDropList<BoardColumn>;
    const data = boardCards(model, kind).find((c) => c.title === title);
    target.dropped.emit({
      previousIndex: 0,
      currentIndex: 0,
      item: { data },
      container: target,
      previousContainer: from,
    } as unknown as CdkDragDrop<BoardColumn, BoardColumn, BoardCard>);
  }

  async function showTab(kind: string): Promise<void> {
    host
      .querySelector<HTMLButtonElement>(`[role="tab"][data-kind="${kind}"]`)
      ?.click();
    await settle();
  }

  it('puts objects in Now / Next / Later / Unprioritised columns, highest score first', async () => {
    await render(learningPlatform());

    expect(titles('now')).toEqual([
      'Course',
      'Lesson',
      'Learner Profile',
      'Enrollment',
      'Topic',
    ]);
    expect(titles('next')).toEqual(['Instructor Profile', 'Review']);
    expect(titles('later')).toEqual(['Certificate', 'Discussion Post']);
    expect(titles('none')).toEqual([]);
    expect(
      card('Course').querySelector<HTMLInputElement>(
        'input[data-field="score"]',
      )?.value,
    ).toBe('10');
    expect(host.querySelector('[data-column="none"]')?.textContent).toContain(
      'Drop cards here.',
    );
  });

  it('moves a card to another column by drag and drop with priority.set', async () => {
    await render(learningPlatform());
    drag('Review', 'now');
    await settle();

    expect(changes).toEqual([
      {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: objectNamed(model, 'Review').id }],
        priority: 'now',
      },
    ]);
    expect(titles('now')).toContain('Review');
    expect(titles('next')).toEqual(['Instructor Profile']);
  });

  it('moves several selected cards at once, by dragging one of them or from the selection bar', async () => {
    await render(learningPlatform());
    card('Certificate')
      .querySelector<HTMLInputElement>('input[data-field="selected"]')
      ?.click();
    card('Discussion Post')
      .querySelector<HTMLInputElement>('input[data-field="selected"]')
      ?.click();
    await settle();
    expect(
      host.querySelector('[data-testid="board-selection"]')?.textContent,
    ).toBe('2 selected');

    drag('Certificate', 'next');
    await settle();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'priority.set',
      priority: 'next',
    });
    expect(
      (changes[0] as Extract<Change, { kind: 'priority.set' }>).items,
    ).toHaveLength(2);
    expect(titles('later')).toEqual([]);
    expect(host.querySelector('[data-testid="board-selection"]')).toBeNull();

    card('Topic')
      .querySelector<HTMLInputElement>('input[data-field="selected"]')
      ?.click();
    card('Review')
      .querySelector<HTMLInputElement>('input[data-field="selected"]')
      ?.click();
    await settle();
    host.querySelector<HTMLButtonElement>('[data-move-to="none"]')?.click();
    await settle();
    expect(changes[1]).toEqual({
      kind: 'priority.set',
      items: [
        { itemKind: 'object', id: objectNamed(model, 'Review').id },
        { itemKind: 'object', id: objectNamed(model, 'Topic').id },
      ],
      priority: null,
    });
    expect(titles('none')).toEqual(['Topic', 'Review']);
  });

  it('moves a card from the keyboard with its phase menu', async () => {
    await render(learningPlatform());
    const select = card('Topic').querySelector<HTMLSelectElement>(
      'select[data-field="priority"]',
    ) as HTMLSelectElement;
    select.value = 'later';
    select.dispatchEvent(new Event('change'));
    await settle();
    expect(objectNamed(model, 'Topic').priority).toBe('later');
    expect(titles('later')).toContain('Topic');
  });

  it('scores a card, keeping its phase, and refuses a score outside 1–10', async () => {
    await render(learningPlatform());
    const score = card('Review').querySelector<HTMLInputElement>(
      'input[data-field="score"]',
    ) as HTMLInputElement;
    score.value = '9';
    score.dispatchEvent(new Event('change'));
    await settle();
    expect(changes).toEqual([
      {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: objectNamed(model, 'Review').id }],
        priority: 'next',
        score: 9,
      },
    ]);
    expect(titles('next')).toEqual(['Review', 'Instructor Profile']);

    const again = card('Review').querySelector<HTMLInputElement>(
      'input[data-field="score"]',
    ) as HTMLInputElement;
    again.value = '11';
    again.dispatchEvent(new Event('change'));
    await settle();
    expect(changes).toHaveLength(1);
    expect(card('Review').querySelector('[role="alert"]')?.textContent).toMatch(
      /score/i,
    );
  });

  it('phases CTAs and attributes under their tabs, showing what they inherit', async () => {
    await render(learningPlatform());
    await showTab('cta');
    expect(
      host.querySelector('[role="tab"][aria-selected="true"]')?.textContent,
    ).toContain('CTAs');
    expect(titles('none')).toContain('Enroll in · Course');
    expect(card('Enroll in · Course').textContent).toContain('Learner');
    expect(card('Enroll in · Course').textContent).toContain(
      'follows its object: Now',
    );

    drag('Enroll in · Course', 'now', 'cta');
    await settle();
    expect(changes[0]).toEqual({
      kind: 'priority.set',
      items: [{ itemKind: 'cta', id: ctaWithVerb(model, 'Enroll in').id }],
      priority: 'now',
    });
    expect(titles('now')).toEqual(['Enroll in · Course']);

    await showTab('attribute');
    const level = card('Level');
    expect(level.dataset['tone']).toBe('metadata');
    expect(card('Summary').dataset['tone']).toBe('core');
    drag('Level', 'later', 'attribute');
    await settle();
    expect(attributeNamed(model, 'Course', 'Level').priority).toBe('later');
  });

  it('switches tabs with the arrow keys', async () => {
    await render(learningPlatform());
    const first = host.querySelector<HTMLButtonElement>(
      '[role="tab"][data-kind="object"]',
    ) as HTMLButtonElement;
    first.focus();
    first.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }),
    );
    await settle();
    expect(document.activeElement?.getAttribute('data-kind')).toBe('cta');
    expect(
      host
        .querySelector('[role="tab"][aria-selected="true"]')
        ?.getAttribute('data-kind'),
    ).toBe('cta');
    (document.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }),
    );
    await settle();
    expect(document.activeElement?.getAttribute('data-kind')).toBe('object');
  });

  it('shows who looks at a card and reports focus on cards', async () => {
    const m = learningPlatform();
    const course = objectNamed(m, 'Course').id;
    await render(m, {
      presence: [
        {
          userId: 'cy',
          displayName: 'Cy Young',
          color: '#b91c1c',
          focus: { kind: 'object', id: course },
        },
      ],
    });
    expect(card('Course').querySelector('.avatar')?.textContent).toBe('CY');

    card('Lesson')
      .querySelector<HTMLInputElement>('input[data-field="score"]')
      ?.focus();
    expect(focuses.at(-1)).toEqual({
      kind: 'object',
      id: objectNamed(m, 'Lesson').id,
      field: 'score',
    });
  });

  it('lets viewers look only', async () => {
    await render(learningPlatform(), { readonly: true });
    expect(host.querySelector('input[data-field="selected"]')).toBeNull();
    expect(host.querySelector('select[data-field="priority"]')).toBeNull();
    expect(
      card('Course').querySelector<HTMLInputElement>(
        'input[data-field="score"]',
      )?.disabled,
    ).toBe(true);
    expect(dropLists().every((l) => l.disabled)).toBe(true);
  });

  it('teaches the next step when there is nothing to phase', async () => {
    await render(emptyModel());
    const destinations: string[] = [];
    fixture.componentInstance.goTo.subscribe((d) => destinations.push(d));
    expect(host.textContent).toContain('Add objects first');
    host
      .querySelector<HTMLButtonElement>('[data-testid="board-go-to-objects"]')
      ?.click();

    let m = learningPlatform();
    for (const c of Object.values(m.ctas))
      m = applyValid(m, { kind: 'cta.delete', id: c.id });
    fixture.componentRef.setInput('model', m);
    await settle();
    await showTab('cta');
    host
      .querySelector<HTMLButtonElement>('[data-testid="board-go-to-ctas"]')
      ?.click();
    expect(destinations).toEqual(['objects', 'cta-matrix']);
  });
});

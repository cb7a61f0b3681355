import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import {
  CdkDrag,
  CdkDropList,
  CdkDropListGroup,
  type CdkDragDrop,
} from '@angular/cdk/drag-drop';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  validateChange,
  type Change,
  type Priority,
  type PrioritisedKind,
  type PriorityTarget,
  type ProjectModel,
} from '@orca/shared/domain';
import { EmptyState } from '@orca/web/ui';
import { distinctFocus } from '../shared/distinct-focus';
import type { ModelDestination } from '../shared/model-view';
import {
  NO_PRESENCE,
  type PresenceIndex,
  itemKey,
} from '../shared/presence-index';
import { PresenceMarksComponent } from '../shared/presence-marks';
import { PRIORITY_LABEL } from '../shared/vocabulary';
import {
  BOARD_COLUMNS,
  boardCards,
  columnsOf,
  type BoardCard,
  type BoardColumn,
} from './priority-cards';

const KINDS: readonly { kind: PrioritisedKind; label: string }[] = [
  { kind: 'object', label: 'Objects' },
  { kind: 'cta', label: 'CTAs' },
  { kind: 'attribute', label: 'Attributes' },
];

const COLUMN_LABEL: Readonly<Record<BoardColumn, string>> = {
  none: 'Unprioritised',
  ...PRIORITY_LABEL,
};

let nextBoardId = 0;

/**
 * The prioritisation board (ORCA round 3): Now / Next / Later columns, and one for what has no
 * priority yet, for objects, CTAs or attributes. Drag cards between columns (or pick a column from
 * a card's menu), select several to move them at once, and give each a score from 1 to 10.
 */
@Component({
  selector: 'orca-priority-board',
  imports: [
    CdkDropListGroup,
    CdkDropList,
    CdkDrag,
    PresenceMarksComponent,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(focusin)': 'onFocusIn($event)',
    '(focusout)': 'onFocusOut($event)',
  },
  templateUrl: './priority-board.html',
  styleUrl: './priority-board.css',
})
export class PriorityBoardComponent {
  readonly model = input.required<ProjectModel>();
  /** Which items the board opens on; the tabs switch it. */
  readonly kind = input<PrioritisedKind>('object');
  readonly readonly = input(false);
  /**
   * Who else is here and where, with their soft locks (the page leaves out the person at this
   * screen): avatars and lock badges, never a block.
   */
  readonly presence = input<PresenceIndex>(NO_PRESENCE);

  /** priority.set changes to apply. */
  readonly edit = output<Change>();
  readonly focusChange = output<PresenceFocus | null>();
  readonly goTo = output<ModelDestination>();

  protected readonly uid = `orca-board-${nextBoardId++}`;
  protected readonly kinds = KINDS;
  protected readonly columnIds = BOARD_COLUMNS;
  protected readonly columnLabel = COLUMN_LABEL;
  /** On a touch screen a card moves after a short press, so a swipe over the board scrolls it. */
  protected readonly dragDelay = { touch: 300, mouse: 0 };

  protected readonly activeKind = linkedSignal(() => this.kind());
  protected readonly counts = computed(() => {
    const model = this.model();
    return {
      object: Object.keys(model.objects).length,
      cta: Object.keys(model.ctas).length,
      attribute: Object.keys(model.attributes).length,
    } satisfies Record<PrioritisedKind, number>;
  });
  protected readonly cards = computed(() =>
    boardCards(this.model(), this.activeKind()),
  );
  protected readonly columns = computed(() => columnsOf(this.cards()));

  /** Selected card keys; cards that went away drop out. */
  private readonly selectedKeys = signal<ReadonlySet<string>>(new Set());
  protected readonly selected = computed(() => {
    const keys = this.selectedKeys();
    return this.cards().filter((c) => keys.has(c.key));
  });

  protected readonly problem = signal<{ key: string; message: string } | null>(
    null,
  );

  protected marksOf(card: BoardCard) {
    const index = this.presence();
    return index.isEmpty
      ? null
      : index.marks(itemKey(card.ref.itemKind, card.ref.id));
  }

  protected isSelected(card: BoardCard): boolean {
    return this.selectedKeys().has(card.key);
  }

  protected showKind(kind: PrioritisedKind): void {
    this.activeKind.set(kind);
    this.selectedKeys.set(new Set());
    this.problem.set(null);
  }

  protected onTabKeydown(event: KeyboardEvent, index: number): void {
    const step =
      event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = KINDS[(index + step + KINDS.length) % KINDS.length];
    this.showKind(next.kind);
    const tab = (event.currentTarget as HTMLElement)
      .closest('[role="tablist"]')
      ?.querySelector<HTMLElement>(`[data-kind="${next.kind}"]`);
    tab?.focus();
  }

  protected toggleSelected(card: BoardCard): void {
    this.selectedKeys.update((set) => {
      const next = new Set(set);
      if (!next.delete(card.key)) next.add(card.key);
      return next;
    });
  }

  protected clearSelection(): void {
    this.selectedKeys.set(new Set());
  }

  protected onDrop(
    event: CdkDragDrop<BoardColumn, BoardColumn, BoardCard>,
  ): void {
    if (event.previousContainer === event.container) return;
    this.moveCards(event.item.data, event.container.data);
  }

  protected onColumnPick(card: BoardCard, event: Event): void {
    this.moveCards(
      card,
      (event.target as HTMLSelectElement).value as BoardColumn,
    );
  }

  /** Moves the card, or every selected card when it is one of them. */
  protected moveCards(card: BoardCard | null, column: BoardColumn): void {
    const selected = this.selected();
    const cards = card === null || this.isSelected(card) ? selected : [card];
    const items: PriorityTarget[] = cards
      .filter((c) => (c.priority ?? 'none') !== column)
      .map((c) => c.ref);
    if (items.length === 0) return;
    const priority: Priority | null = column === 'none' ? null : column;
    if (
      this.submit(card?.key ?? 'selection', {
        kind: 'priority.set',
        items,
        priority,
      })
    ) {
      if (cards === selected) this.clearSelection();
    }
  }

  protected setScore(card: BoardCard, event: Event): void {
    const raw = (event.target as HTMLInputElement).value.trim();
    const score = raw === '' ? null : Number(raw);
    if (score === card.score) return;
    this.submit(card.key, {
      kind: 'priority.set',
      items: [card.ref],
      priority: card.priority,
      score,
    });
  }

  protected problemFor(key: string): string | null {
    const p = this.problem();
    return p?.key === key ? p.message : null;
  }

  protected onFocusIn(event: FocusEvent): void {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-card-kind]');
    const kind = item?.dataset['cardKind'] as PrioritisedKind | undefined;
    const id = item?.dataset['cardId'];
    if (!kind || !id) return;
    const field = target.dataset['field'];
    this.emitFocus(field ? { kind, id, field } : { kind, id });
  }

  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !(event.currentTarget as HTMLElement).contains(next))
      this.emitFocus(null);
  }

  private readonly emitFocus = distinctFocus((focus) =>
    this.focusChange.emit(focus),
  );

  private submit(key: string, change: Change): boolean {
    const problems = validateChange(this.model(), change);
    if (problems.length > 0) {
      this.problem.set({ key, message: problems[0].message });
      return false;
    }
    this.problem.set(null);
    this.edit.emit(change);
    return true;
  }
}

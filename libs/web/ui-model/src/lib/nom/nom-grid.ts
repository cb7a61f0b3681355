import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  CdkFixedSizeVirtualScroll,
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
} from '@angular/cdk/scrolling';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  findItem,
  relationshipBetween,
  type Change,
  type Id,
  type ProjectModel,
} from '@orca/shared/domain';
import { Confirmation, EmptyState } from '@orca/web/ui';
import { GridCursor } from '../shared/grid-cursor';
import type { GridPosition } from '../shared/grid-keys';
import type { ModelDestination } from '../shared/model-view';
import {
  NO_PRESENCE,
  type PresenceIndex,
  cellKey,
  itemKey,
  type PresenceMarks,
} from '../shared/presence-index';
import { NomCellEditorComponent } from './nom-cell-editor';
import { NomRowComponent, type NomRowMarks } from './nom-row';
import { buildNomRows, type NomRowView } from './nom-view';

/** Height of a NOM row in pixels: the virtual scroll's item size. */
export const NOM_ROW_HEIGHT = 56;

interface CellRef {
  readonly fromId: Id;
  readonly toId: Id;
}

let nextGridId = 0;

/**
 * The Nested Object Matrix: every object on both axes, a cell per ordered pair (row → column).
 * Presentational: it shows `model` and emits domain Changes; the page applies them.
 *
 * 100 × 100 stays smooth: rows are virtually scrolled, and each row is an OnPush component whose
 * input stays the same object while nothing in it changed.
 */
@Component({
  selector: 'orca-nom-grid',
  imports: [
    CdkVirtualScrollViewport,
    CdkFixedSizeVirtualScroll,
    CdkVirtualForOf,
    NomRowComponent,
    NomCellEditorComponent,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(focusout)': 'onFocusOut($event)' },
  templateUrl: './nom-grid.html',
  styleUrl: './nom-grid.css',
})
export class NomGridComponent {
  /** The model to show (the page has already applied "Now only" when it is on). */
  readonly model = input.required<ProjectModel>();
  /** Viewers see everything and change nothing. */
  readonly readonly = input(false);
  /**
   * Who else is here and where, with their soft locks (the page leaves out the person at this
   * screen): avatars and lock badges, never a block.
   */
  readonly presence = input<PresenceIndex>(NO_PRESENCE);
  /**
   * An item to bring into view (a link's `?focus=`): a relationship opens its cell's editor, an
   * object makes its row active. Acted on once per value.
   */
  readonly focusItem = input<Id | null>(null);

  /**
   * A change to apply: relationship.create / relationship.update / relationship.delete. Not called
   * `change`: a field's DOM change event would bubble into a page's `(change)` listener.
   */
  readonly edit = output<Change>();
  /** Where the person is: a cell ({kind:'nom-cell', row, column, field?}), or null on leaving. */
  readonly focusChange = output<PresenceFocus | null>();
  /** The editor opened on a cell: ask for its soft lock. */
  readonly lockRequest = output<PresenceFocus>();
  /** The editor closed: release the lock asked for. */
  readonly lockRelease = output<PresenceFocus>();
  /** The empty state's next step ("Add objects first"). */
  readonly goTo = output<ModelDestination>();

  protected readonly rowHeight = NOM_ROW_HEIGHT;
  protected readonly gridId = `orca-nom-${nextGridId++}`;

  private readonly confirmation = inject(Confirmation);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly gridElement = viewChild<ElementRef<HTMLElement>>('grid');
  private readonly headElement = viewChild<ElementRef<HTMLElement>>('head');
  private readonly editor = viewChild(NomCellEditorComponent);

  /** Rows, each kept as the same object while unchanged (see buildNomRows). */
  protected readonly rows = linkedSignal<ProjectModel, NomRowView[]>({
    source: this.model,
    computation: (model, previous) => buildNomRows(model, previous?.value),
  });
  protected readonly columns = computed(() =>
    this.rows().map((row) => row.object),
  );
  private readonly rowIndexById = computed(
    () => new Map(this.rows().map((row) => [row.object.id, row.index])),
  );

  protected readonly summary = computed(() => {
    let oneWay = 0;
    let contradictions = 0;
    let filled = 0;
    for (const row of this.rows()) {
      for (const cell of row.cells) {
        if (cell.relationship) filled++;
        if (cell.flag === 'one-way') oneWay++;
        if (cell.flag === 'contradiction') contradictions++;
      }
    }
    return { filled, oneWay, contradictions: contradictions / 2 };
  });

  /** Marks per row object id; rows without any get none, so their input does not change. */
  protected readonly marksByRow = computed(() => {
    const index = this.presence();
    const byRow = new Map<Id, NomRowMarks>();
    if (index.isEmpty) return byRow;
    for (const row of this.rows()) {
      const head = index.marks(itemKey('object', row.object.id));
      const cells = new Map<Id, PresenceMarks>();
      for (const cell of row.cells) {
        const marks = index.marks(
          cellKey('nom-cell', cell.fromId, cell.toId),
          cell.relationship
            ? itemKey('relationship', cell.relationship.id)
            : null,
        );
        if (marks) cells.set(cell.toId, marks);
      }
      if (head || cells.size > 0) byRow.set(row.object.id, { head, cells });
    }
    return byRow;
  });

  /** The active cell, the open editor and their presence focus and soft lock. */
  protected readonly cursor = new GridCursor<CellRef>({
    size: () => ({ rows: this.rows().length, columns: this.columns().length }),
    cellAt: (position) => this.refAt(position),
    sameCell: (a, b) => a.fromId === b.fromId && a.toId === b.toId,
    cellFocus: (ref) => ({
      kind: 'nom-cell',
      row: ref.fromId,
      column: ref.toId,
    }),
    readonly: () => this.readonly(),
    grid: () => this.gridElement()?.nativeElement,
    host: this.host.nativeElement,
    editor: () => this.editor(),
    scrollTo: (position) => this.ensureVisible(position),
    clear: (ref) => this.askToClear(ref),
    focusChange: (focus) => this.focusChange.emit(focus),
    lockRequest: (focus) => this.lockRequest.emit(focus),
    lockRelease: (focus) => this.lockRelease.emit(focus),
    injector: this.injector,
  });
  /** The active cell, kept inside the matrix when objects go away. */
  protected readonly active = this.cursor.active;
  protected readonly activeCellId = computed(() => {
    const { row, column } = this.active();
    return this.rows().length > 0 ? `${this.gridId}-${row}-${column}` : null;
  });

  private readonly editing = this.cursor.editing;
  /** What the editor shows, live: it follows the model while open. */
  protected readonly editorCell = computed(() => {
    const ref = this.editing();
    if (!ref) return null;
    const rowIndex = this.rowIndexById().get(ref.fromId);
    const columnIndex = this.rowIndexById().get(ref.toId);
    if (rowIndex === undefined || columnIndex === undefined) return null;
    const cell = this.rows()[rowIndex].cells[columnIndex];
    const reverse = this.rows()[columnIndex].cells[rowIndex].relationship;
    const lock =
      this.presence().marks(
        cellKey('nom-cell', ref.fromId, ref.toId),
        cell.relationship
          ? itemKey('relationship', cell.relationship.id)
          : null,
      )?.lock ?? null;
    return {
      from: this.rows()[rowIndex].object,
      to: this.rows()[columnIndex].object,
      cell,
      reverse,
      lock,
    };
  });

  private revealed: Id | null = null;

  /**
   * How thick the viewport's scrollbars are (0 where they overlay the content): the rows get room
   * for the horizontal one, and the column headers for the vertical one, so they stay aligned.
   */
  protected readonly scrollbars = signal(
    { x: 0, y: 0 },
    { equal: (a, b) => a.x === b.x && a.y === b.y },
  );
  protected readonly viewportHeight = computed(
    () =>
      `min(var(--nom-max-height, 70vh), ${this.rows().length * NOM_ROW_HEIGHT + this.scrollbars().x}px)`,
  );

  constructor() {
    // An object deleted under an open editor closes it (and gives its lock back).
    effect(() => {
      const ref = this.editing();
      if (ref && this.editorCell() === null) {
        untracked(() => this.cursor.closeEditor(false));
      }
    });
    // The viewport measures itself again when the number of rows changes its height.
    afterRenderEffect(() => {
      const viewport = this.viewport();
      if (viewport && this.viewportHeight()) viewport.checkViewportSize();
    });
    // Scrollbars come and go with the window's and the matrix's width.
    afterRenderEffect((onCleanup) => {
      const element = this.viewport()?.elementRef.nativeElement;
      if (!element || typeof ResizeObserver === 'undefined') return;
      const measure = () =>
        this.scrollbars.set({
          x: element.offsetHeight - element.clientHeight,
          y: element.offsetWidth - element.clientWidth,
        });
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      const content = element.querySelector(
        '.cdk-virtual-scroll-content-wrapper',
      );
      if (content) observer.observe(content);
      onCleanup(() => observer.disconnect());
    });
    // Arriving from a link (?focus=…): show that relationship's cell, or that object's row.
    afterRenderEffect(() => {
      const id = this.focusItem();
      if (id === this.revealed) return;
      const rows = this.rows();
      if (id === null || rows.length === 0) return;
      untracked(() => this.reveal(id));
    });
  }

  protected trackRow = (_: number, row: NomRowView): Id => row.object.id;

  protected syncHeader(): void {
    const head = this.headElement()?.nativeElement;
    const viewport = this.viewport();
    if (head && viewport)
      head.scrollLeft = viewport.measureScrollOffset('left');
  }

  protected onGridFocus(): void {
    this.cursor.onGridFocus();
  }

  protected onFocusOut(event: FocusEvent): void {
    this.cursor.onFocusOut(event);
  }

  protected onKeydown(event: KeyboardEvent): void {
    this.cursor.onKeydown(event);
  }

  protected onGridClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[role="gridcell"]');
    const row = target.closest<HTMLElement>('[data-row]');
    if (!cell || !row) return;
    const position = {
      row: Number(row.dataset['row']),
      column: Number(cell.dataset['column']),
    };
    this.cursor.activate(position);
  }

  protected onEditorClosed(): void {
    this.cursor.closeEditor(true);
  }

  protected onEditorField(field: string): void {
    this.cursor.focusField(field);
  }

  protected onClearRequested(): void {
    const ref = this.editing();
    if (ref) this.askToClear(ref);
  }

  private reveal(id: Id): void {
    const model = this.model();
    const indexOf = this.rowIndexById();
    const relationship = findItem(model, 'relationship', id);
    const object = findItem(model, 'object', id);
    if (relationship) {
      const row = indexOf.get(relationship.fromObjectId);
      const column = indexOf.get(relationship.toObjectId);
      if (row === undefined || column === undefined) return;
      this.revealed = id;
      this.cursor.moveTo({ row, column });
      this.cursor.openEditor({
        fromId: relationship.fromObjectId,
        toId: relationship.toObjectId,
      });
    } else if (object) {
      const row = indexOf.get(object.id);
      if (row === undefined) return;
      this.revealed = id;
      this.cursor.moveTo({ row, column: this.active().column });
      this.gridElement()?.nativeElement.focus({ preventScroll: true });
    }
  }

  private refAt(position: GridPosition): CellRef | null {
    const rows = this.rows();
    if (rows.length === 0) return null;
    return {
      fromId: rows[position.row].object.id,
      toId: rows[position.column].object.id,
    };
  }

  private askToClear(ref: CellRef | null): void {
    if (!ref || this.readonly()) return;
    const model = this.model();
    const relationship = relationshipBetween(model, ref.fromId, ref.toId);
    if (!relationship) return;
    const from = findItem(model, 'object', ref.fromId)?.name ?? '';
    const to = findItem(model, 'object', ref.toId)?.name ?? '';
    this.confirmation
      .ask({
        title: `Clear ${from} → ${to}?`,
        message: `The label, cardinality and specification of this cell go. ${to} → ${from} stays as it is.`,
        confirmLabel: 'Clear cell',
      })
      .subscribe((yes) => {
        if (!yes) return;
        const editing = this.editing();
        if (editing?.fromId === ref.fromId && editing.toId === ref.toId) {
          this.cursor.closeEditor(false);
        }
        this.edit.emit({ kind: 'relationship.delete', id: relationship.id });
      });
  }

  /** Scrolls so the active cell is in view, past the sticky row and column headers. */
  private ensureVisible(position: GridPosition): void {
    const viewport = this.viewport();
    if (!viewport) return;
    const element = viewport.elementRef.nativeElement;
    const top = position.row * NOM_ROW_HEIGHT;
    const offset = viewport.measureScrollOffset('top');
    // What is visible now, without the horizontal scrollbar (the cached size may be stale).
    const height = element.clientHeight;
    if (top < offset) viewport.scrollToOffset(top);
    else if (top + NOM_ROW_HEIGHT > offset + height)
      viewport.scrollToOffset(top + NOM_ROW_HEIGHT - height);

    const head = this.headElement()?.nativeElement;
    const column = head?.querySelector<HTMLElement>(
      `[data-column="${position.column}"]`,
    );
    const corner = head?.querySelector<HTMLElement>('.corner');
    if (!column || !corner) return;
    const left = column.offsetLeft - corner.offsetWidth;
    const right = column.offsetLeft + column.offsetWidth;
    if (left < element.scrollLeft) element.scrollLeft = left;
    else if (right > element.scrollLeft + element.clientWidth)
      element.scrollLeft = right - element.clientWidth;
  }
}

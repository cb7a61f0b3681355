import {
  afterNextRender,
  computed,
  signal,
  type Injector,
} from '@angular/core';
import type { PresenceFocus } from '@orca/shared/contracts';
import { distinctFocus } from './distinct-focus';
import {
  clampGridPosition,
  gridKeyAction,
  type GridPosition,
  type GridSize,
} from './grid-keys';

/** The editor a matrix opens on its cell (the NOM's cell editor, the CTA Matrix's panel). */
export interface GridEditorHandle {
  focusFirst(): void;
  /** Saves what is typed; false when it cannot (problems shown), so the cell must stay open. */
  flush?(): boolean;
}

/** What a matrix tells its cursor about itself. `Ref` names a cell by its items' ids. */
export interface GridCursorHost<Ref> {
  readonly size: () => GridSize;
  /** The cell at a position, or null when the matrix is empty there. */
  readonly cellAt: (position: GridPosition) => Ref | null;
  readonly sameCell: (a: Ref, b: Ref) => boolean;
  /** The presence and soft-lock target of a cell. */
  readonly cellFocus: (cell: Ref) => PresenceFocus;
  readonly readonly: () => boolean;
  readonly grid: () => HTMLElement | undefined;
  readonly host: HTMLElement;
  readonly editor: () => GridEditorHandle | undefined;
  /** Brings a position into view. */
  readonly scrollTo: (position: GridPosition) => void;
  /** Delete on a cell: the matrix asks before it clears it. */
  readonly clear: (cell: Ref) => void;
  readonly focusChange: (focus: PresenceFocus | null) => void;
  readonly lockRequest: (focus: PresenceFocus) => void;
  readonly lockRelease: (focus: PresenceFocus) => void;
  readonly injector: Injector;
}

/**
 * The spreadsheet behaviour the NOM and the CTA Matrix share, in one place: an active cell kept
 * inside the matrix, arrow-key moves, Enter opens the cell's editor and asks for its soft lock,
 * Escape closes it and gives the lock back, Delete clears; where the person is goes out as their
 * presence focus, once per change of place.
 */
export class GridCursor<Ref> {
  private readonly requested = signal<GridPosition>({ row: 0, column: 0 });
  /** The active cell, clamped to the matrix when rows or columns go away. */
  readonly active = computed(() =>
    clampGridPosition(this.requested(), this.matrix.size()),
  );
  private readonly open = signal<Ref | null>(null);
  /** The cell whose editor is open. */
  readonly editing = this.open.asReadonly();
  /** Sends where the person is, once per change of place. */
  readonly emitFocus: (focus: PresenceFocus | null) => void;
  private gridHasFocus = false;

  constructor(private readonly matrix: GridCursorHost<Ref>) {
    this.emitFocus = distinctFocus(matrix.focusChange);
  }

  /** The grid got the keyboard focus: the active cell is where the person is. */
  onGridFocus(): void {
    this.gridHasFocus = true;
    this.emitCell(this.matrix.cellAt(this.active()));
  }

  /** Focus left the grid (for the editor: still here) or the whole matrix (gone). */
  onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!this.matrix.grid()?.contains(next)) this.gridHasFocus = false;
    if (!next || !this.matrix.host.contains(next)) this.emitFocus(null);
  }

  onKeydown(event: KeyboardEvent): void {
    const action = gridKeyAction(event, this.active(), this.matrix.size());
    // Escape belongs to the page when no editor is open.
    if (!action || (action.kind === 'close' && !this.open())) return;
    event.preventDefault();
    const here = () => this.matrix.cellAt(this.active());
    switch (action.kind) {
      case 'move':
        this.moveTo(action.to);
        return;
      case 'open':
        this.openEditor(here());
        return;
      case 'close':
        this.closeEditor(true);
        return;
      case 'clear': {
        const cell = here();
        if (cell && !this.matrix.readonly()) this.matrix.clear(cell);
        return;
      }
    }
  }

  /** A click on a cell: make it active and open it. */
  activate(position: GridPosition): void {
    this.moveTo(position);
    this.openEditor(this.matrix.cellAt(position));
  }

  moveTo(position: GridPosition): void {
    this.requested.set(position);
    this.matrix.scrollTo(position);
    if (this.gridHasFocus) this.emitCell(this.matrix.cellAt(position));
  }

  /** Opens a cell's editor, saving (and giving back the lock of) the one open before. */
  openEditor(cell: Ref | null): void {
    if (!cell) return;
    const current = this.open();
    if (current && this.matrix.sameCell(current, cell)) {
      this.matrix.editor()?.focusFirst();
      return;
    }
    if (current) {
      if (this.matrix.editor()?.flush?.() === false) return;
      this.release(current);
    }
    this.open.set(cell);
    if (!this.matrix.readonly())
      this.matrix.lockRequest(this.matrix.cellFocus(cell));
    afterNextRender(() => this.matrix.editor()?.focusFirst(), {
      injector: this.matrix.injector,
    });
  }

  closeEditor(returnFocus: boolean): void {
    const cell = this.open();
    if (!cell) return;
    this.open.set(null);
    this.release(cell);
    if (returnFocus) this.matrix.grid()?.focus();
  }

  /** The open cell, with a field of its editor, as the person's focus. */
  focusField(field: string): void {
    const cell = this.open();
    if (cell) this.emitFocus({ ...this.matrix.cellFocus(cell), field });
  }

  private release(cell: Ref): void {
    if (!this.matrix.readonly())
      this.matrix.lockRelease(this.matrix.cellFocus(cell));
  }

  private emitCell(cell: Ref | null): void {
    this.emitFocus(cell ? this.matrix.cellFocus(cell) : null);
  }
}

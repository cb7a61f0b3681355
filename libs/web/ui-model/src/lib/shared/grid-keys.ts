/** A cell of a matrix by index: row and column, both from 0. */
export interface GridPosition {
  readonly row: number;
  readonly column: number;
}

export interface GridSize {
  readonly rows: number;
  readonly columns: number;
}

/** Rows a Page Up / Page Down jumps. */
export const GRID_PAGE_ROWS = 10;

/**
 * Where a navigation key moves the active cell, spreadsheet-style (arrows, Home/End, Ctrl+Home/End,
 * Page Up/Down), clamped to the matrix; null for a key that is not about moving.
 */
export function nextGridPosition(
  at: GridPosition,
  key: string,
  size: GridSize,
  ctrl = false,
): GridPosition | null {
  if (size.rows === 0 || size.columns === 0) return null;
  const lastRow = size.rows - 1;
  const lastColumn = size.columns - 1;
  const clamp = (row: number, column: number): GridPosition => ({
    row: Math.max(0, Math.min(lastRow, row)),
    column: Math.max(0, Math.min(lastColumn, column)),
  });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.column);
    case 'ArrowDown':
      return clamp(at.row + 1, at.column);
    case 'ArrowLeft':
      return clamp(at.row, at.column - 1);
    case 'ArrowRight':
      return clamp(at.row, at.column + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(lastRow, lastColumn) : clamp(at.row, lastColumn);
    case 'PageUp':
      return clamp(at.row - GRID_PAGE_ROWS, at.column);
    case 'PageDown':
      return clamp(at.row + GRID_PAGE_ROWS, at.column);
    default:
      return null;
  }
}

/** The same position clamped into a matrix that may have shrunk (rows or columns deleted). */
export function clampGridPosition(
  at: GridPosition,
  size: GridSize,
): GridPosition {
  return {
    row: Math.max(0, Math.min(size.rows - 1, at.row)),
    column: Math.max(0, Math.min(size.columns - 1, at.column)),
  };
}

/** What a key pressed on a matrix asks for: move the active cell, open, close or clear it. */
export type GridKeyAction =
  | { readonly kind: 'move'; readonly to: GridPosition }
  | { readonly kind: 'open' | 'close' | 'clear' };

/**
 * The meaning of a key on a matrix (the NOM, the CTA matrix), spreadsheet-style: the navigation
 * keys move, Enter or F2 opens the cell, Escape closes its editor, Delete or Backspace clears it.
 * Null for every other key, which the matrix leaves alone.
 */
export function gridKeyAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>,
  at: GridPosition,
  size: GridSize,
): GridKeyAction | null {
  const to = nextGridPosition(
    at,
    event.key,
    size,
    event.ctrlKey || event.metaKey,
  );
  if (to) return { kind: 'move', to };
  switch (event.key) {
    case 'Enter':
    case 'F2':
      return { kind: 'open' };
    case 'Escape':
      return { kind: 'close' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    default:
      return null;
  }
}

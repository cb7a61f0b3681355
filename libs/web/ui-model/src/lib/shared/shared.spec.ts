import type { PresenceMember } from '@orca/shared/contracts';
import { gridKeyAction, nextGridPosition } from './grid-keys';
import { initials, readableInk } from './ink';
import { PresenceIndex, cellKey, itemKey } from './presence-index';
import { guessCrud } from './vocabulary';

describe('nextGridPosition', () => {
  const size = { rows: 5, columns: 4 };
  it.each([
    ['ArrowDown', false, { row: 3, column: 1 }],
    ['ArrowUp', false, { row: 1, column: 1 }],
    ['ArrowRight', false, { row: 2, column: 2 }],
    ['Home', false, { row: 2, column: 0 }],
    ['End', false, { row: 2, column: 3 }],
    ['Home', true, { row: 0, column: 0 }],
    ['End', true, { row: 4, column: 3 }],
    ['PageDown', false, { row: 4, column: 1 }],
    ['PageUp', false, { row: 0, column: 1 }],
  ])('%s (ctrl %s) moves to %o, inside the matrix', (key, ctrl, expected) => {
    expect(nextGridPosition({ row: 2, column: 1 }, key, size, ctrl)).toEqual(
      expected,
    );
  });

  it('stops at the edges and ignores other keys', () => {
    expect(nextGridPosition({ row: 0, column: 0 }, 'ArrowLeft', size)).toEqual({
      row: 0,
      column: 0,
    });
    expect(nextGridPosition({ row: 0, column: 0 }, 'a', size)).toBeNull();
  });
});

describe('gridKeyAction', () => {
  const size = { rows: 3, columns: 4 };
  const at = { row: 1, column: 1 };
  const key = (k: string, ctrl = false) =>
    gridKeyAction({ key: k, ctrlKey: ctrl, metaKey: false }, at, size);

  it('moves on navigation keys, Ctrl+End to the last cell', () => {
    expect(key('ArrowRight')).toEqual({
      kind: 'move',
      to: { row: 1, column: 2 },
    });
    expect(key('End', true)).toEqual({
      kind: 'move',
      to: { row: 2, column: 3 },
    });
  });

  it('opens on Enter or F2, closes on Escape, clears on Delete or Backspace', () => {
    expect(
      ['Enter', 'F2', 'Escape', 'Delete', 'Backspace'].map((k) => key(k)?.kind),
    ).toEqual(['open', 'open', 'close', 'clear', 'clear']);
  });

  it('leaves typing and other keys to the page', () => {
    expect(key('a')).toBeNull();
    expect(key('Tab')).toBeNull();
  });
});

describe('guessCrud', () => {
  it.each([
    ['Add lesson', 'create'],
    ['View', 'read'],
    ['edit details', 'update'],
    ['Remove', 'delete'],
    ['Enroll in', 'other'],
  ])('"%s" → %s', (verb, crud) => {
    expect(guessCrud(verb)).toBe(crud);
  });
});

describe('readableInk', () => {
  it('puts dark text on light colours and white on dark ones', () => {
    expect(readableInk('#f7d154')).toBe('#111827');
    expect(readableInk('#1f4f8f')).toBe('#ffffff');
    expect(readableInk('#fff')).toBe('#111827');
    expect(readableInk('rebeccapurple')).toBe('#111827');
  });

  it('makes initials from a name', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('bo')).toBe('B');
    expect(initials('  ')).toBe('?');
  });
});

describe('PresenceIndex', () => {
  const member = (
    userId: string,
    focus: PresenceMember['focus'],
  ): PresenceMember => ({
    userId,
    displayName: userId,
    color: '#000000',
    focus,
  });

  it('files others by cell and item, leaving out the current user', () => {
    const index = new PresenceIndex(
      [
        member('ada', { kind: 'nom-cell', row: 'a', column: 'b' }),
        member('bo', { kind: 'relationship', id: 'r1' }),
        member('me', { kind: 'nom-cell', row: 'a', column: 'b' }),
        member('cy', null),
      ],
      [
        {
          target: { kind: 'relationship', id: 'r1' },
          holder: { userId: 'bo', displayName: 'Bo', color: '#123456' },
        },
      ],
      'me',
    );
    const marks = index.marks(
      cellKey('nom-cell', 'a', 'b'),
      itemKey('relationship', 'r1'),
    );
    expect(marks?.members.map((m) => m.userId)).toEqual(['ada', 'bo']);
    expect(marks?.lock?.holder.displayName).toBe('Bo');
    expect(index.marks(cellKey('nom-cell', 'b', 'a'))).toBeNull();
  });

  it("ignores the current user's own locks", () => {
    const index = new PresenceIndex(
      [],
      [
        {
          target: { kind: 'cta', id: 'c1' },
          holder: { userId: 'me', displayName: 'Me', color: '#000' },
        },
      ],
      'me',
    );
    expect(index.isEmpty).toBe(true);
  });
});

import type { PresenceFocus } from '@orca/shared/contracts';
import { distinctFocus } from './distinct-focus';

describe('distinctFocus', () => {
  it('sends a focus once per change of place', () => {
    const sent: (PresenceFocus | null)[] = [];
    const emit = distinctFocus((focus) => sent.push(focus));
    const cell: PresenceFocus = { kind: 'nom-cell', row: 'a', column: 'b' };

    emit(cell);
    emit({ ...cell }); // the same place, a new object
    emit({ ...cell, field: 'label' });
    emit(null);
    emit(null);
    emit(cell);

    expect(sent).toEqual([cell, { ...cell, field: 'label' }, null, cell]);
  });

  it('sends the first null, so leaving before arriving is still said', () => {
    const sent: (PresenceFocus | null)[] = [];
    distinctFocus((focus) => sent.push(focus))(null);

    expect(sent).toEqual([null]);
  });
});

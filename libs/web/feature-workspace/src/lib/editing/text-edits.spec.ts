import { applyTextOps } from '@orca/shared/domain';
import { rebaseTextEdit } from './text-edits';

describe('rebaseTextEdit', () => {
  const result = (base: string, draft: string, current: string) =>
    applyTextOps(current, rebaseTextEdit(base, draft, current));

  it('is my edit when nobody else typed', () => {
    expect(result('A course.', 'A short course.', 'A course.')).toBe(
      'A short course.',
    );
    expect(rebaseTextEdit('same', 'same', 'same')).toEqual([]);
  });

  it('keeps both people’s words when they typed in different places', () => {
    expect(
      result(
        'A course.',
        'A short course.',
        'A course. Owned by one instructor.',
      ),
    ).toBe('A short course. Owned by one instructor.');
  });

  it('puts my words after theirs when both typed at the same place', () => {
    expect(result('', 'mine', 'theirs')).toBe('theirsmine');
  });

  it('does not bring back what the other person deleted', () => {
    expect(result('One two three', 'One two three four', 'One three')).toBe(
      'One three four',
    );
  });
});

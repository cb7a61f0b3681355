import { testId } from '../testing/ids';
import { isUuid } from './ids';

describe('isUuid: the one id shape of the domain and the API', () => {
  it('accepts UUIDs as crypto.randomUUID makes them and PostgreSQL gives them back', () => {
    for (let i = 0; i < 50; i++) expect(isUuid(crypto.randomUUID())).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isUuid('0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c')).toBe(true);
  });

  it('refuses everything else, including forms PostgreSQL would read but store differently', () => {
    for (const value of [
      'o1',
      '',
      '0B7E5A3C-2F4D-4E8A-9C1B-6D5F4E3A2B1C',
      '{0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c}',
      '0b7e5a3c2f4d4e8a9c1b6d5f4e3a2b1c',
      '0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c\n',
      ' 0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c',
      '0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1',
      '0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1g',
      "0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c' OR '1'='1",
      '__proto__',
    ])
      expect([value, isUuid(value)]).toEqual([value, false]);
    for (const value of [null, undefined, 7, {}, ['o1']])
      expect(isUuid(value)).toBe(false);
  });
});

describe('testId', () => {
  it('makes the same UUID for a label every time, a different one for each label', () => {
    const labels = [
      'o1',
      'o2',
      'course',
      'relationship-12',
      'a much longer label than sixteen characters',
      'a much longer label than sixteen characterz',
      'ünïcode',
    ];
    const ids = labels.map(testId);
    expect(ids.every(isUuid)).toBe(true);
    expect(new Set(ids).size).toBe(labels.length);
    expect(labels.map(testId)).toEqual(ids);
    // Short labels stay legible in failure messages.
    expect(testId('o1')).toBe('00000000-0000-0000-0000-000000006f31');
  });
});

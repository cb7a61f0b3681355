import { attributesOf } from '@orca/shared/domain';
import {
  applyValid,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { parseListValues, readAttributeLines } from './attribute-lines';

describe('readAttributeLines', () => {
  const model = learningPlatform();
  const course = objectNamed(model, 'Course').id;

  it('reads names, types, aliases, list values and flags; bullets and blank lines are ignored', () => {
    const lines = readAttributeLines(
      [
        '* Subtitle',
        '2. Language: enum (English, French) metadata required',
        '',
        'Teacher: ref Instructor Profile',
      ].join('\n'),
      model,
      course,
    );
    expect(
      lines.map((l) => [l.line, l.name, l.type, l.kind, l.required, l.problem]),
    ).toEqual([
      [1, 'Subtitle', 'text', 'core', false, null],
      [2, 'Language', 'list', 'metadata', true, null],
      [4, 'Teacher', 'reference', 'core', false, null],
    ]);
    expect(lines[1].listValues).toEqual(['English', 'French']);
    expect(lines[2].referencedObjectId).toBe(
      objectNamed(model, 'Instructor Profile').id,
    );
  });

  it('orders new attributes after the last one, in pasted order', () => {
    const lines = readAttributeLines('Zeta\nAlpha', model, course);
    let next = model;
    for (const line of lines) next = applyValid(next, line.change);
    expect(
      attributesOf(next, course)
        .slice(-3)
        .map((a) => a.name),
    ).toEqual(['Average rating', 'Zeta', 'Alpha']);
  });

  it('refuses duplicates (with the model and within the paste), unknown types and unknown objects', () => {
    const lines = readAttributeLines(
      [
        'Title',
        'Badge',
        'badge',
        'Mood: feelings',
        'Owner: reference Nobody',
        'constructor: meta',
      ].join('\n'),
      model,
      course,
    );
    expect(lines.map((l) => l.problem)).toEqual([
      'Course already has an attribute named "Title".',
      null,
      'Course already has an attribute named "Badge".',
      expect.stringContaining('"feelings" is not a type'),
      'No object is named "Nobody".',
      expect.stringContaining('"meta" is not a type'),
    ]);
  });
});

describe('parseListValues', () => {
  it('splits on commas, trimming and dropping blanks', () => {
    expect(parseListValues(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});

import { testId } from '../testing/ids';
import { sampleModel } from '../testing/sample-model';
import { itemLabel, itemMatches, itemName, searchQuery } from './item-labels';
import { findItem, type AnyItem, type ItemKind } from './model';

const model = sampleModel();
const item = (kind: ItemKind, label: string): AnyItem => {
  const found = findItem(model, kind, testId(label));
  if (!found) throw new Error(`no ${kind} ${label} in the sample model`);
  return found;
};

describe('itemName', () => {
  it('is what the team typed: a name, a CTA’s verb, a relationship’s phrase', () => {
    expect(itemName(item('object', 'o-course'))).toBe('Course');
    expect(itemName(item('role', 'role-learner'))).toBe('Learner');
    expect(itemName(item('attribute', 'attr-title'))).toBe('Title');
    expect(itemName(item('cta', 'cta-enroll'))).toBe('Enroll in');
    expect(itemName(item('relationship', 'r-course-lesson'))).toBe('has many');
  });
});

describe('itemLabel', () => {
  it('names the parents that make an item unique in the model', () => {
    expect(itemLabel(model, item('object', 'o-course'))).toBe('Course');
    expect(itemLabel(model, item('attribute', 'attr-title'))).toBe(
      'Course › Title',
    );
    expect(itemLabel(model, item('cta', 'cta-enroll'))).toBe(
      'Learner › Course › Enroll in',
    );
    expect(itemLabel(model, item('relationship', 'r-course-lesson'))).toBe(
      'Course → Lesson',
    );
  });

  it('reads a parent removed from the model from the other model, else "?"', () => {
    const title = item('attribute', 'attr-title');
    const withoutCourse = {
      ...model,
      objects: { [testId('o-lesson')]: model.objects[testId('o-lesson')] },
    };

    expect(itemLabel(withoutCourse, title, model)).toBe('Course › Title');
    expect(itemLabel(withoutCourse, title)).toBe('? › Title');
  });
});

describe('search', () => {
  it('treats a blank query as no filter', () => {
    expect(searchQuery(undefined)).toBeNull();
    expect(searchQuery('   ')).toBeNull();
    expect(searchQuery('  CoUrSe ')).toBe('course');
  });

  it('matches a name or a synonym, whatever the case or Unicode form', () => {
    const course = item('object', 'o-course');

    expect(itemMatches(course, 'cour')).toBe(true);
    expect(itemMatches(course, 'class')).toBe(true); // a synonym
    expect(itemMatches(course, 'lesson')).toBe(false);
    const cafe = { ...course, name: 'Cafe\u0301 menu' }; // e + combining accent
    expect(itemMatches(cafe, searchQuery('CAFÉ') ?? '')).toBe(true);
  });
});

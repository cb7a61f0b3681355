import { newAttribute, newObject } from '@orca/shared/domain';
import { sampleModel } from '../testing';
import { describeChange, fieldWords } from './change-description';
import { testId } from '@orca/shared/domain/testing';

describe('describeChange', () => {
  const model = sampleModel();

  it('names what was added, with its object and role', () => {
    expect(
      describeChange(
        {
          kind: 'object.create',
          object: newObject({
            id: testId('o-quiz'),
            name: 'Quiz',
            orderKey: 'a2',
          }),
        },
        model,
      ),
    ).toBe('added the object “Quiz”');
    expect(
      describeChange(
        {
          kind: 'attribute.create',
          attribute: newAttribute({
            id: 'a-2',
            objectId: testId('o-course'),
            name: 'Price',
            type: 'currency',
            orderKey: 'a1',
          }),
        },
        model,
      ),
    ).toBe('added the attribute “Price” to “Course”');
  });

  it('says which fields an edit touched, in words', () => {
    expect(
      describeChange(
        {
          kind: 'object.update',
          id: testId('o-course'),
          patch: { openQuestions: ['Who grades?'], sip: undefined },
        },
        model,
      ),
    ).toBe('edited the open questions of “Course”');
    expect(
      describeChange(
        {
          kind: 'text.edit',
          target: {
            itemKind: 'object',
            id: testId('o-lesson'),
            field: 'definition',
          },
          ops: [{ insert: 'One unit' }],
        },
        model,
      ),
    ).toBe('edited the definition of the object “Lesson”');
    expect(
      describeChange(
        {
          kind: 'relationship.update',
          id: testId('r-course-lesson'),
          patch: { mechanics: 'Instructor adds' },
        },
        model,
      ),
    ).toBe('edited the mechanics of the NOM cell Course → Lesson');
  });

  it('names a deleted item from what the delete removed, and counts what went with it', () => {
    const after = {
      ...model,
      objects: { [testId('o-course')]: model.objects[testId('o-course')] },
    };
    expect(
      describeChange({ kind: 'object.delete', id: testId('o-lesson') }, after, [
        {
          kind: 'removed',
          reason: 'deleted',
          removed: {
            itemKind: 'object',
            item: model.objects[testId('o-lesson')],
          },
        },
        {
          kind: 'removed',
          reason: 'cascade',
          removed: {
            itemKind: 'relationship',
            item: model.relationships[testId('r-course-lesson')],
          },
        },
        {
          kind: 'removed',
          reason: 'cascade',
          removed: {
            itemKind: 'relationship',
            item: model.relationships[testId('r-lesson-course')],
          },
        },
      ]),
    ).toBe('deleted the object “Lesson” (and 2 items with it)');
  });

  it('describes phasing and log entries that are not model changes', () => {
    expect(
      describeChange(
        {
          kind: 'priority.set',
          items: [{ itemKind: 'object', id: testId('o-lesson') }],
          priority: 'now',
        },
        model,
      ),
    ).toBe('planned “Lesson” for Now');
    expect(
      describeChange(
        {
          kind: 'priority.set',
          items: [
            { itemKind: 'object', id: testId('o-lesson') },
            { itemKind: 'cta', id: testId('cta-enroll') },
          ],
          priority: null,
        },
        model,
      ),
    ).toBe('cleared the priority of 2 items');
    expect(describeChange({ kind: 'project.import' }, null)).toBe(
      'imported the project',
    );
  });

  it('turns field names into words', () => {
    expect(fieldWords('userStory')).toBe('user story');
    expect(fieldWords('listValues')).toBe('values');
    expect(fieldWords('preconditions')).toBe('preconditions');
  });
});

import {
  type Attribute,
  type Cta,
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
  type Role,
} from '../lib/model';
import { testId } from './ids';

const byId = <T extends { id: string }>(items: T[]): Record<string, T> =>
  Object.fromEntries(items.map((item) => [item.id, item]));

/**
 * A small course model for tests: Course and Lesson nest each other, Learner enrolls in a Course,
 * Course has a title; Lesson has no definition yet (a check finds it) and no CTA or attribute.
 */
export function sampleModel(
  extra: {
    objects?: OrcaObject[];
    relationships?: Relationship[];
    roles?: Role[];
    ctas?: Cta[];
    attributes?: Attribute[];
  } = {},
): ProjectModel {
  const course = newObject({
    id: testId('o-course'),
    name: 'Course',
    orderKey: 'a0',
    definition: 'A structured sequence of **lessons**.',
    synonyms: ['Class'],
    examples: ['SQL for Analysts'],
    states: [
      { name: 'Draft', description: '', transitions: ['Published'] },
      { name: 'Published', description: '', transitions: [] },
    ],
    priority: 'now',
  });
  const lesson = newObject({
    id: testId('o-lesson'),
    name: 'Lesson',
    orderKey: 'a1',
    priority: 'later',
  });
  return {
    objects: byId([course, lesson, ...(extra.objects ?? [])]),
    relationships: byId([
      newRelationship({
        id: testId('r-course-lesson'),
        fromObjectId: testId('o-course'),
        toObjectId: testId('o-lesson'),
        cardinality: 'one-to-many',
        label: 'has many',
      }),
      newRelationship({
        id: testId('r-lesson-course'),
        fromObjectId: testId('o-lesson'),
        toObjectId: testId('o-course'),
        cardinality: 'many-to-one',
        label: 'belongs to',
      }),
      ...(extra.relationships ?? []),
    ]),
    roles: byId([
      newRole({ id: testId('role-learner'), name: 'Learner', orderKey: 'a0' }),
      ...(extra.roles ?? []),
    ]),
    ctas: byId([
      newCta({
        id: testId('cta-enroll'),
        roleId: testId('role-learner'),
        objectId: testId('o-course'),
        verb: 'Enroll in',
        crud: 'other',
        primary: true,
        orderKey: 'a0',
      }),
      ...(extra.ctas ?? []),
    ]),
    attributes: byId([
      newAttribute({
        id: testId('attr-title'),
        objectId: testId('o-course'),
        name: 'Title',
        type: 'text',
        orderKey: 'a0',
      }),
      ...(extra.attributes ?? []),
    ]),
  };
}

import { ModelBuilder } from '../testing/model-builder';
import { buildCtaMatrix } from './cta-matrix';
import { buildNestedObjectMatrix } from './nested-object-matrix';
import { emptyModel } from './model';
import { orderKeyForIndex } from './ordering';
import { applyChange } from './apply-change';
import { objectsInOrder } from './queries';

function platform() {
  const b = new ModelBuilder();
  const course = b.object('Course');
  const lesson = b.object('Lesson');
  const topic = b.object('Topic');
  const learner = b.role('Learner');
  const admin = b.role('Admin');
  const courseToLesson = b.relationship(course, lesson, 'one-to-many');
  const lessonToCourse = b.relationship(lesson, course, 'many-to-one');
  const courseToTopic = b.relationship(course, topic, 'many-to-many');
  const browse = b.cta(learner, course, 'Browse', 'read');
  const enroll = b.cta(learner, course, 'Enroll in', 'other', {
    primary: true,
  });
  const create = b.cta(admin, topic, 'Create', 'create', { primary: true });
  return {
    model: b.build(),
    ids: {
      course,
      lesson,
      topic,
      learner,
      admin,
      courseToLesson,
      lessonToCourse,
      courseToTopic,
      browse,
      enroll,
      create,
    },
  };
}

describe('buildNestedObjectMatrix', () => {
  it('puts every object on both axes in object order, one cell per ordered pair', () => {
    const { model, ids } = platform();
    const nom = buildNestedObjectMatrix(model);
    expect(nom.objects.map((o) => o.name)).toEqual([
      'Course',
      'Lesson',
      'Topic',
    ]);
    expect(nom.rows.map((row) => row.object.name)).toEqual([
      'Course',
      'Lesson',
      'Topic',
    ]);
    const grid = nom.rows.map((row) =>
      row.cells.map((cell) =>
        cell.relationship
          ? `${cell.relationship.cardinality}${cell.reverseFilled ? '' : '!'}`
          : '',
      ),
    );
    expect(grid).toEqual([
      ['', 'one-to-many', 'many-to-many!'],
      ['many-to-one', '', ''],
      ['', '', ''],
    ]);
    expect(nom.rows[2].cells[0]).toEqual({
      fromObjectId: ids.topic,
      toObjectId: ids.course,
      relationship: null,
      reverseFilled: true,
    });
  });

  it('follows the object order after a move, and is empty for an empty model', () => {
    const { model, ids } = platform();
    const moved = applyChange(model, {
      kind: 'object.move',
      id: ids.topic,
      orderKey: orderKeyForIndex(objectsInOrder(model), 0, ids.topic),
    }).model;
    expect(buildNestedObjectMatrix(moved).objects.map((o) => o.name)).toEqual([
      'Topic',
      'Course',
      'Lesson',
    ]);
    expect(buildNestedObjectMatrix(emptyModel())).toEqual({
      objects: [],
      rows: [],
    });
  });
});

describe('buildCtaMatrix', () => {
  it('lays out roles × objects with the CTAs of each cell in order', () => {
    const { model, ids } = platform();
    const matrix = buildCtaMatrix(model);
    expect(matrix.roles.map((r) => r.name)).toEqual(['Learner', 'Admin']);
    expect(matrix.objects.map((o) => o.name)).toEqual([
      'Course',
      'Lesson',
      'Topic',
    ]);
    expect(
      matrix.rows.map((row) =>
        row.cells.map((cell) => cell.ctas.map((c) => c.verb)),
      ),
    ).toEqual([
      [['Browse', 'Enroll in'], [], []],
      [[], [], ['Create']],
    ]);
    expect(matrix.rows[0].cells[0]).toMatchObject({
      roleId: ids.learner,
      objectId: ids.course,
    });
  });

  it('filters by CRUD class and primary flag, and can hide archived roles', () => {
    const { model, ids } = platform();
    const verbs = (options: Parameters<typeof buildCtaMatrix>[1]) =>
      buildCtaMatrix(model, options).rows.flatMap((row) =>
        row.cells.flatMap((cell) => cell.ctas.map((c) => c.verb)),
      );
    expect(verbs({ crud: 'read' })).toEqual(['Browse']);
    expect(verbs({ crud: ['create', 'other'] })).toEqual([
      'Enroll in',
      'Create',
    ]);
    expect(verbs({ primaryOnly: true })).toEqual(['Enroll in', 'Create']);
    const archived = applyChange(model, {
      kind: 'role.update',
      id: ids.admin,
      patch: { archived: true },
    }).model;
    expect(buildCtaMatrix(archived).roles).toHaveLength(2);
    expect(
      buildCtaMatrix(archived, { includeArchivedRoles: false }).roles.map(
        (r) => r.name,
      ),
    ).toEqual(['Learner']);
  });
});

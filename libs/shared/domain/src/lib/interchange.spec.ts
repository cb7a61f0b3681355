import { testId } from '../testing/ids';
import fc from 'fast-check';
import { modelArbitrary } from '../testing/arbitraries';
import { readFixture } from '../testing/fixture';
import { ModelBuilder, sequentialIds } from '../testing/model-builder';
import {
  fromInterchange,
  toInterchange,
  type InterchangeDocument,
} from './interchange';
import type { ProjectModel } from './model';
import { sortByOrder } from './ordering';
import { objectsInOrder, rolesInOrder } from './queries';

const FIXTURE = 'learning-platform.orca.json';

function imported(input: unknown): {
  model: ProjectModel;
  project: { name: string; description: string };
} {
  const result = fromInterchange(input, { generateId: sequentialIds() });
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result;
}

/** A copy of an item without some of its fields. */
function without<T extends object, K extends keyof T>(
  item: T,
  ...keys: K[]
): Omit<T, K> {
  const copy = { ...item };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * A model with ids replaced by names and order keys by ranks: what "equal up to ids" compares.
 */
function canonical(model: ProjectModel) {
  const objectName = (id: string | null) =>
    id === null ? null : model.objects[id].name;
  const roleName = (id: string) => model.roles[id].name;
  const ranked = <T extends { id: string; orderKey: string }>(items: T[]) =>
    sortByOrder(items).map((item) => without(item, 'id', 'orderKey'));
  return {
    objects: ranked(Object.values(model.objects)),
    roles: ranked(Object.values(model.roles)),
    relationships: Object.values(model.relationships)
      .map((r) => ({
        ...without(r, 'id', 'fromObjectId', 'toObjectId'),
        from: objectName(r.fromObjectId),
        to: objectName(r.toObjectId),
      }))
      .sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
    attributes: objectsInOrder(model).map((o) =>
      ranked(
        Object.values(model.attributes).filter((a) => a.objectId === o.id),
      ).map((a) => ({
        ...without(a, 'objectId', 'referencedObjectId'),
        references: objectName(a.referencedObjectId),
      })),
    ),
    ctas: rolesInOrder(model).flatMap((r) =>
      objectsInOrder(model).map((o) =>
        ranked(
          Object.values(model.ctas).filter(
            (c) => c.roleId === r.id && c.objectId === o.id,
          ),
        ).map((c) => ({
          ...without(c, 'roleId', 'objectId'),
          role: roleName(c.roleId),
          object: objectName(c.objectId),
        })),
      ),
    ),
  };
}

/** The document with lists whose order carries no meaning put in a fixed order. */
function comparable(document: InterchangeDocument) {
  const objectRank = new Map(document.objects.map((o, i) => [o.key, i]));
  const roleRank = new Map(document.roles.map((r, i) => [r.key, i]));
  const byObject = (a: { object: string }, b: { object: string }) =>
    (objectRank.get(a.object) ?? 0) - (objectRank.get(b.object) ?? 0);
  return {
    ...document,
    relationships: [...document.relationships].sort((a, b) =>
      `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`),
    ),
    attributes: [...document.attributes].sort(byObject),
    ctas: [...document.ctas]
      .sort(byObject)
      .sort(
        (a, b) => (roleRank.get(a.role) ?? 0) - (roleRank.get(b.role) ?? 0),
      ),
  };
}

describe('fromInterchange', () => {
  it('reads the learning platform fixture with generated ids and order keys in document order', () => {
    const { model, project } = imported(readFixture(FIXTURE));
    expect(project).toEqual({
      name: 'Learning platform',
      description:
        'An online course marketplace modelled with ORCA: a realistic medium-size example.',
    });
    expect(Object.keys(model.objects)).toHaveLength(9);
    expect(Object.keys(model.roles)).toHaveLength(3);
    expect(Object.keys(model.relationships)).toHaveLength(16);
    expect(Object.keys(model.attributes)).toHaveLength(34);
    expect(Object.keys(model.ctas)).toHaveLength(17);
    expect(objectsInOrder(model).map((o) => o.name)).toEqual([
      'Course',
      'Lesson',
      'Learner Profile',
      'Enrollment',
      'Instructor Profile',
      'Review',
      'Certificate',
      'Topic',
      'Discussion Post',
    ]);
    expect(rolesInOrder(model).map((r) => r.name)).toEqual([
      'Learner',
      'Instructor',
      'Admin',
    ]);
    const course = objectsInOrder(model)[0];
    expect(course).toMatchObject({
      id: testId('id-1'),
      synonyms: ['Class', 'Program'],
      states: [
        { name: 'Draft', description: '', transitions: [] },
        { name: 'Published', description: '', transitions: [] },
        { name: 'Archived', description: '', transitions: [] },
      ],
      priority: 'now',
      score: 10,
      position: null,
      sip: {
        structure: { answer: null, note: '' },
        instances: { answer: null, note: '' },
        purpose: { answer: null, note: '' },
      },
    });
    const level = Object.values(model.attributes).find(
      (a) => a.name === 'Level',
    );
    expect(level).toMatchObject({
      type: 'list',
      kind: 'metadata',
      required: true,
      listValues: ['Beginner', 'Intermediate', 'Advanced'],
    });
  });

  it('writes the fixture back as it was (up to the order of relationships and CTAs across cells)', () => {
    const fixture = readFixture(FIXTURE) as InterchangeDocument;
    const { model, project } = imported(fixture);
    expect(comparable(toInterchange(model, project))).toEqual(
      comparable(fixture),
    );
  });

  it('returns every problem of a broken document, each at its place in the document', () => {
    const result = fromInterchange(
      {
        format: 'orca-project',
        version: 1,
        project: { name: 'Broken' },
        roles: [
          { key: 'r', name: 'Learner' },
          { key: 'r', name: 'Admin' },
        ],
        objects: [
          { key: 'a', name: 'Course', states: [{ name: 'Draft' }] },
          { key: 'b', name: 'course', colour: 'red' },
          { key: 'c', name: '', score: 11 },
        ],
        relationships: [
          { from: 'a', to: 'zzz', cardinality: 'one-to-many' },
          { from: 'a', to: 'b', cardinality: 'lots' },
          { from: 'a', to: 'b' },
        ],
        attributes: [
          { object: 'a', name: 'Title', type: 'text' },
          { object: 'a', name: 'title', type: 'text' },
          {
            object: 'a',
            name: 'Teacher',
            type: 'reference',
            reference: 'gone',
          },
        ],
        ctas: [
          { role: 'nobody', object: 'a', verb: 'Browse', crud: 'read' },
          {
            role: 'r',
            object: 'a',
            verb: 'Enroll',
            crud: 'join',
            requiredState: 'Open',
          },
        ],
      },
      { generateId: sequentialIds() },
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => `${p.field} ${p.code}`).sort()).toEqual(
      [
        'roles[1].key duplicate_key',
        'objects[1].colour unknown_field',
        'relationships[2].cardinality required',
        'relationships[0].to unknown_key',
        'attributes[2].reference unknown_key',
        'ctas[0].role unknown_key',
        'objects[0].name duplicate_name',
        'objects[1].name duplicate_name',
        'objects[2].name empty',
        'objects[2].score out_of_range',
        'relationships[1].cardinality invalid_value',
        // Rules across items skip an item whose own fields are malformed (relationships[1], ctas[1]).
        'relationships[2].to duplicate_relationship',
        'attributes[0].name duplicate_name',
        'attributes[1].name duplicate_name',
        'ctas[1].crud invalid_value',
      ].sort(),
    );
    expect(
      problems.find((p) => p.field === 'relationships[0].to')?.message,
    ).toBe('No object has the key "zzz".');
  });

  it('refuses what is not an interchange document', () => {
    const problemsOf = (input: unknown) => {
      const result = fromInterchange(input, { generateId: sequentialIds() });
      return result.ok
        ? []
        : result.problems.map((p) => `${p.field} ${p.code}`);
    };
    expect(problemsOf('hello')).toEqual([' invalid_type']);
    expect(problemsOf({ format: 'other', version: 1 })).toEqual([
      'format invalid_format',
    ]);
    expect(problemsOf({ format: 'orca-project', version: 2 })).toEqual([
      'version invalid_format',
    ]);
    expect(
      problemsOf({
        format: 'orca-project',
        version: 1,
        objects: 'many',
        extra: true,
      }),
    ).toEqual(['extra unknown_field', 'objects invalid_type']);
    expect(
      problemsOf({
        format: 'orca-project',
        version: 1,
        objects: [null, { key: 7, name: 'X' }],
      }),
    ).toEqual(['objects[0] invalid_type', 'objects[1].key invalid_type']);
  });

  it('reports an id generator that repeats itself instead of silently merging items', () => {
    const result = fromInterchange(
      {
        format: 'orca-project',
        version: 1,
        objects: [
          { key: 'a', name: 'A' },
          { key: 'b', name: 'B' },
        ],
      },
      { generateId: () => testId('same') },
    );
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual([
      'duplicate_id',
    ]);
  });

  it('trims names and keys of hand-written files', () => {
    const { model } = imported({
      format: 'orca-project',
      version: 1,
      objects: [{ key: ' course ', name: ' Course ', synonyms: [' Class'] }],
      attributes: [{ object: 'course', name: ' Title ', type: 'text' }],
    });
    expect(Object.values(model.objects)[0]).toMatchObject({
      name: 'Course',
      synonyms: ['Class'],
    });
    expect(Object.values(model.attributes)[0]).toMatchObject({
      name: 'Title',
      kind: 'core',
      required: false,
    });
  });
});

describe('toInterchange', () => {
  it('makes readable, unique keys from names and refers to items by them', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    b.object('Course!');
    const profile = b.object('Learner Profile');
    b.object('Élève');
    b.attribute(profile, 'Current course', 'reference', {
      referencedObjectId: course,
    });
    const document = toInterchange(b.build());
    expect(document.objects.map((o) => o.key)).toEqual([
      'course',
      'course-2',
      'learner-profile',
      'eleve',
    ]);
    expect(document.attributes[0]).toMatchObject({
      object: 'learner-profile',
      reference: 'course',
    });
    expect(document).toMatchObject({
      format: 'orca-project',
      version: 1,
      project: { name: '', description: '' },
    });
  });

  it('round-trips any model through JSON: fromInterchange(toInterchange(m)) equals m up to ids (property)', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const json = JSON.parse(
          JSON.stringify(toInterchange(model, { name: 'P', description: '' })),
        );
        const back = imported(json);
        expect(canonical(back.model)).toEqual(canonical(model));
        expect(back.project).toEqual({ name: 'P', description: '' });
      }),
      { numRuns: 120 },
    );
  });
});

import { relationshipBetween } from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import {
  applyValid,
  learningPlatform,
  objectNamed,
} from '../../testing/models';
import { buildNomRows } from './nom-view';

describe('buildNomRows', () => {
  it('keeps every unchanged row as the same object, so only the changed row re-renders', () => {
    const model = learningPlatform();
    const before = buildNomRows(model);
    const course = objectNamed(model, 'Course').id;
    const lesson = objectNamed(model, 'Lesson').id;
    const relationship = relationshipBetween(model, course, lesson);
    const next = applyValid(model, {
      kind: 'relationship.update',
      id: relationship?.id ?? '',
      patch: { label: 'contains' },
    });

    const after = buildNomRows(next, before);

    const changed = after.filter((row, i) => row !== before[i]);
    expect(changed.map((row) => row.object.name)).toEqual(['Course']);
    expect(after[0].cells[1].relationship?.label).toBe('contains');
  });

  it('rebuilds the two rows of a pair whose flags change', () => {
    const model = learningPlatform();
    const before = buildNomRows(model);
    const lesson = objectNamed(model, 'Lesson').id;
    const course = objectNamed(model, 'Course').id;
    const next = applyValid(model, {
      kind: 'relationship.update',
      id: relationshipBetween(model, lesson, course)?.id ?? '',
      patch: { cardinality: 'many-to-many' },
    });

    const after = buildNomRows(next, before);

    expect(
      after.filter((row, i) => row !== before[i]).map((r) => r.object.name),
    ).toEqual(['Course', 'Lesson']);
    expect(after[0].cells[1].flag).toBe('contradiction');
    expect(after[1].cells[0].flag).toBe('contradiction');
  });

  it('never flags the diagonal: a self-relationship is its own mirror', () => {
    const model = learningPlatform();
    const topic = objectNamed(model, 'Topic').id;
    const next = applyValid(model, {
      kind: 'relationship.create',
      relationship: {
        id: testId('self-topic'),
        fromObjectId: topic,
        toObjectId: topic,
        label: 'has subtopics',
        cardinality: 'one-to-many',
        required: false,
        mechanics: '',
        sort: '',
        filter: '',
        dependency: '',
        notes: '',
      },
    });
    const rows = buildNomRows(next);
    const row = rows.find((r) => r.object.id === topic);
    const cell = row?.cells.find((c) => c.toId === topic);
    expect(cell?.diagonal).toBe(true);
    expect(cell?.flag).toBe('none');
    expect(cell?.relationship?.label).toBe('has subtopics');
  });
});

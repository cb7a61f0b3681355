import { checkModel, newObject } from '@orca/shared/domain';
import { sampleModel } from '@orca/web/data-access-workspace/testing';
import { measureOrcaSteps } from './orca-steps';
import { testId } from '@orca/shared/domain/testing';

const measure = (model = sampleModel()) => {
  const steps = measureOrcaSteps(model, checkModel(model));
  return Object.fromEntries(steps.map((step) => [step.number, step]));
};

describe('measureOrcaSteps', () => {
  it('lists the fifteen steps, four rounds in order', () => {
    const steps = measureOrcaSteps(sampleModel(), []);

    expect(steps.map((s) => s.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    expect([...new Set(steps.map((s) => s.round))]).toEqual([
      'discovery',
      'requirements',
      'prioritization',
      'representation',
    ]);
    expect(steps.every((s) => s.doneWhen.length > 0)).toBe(true);
  });

  it('measures each step against the model', () => {
    const steps = measure();

    expect(steps[1].done).toBe(true); // two objects, no collection noun
    expect(steps[2].done).toBe(true); // Course ⇄ Lesson both ways
    expect(steps[3]).toMatchObject({
      done: false,
      progress: { done: 1, total: 2 },
    });
    expect(steps[5]).toMatchObject({
      done: false,
      progress: { done: 0, total: 2 },
    });
    expect(steps[9].done).toBe(true); // both objects phased
    expect(steps[10].done).toBe(false); // Course (Now) nests Lesson (Later)
    expect(steps[15]).toMatchObject({
      done: false,
      progress: { done: 1, total: 2 },
    });
  });

  it('does not call a step done when there is nothing to count', () => {
    const steps = measure({
      objects: {},
      relationships: {},
      roles: {},
      ctas: {},
      attributes: {},
    });

    expect(Object.values(steps).filter((s) => s.done)).toEqual([]);
  });

  it('holds object discovery back while a collection noun is modelled as an object', () => {
    const model = sampleModel({
      objects: [
        newObject({
          id: testId('o-lib'),
          name: 'Course Library',
          orderKey: 'a3',
        }),
      ],
    });

    expect(measure(model)[1].done).toBe(false);
  });
});

import fc from 'fast-check';
import { modelArbitrary } from '../testing/arbitraries';
import { testId } from '../testing/ids';
import { sampleModel } from '../testing/sample-model';
import { checkModel } from './checks';
import { measureCompleteness } from './completeness';
import { newObject } from './model';
import { measureOrcaSteps } from './orca-steps';

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

  it('agrees with completeness: a round at 100 % has its per-item steps done', () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const steps = measure(model);
        const rounds = measureCompleteness(model);
        const objects = Object.keys(model.objects).length > 0;
        // Representation counts exactly what steps 13–15 ask of every object.
        expect(rounds.representation === 100).toBe(
          objects && steps[13].done && steps[14].done && steps[15].done,
        );
        // Prioritization counts what steps 9, 11 and 12 ask, over the items that exist.
        const phased =
          steps[9].done &&
          (steps[11].done || Object.keys(model.ctas).length === 0) &&
          (steps[12].done || Object.keys(model.attributes).length === 0);
        expect(rounds.prioritization === 100).toBe(objects && phased);
      }),
      { numRuns: 200 },
    );
  });
});

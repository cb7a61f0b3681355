import fc from 'fast-check';
import { modelArbitrary } from '../testing/arbitraries';
import { ModelBuilder } from '../testing/model-builder';
import { effectivePriority, filterByPriority, nowOnly } from './filters';
import { validateModel } from './validation';

function phased() {
  const b = new ModelBuilder();
  const learner = b.role('Learner');
  const course = b.object('Course', { priority: 'now' });
  const lesson = b.object('Lesson', { priority: 'now' });
  const post = b.object('Discussion Post', { priority: 'later' });
  const topic = b.object('Topic');
  b.nest(course, lesson);
  b.nest(lesson, post);
  const title = b.attribute(course, 'Title');
  const price = b.attribute(course, 'Price', 'currency', { priority: 'next' });
  const topPost = b.attribute(lesson, 'Top post', 'reference', {
    referencedObjectId: post,
  });
  const enroll = b.cta(learner, course, 'Enroll in', 'other');
  const gift = b.cta(learner, course, 'Gift', 'other', { priority: 'later' });
  const reply = b.cta(learner, post, 'Reply', 'create', { priority: 'now' });
  return {
    model: b.build(),
    ids: {
      learner,
      course,
      lesson,
      post,
      topic,
      title,
      price,
      topPost,
      enroll,
      gift,
      reply,
    },
  };
}

describe('nowOnly', () => {
  it('keeps only what is planned for Now, with unprioritised CTAs and attributes following their object', () => {
    const { model, ids } = phased();
    const now = nowOnly(model);
    expect(Object.keys(now.objects).sort()).toEqual(
      [ids.course, ids.lesson].sort(),
    );
    expect(
      Object.values(now.relationships).map((r) => [
        r.fromObjectId,
        r.toObjectId,
      ]),
    ).toEqual([
      [ids.course, ids.lesson],
      [ids.lesson, ids.course],
    ]);
    expect(Object.keys(now.attributes).sort()).toEqual(
      [ids.title, ids.topPost].sort(),
    );
    expect(Object.keys(now.ctas)).toEqual([ids.enroll]);
    expect(now.roles).toBe(model.roles);
  });

  it('is a view: the model is untouched and the view is a valid model in its own right', () => {
    const { model, ids } = phased();
    const before = JSON.stringify(model);
    const now = nowOnly(model);
    expect(JSON.stringify(model)).toBe(before);
    // A reference to an object outside the view reads as unset in the view only.
    expect(now.attributes[ids.topPost].referencedObjectId).toBeNull();
    expect(model.attributes[ids.topPost].referencedObjectId).toBe(ids.post);
    expect(validateModel(now)).toEqual([]);
  });

  it('filters by any set of phases', () => {
    const { model, ids } = phased();
    const soon = filterByPriority(model, ['now', 'next']);
    expect(Object.keys(soon.attributes).sort()).toEqual(
      [ids.title, ids.price, ids.topPost].sort(),
    );
    expect(Object.keys(filterByPriority(model, []).objects)).toEqual([]);
  });

  it('reads an item’s effective priority', () => {
    const { model, ids } = phased();
    expect(effectivePriority(model, 'attribute', ids.title)).toBe('now');
    expect(effectivePriority(model, 'attribute', ids.price)).toBe('next');
    expect(effectivePriority(model, 'cta', ids.reply)).toBe('now');
    expect(effectivePriority(model, 'object', ids.topic)).toBeNull();
    expect(effectivePriority(model, 'object', 'gone')).toBeNull();
  });

  it('always yields a valid model (property)', () => {
    fc.assert(
      fc.property(
        modelArbitrary,
        fc.subarray(['now', 'next', 'later'] as const),
        (model, phases) => {
          expect(validateModel(filterByPriority(model, phases))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

import { readFixture } from '../testing/fixture';
import { ModelBuilder, sequentialIds } from '../testing/model-builder';
import {
  CARD_ATTRIBUTE_COUNT,
  LIST_SAMPLE_COUNT,
  PREVIEW_WARNING_CODES,
  type CdllPreview,
  type ListControls,
  type SampleInstance,
  cardAttributes,
  cdllPreview,
  cdllPreviews,
  formatSampleDate,
  landingIntro,
  listControls,
  namingAttribute,
  nestedPreviews,
  pluralName,
  previewWarnings,
  queryInstances,
  sampleInstanceName,
  sampleInstances,
  sampleValue,
} from './cdll';
import { nowOnly } from './filters';
import { fromInterchange } from './interchange';
import {
  newObject,
  type AttributeType,
  type Id,
  type ProjectModel,
} from './model';
import { objectGuide } from './object-guide';

function learningPlatform(): ProjectModel {
  const result = fromInterchange(readFixture('learning-platform.orca.json'), {
    generateId: sequentialIds('lp'),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

function previewOf(model: ProjectModel, name: string): CdllPreview {
  const found = cdllPreviews(model).find((p) => p.entry.object.name === name);
  if (!found) throw new Error(`No preview of ${name}`);
  return found;
}

/** What a column of the List reads, top to bottom. */
function column(instances: readonly SampleInstance[], attributeId: Id) {
  return instances.map((i) => i.values[attributeId]?.text);
}

/** A Course with one metadata attribute of each type, and a Topic it refers to. */
function catalogue() {
  const b = new ModelBuilder();
  const learner = b.role('Learner');
  const topic = b.object('Topic', { examples: ['Art', 'Data'] });
  const course = b.object('Course', {
    definition:
      'A structured sequence of **lessons**.\nTaught online.\n\nMore.',
    examples: ['Intro to Watercolor', 'SQL for Analysts'],
  });
  b.cta(learner, topic, 'Browse', 'read');
  b.cta(learner, course, 'Enroll in', 'other', { primary: true });
  const meta = (name: string, type: AttributeType, init = {}) =>
    b.attribute(course, name, type, { kind: 'metadata', ...init });
  const ids = {
    title: b.attribute(course, 'Title', 'text'),
    summary: b.attribute(course, 'Summary', 'text'),
    cover: b.attribute(course, 'Cover', 'image'),
    body: b.attribute(course, 'Body', 'rich-text'),
    level: meta('Level', 'list', {
      listValues: ['Beginner', 'Intermediate', 'Advanced'],
    }),
    price: meta('Price', 'currency'),
    length: meta('Length', 'duration'),
    lessons: meta('Lessons', 'number'),
    published: meta('Published on', 'date'),
    free: meta('Free', 'boolean'),
    topic: meta('Topic', 'reference', { referencedObjectId: topic }),
    code: meta('Course code', 'text'),
    thumbnail: meta('Thumbnail', 'image'),
  };
  return { model: b.build(), course, topic, learner, ids };
}

describe('the Card', () => {
  it('shows the top core attributes by force-rank, never metadata', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    b.attribute(course, 'Level', 'list', { kind: 'metadata' });
    const names = ['Title', 'Summary', 'Cover', 'Teacher', 'Syllabus'];
    for (const name of names) b.attribute(course, name);
    const entry = objectGuide(b.build()).entries[0];
    if (!entry) throw new Error('no entry');

    expect(cardAttributes(entry).map((a) => a.name)).toEqual(
      names.slice(0, CARD_ATTRIBUTE_COUNT),
    );
  });

  it('shows what there is when an object has fewer core attributes', () => {
    const b = new ModelBuilder();
    const course = b.object('Course');
    b.attribute(course, 'Title');
    const entry = objectGuide(b.build()).entries[0];
    if (!entry) throw new Error('no entry');
    expect(cardAttributes(entry).map((a) => a.name)).toEqual(['Title']);
  });
});

describe('sample instances', () => {
  it('are named after the examples, then "Course 3", "Course 4"…', () => {
    const course = newObject({
      id: 'o',
      name: 'Course',
      orderKey: 'a0',
      examples: ['Intro to Watercolor', 'SQL for Analysts'],
    });
    expect([0, 1, 2, 3].map((i) => sampleInstanceName(course, i))).toEqual([
      'Intro to Watercolor',
      'SQL for Analysts',
      'Course 3',
      'Course 4',
    ]);
    expect(sampleInstanceName({ ...course, examples: [] }, 0)).toBe('Course 1');
  });

  it('hold a value for every core and metadata attribute', () => {
    const { model, ids } = catalogue();
    const preview = previewOf(model, 'Course');
    expect(preview.instances).toHaveLength(LIST_SAMPLE_COUNT);
    for (const instance of preview.instances)
      expect(Object.keys(instance.values).sort()).toEqual(
        Object.values(ids).sort(),
      );
    expect(preview.instances.map((i) => i.name)).toEqual([
      'Intro to Watercolor',
      'SQL for Analysts',
      'Course 3',
      'Course 4',
      'Course 5',
      'Course 6',
    ]);
  });

  it('are the same every time: the export and every browser show the same samples', () => {
    const { model } = catalogue();
    expect(cdllPreviews(model)).toEqual(cdllPreviews(model));
  });
});

describe('sample values', () => {
  const { model, ids, course } = catalogue();
  const guide = objectGuide(model);
  const entry = guide.entryOf(course);
  const attribute = (id: Id) => {
    const found = [...(entry?.core ?? []), ...(entry?.metadata ?? [])].find(
      (a) => a.id === id,
    );
    if (!found) throw new Error(`No attribute ${id}`);
    return found;
  };
  const texts = (id: Id, count = LIST_SAMPLE_COUNT) =>
    Array.from(
      { length: count },
      (_, i) => sampleValue(attribute(id), i, guide).text,
    );

  it('use the instance name for a name or title', () => {
    expect(texts(ids.title, 3)).toEqual([
      'Intro to Watercolor',
      'SQL for Analysts',
      'Course 3',
    ]);
  });

  it('tell which core attribute names the instance', () => {
    expect(entry && namingAttribute(entry)?.id).toBe(ids.title);
    const b = new ModelBuilder();
    const o = b.object('Review');
    b.attribute(o, 'Text');
    b.attribute(o, 'Author name', 'reference');
    const g = objectGuide(b.build());
    const review = g.entryOf(o);
    expect(review && namingAttribute(review)).toBeUndefined();
  });

  it('say what other text is about, per instance', () => {
    expect(texts(ids.summary, 2)).toEqual([
      'Summary of Intro to Watercolor',
      'Summary of SQL for Analysts',
    ]);
    expect(texts(ids.body, 1)).toEqual([
      'A few formatted paragraphs about Intro to Watercolor…',
    ]);
    expect(texts(ids.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^#1\d{3}$/)]),
    );
    expect(new Set(texts(ids.code)).size).toBe(LIST_SAMPLE_COUNT);
  });

  it('walk through every value of a list, so each filter option finds something', () => {
    const values = texts(ids.level);
    expect(new Set(values)).toEqual(
      new Set(['Beginner', 'Intermediate', 'Advanced']),
    );
    for (const level of ['Beginner', 'Intermediate', 'Advanced'])
      expect(values.filter((v) => v === level)).toHaveLength(2);
  });

  it('name a list value even when the list has none yet', () => {
    const b = new ModelBuilder();
    const o = b.object('Course');
    const level = b.attribute(o, 'Level', 'list', { kind: 'metadata' });
    const g = objectGuide(b.build());
    const a = g.entryOf(o)?.metadata.find((x) => x.id === level);
    if (!a) throw new Error('no attribute');
    expect(sampleValue(a, 0, g).text).toMatch(/^Option [1-3]$/);
  });

  it('format numbers, prices, durations, dates and yes/no the way people read them', () => {
    for (const text of texts(ids.price)) expect(text).toMatch(/^€ \d+\.\d{2}$/);
    for (const text of texts(ids.length))
      expect(text).toMatch(/^(\d+ min|\d+ h( \d+ min)?)$/);
    for (const text of texts(ids.lessons)) expect(text).toMatch(/^\d+$/);
    for (const text of texts(ids.published))
      expect(text).toMatch(
        /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d$/,
      );
    expect(new Set(texts(ids.free))).toEqual(new Set(['Yes', 'No']));
    expect(texts(ids.cover)).toEqual(Array(LIST_SAMPLE_COUNT).fill(''));
  });

  it('vary across instances, so sorting reorders the list', () => {
    for (const id of [ids.price, ids.length, ids.lessons, ids.published])
      expect(new Set(texts(id)).size).toBe(LIST_SAMPLE_COUNT);
  });

  it('differ between two attributes of one type', () => {
    const b = new ModelBuilder();
    const o = b.object('Course');
    const first = b.attribute(o, 'Duration (hours)', 'number', {
      kind: 'metadata',
    });
    const second = b.attribute(o, 'Price', 'number', { kind: 'metadata' });
    const g = objectGuide(b.build());
    const read = (id: Id) =>
      Array.from({ length: LIST_SAMPLE_COUNT }, (_, i) => {
        const a = g.entryOf(o)?.metadata.find((x) => x.id === id);
        if (!a) throw new Error('no attribute');
        return sampleValue(a, i, g).text;
      });
    expect(read(first)).not.toEqual(read(second));
  });

  it('stay plausible for percentages, ratings, stars and positions', () => {
    const b = new ModelBuilder();
    const o = b.object('Enrollment');
    const progress = b.attribute(o, 'Progress (%)', 'number');
    const rating = b.attribute(o, 'Average rating', 'number');
    const stars = b.attribute(o, 'Stars', 'number');
    const position = b.attribute(o, 'Position', 'number');
    const g = objectGuide(b.build());
    const read = (id: Id) =>
      Array.from({ length: LIST_SAMPLE_COUNT }, (_, i) => {
        const a = g.entryOf(o)?.core.find((x) => x.id === id);
        if (!a) throw new Error('no attribute');
        return Number(sampleValue(a, i, g).sortKey);
      });
    for (const v of read(progress)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of read(progress)) expect(v).toBeLessThanOrEqual(100);
    for (const v of read(rating)) expect(v).toBeGreaterThanOrEqual(1);
    for (const v of read(rating)) expect(v).toBeLessThanOrEqual(5);
    for (const v of read(stars)) expect([1, 2, 3, 4, 5]).toContain(v);
    expect(read(position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("name the referred object's examples for a reference", () => {
    expect(new Set(texts(ids.topic))).toEqual(new Set(['Art', 'Data']));
  });

  it('say "Linked item" for a reference to nothing, or to an object the view hides', () => {
    const b = new ModelBuilder();
    const course = b.object('Course', { priority: 'now' });
    const later = b.object('Certificate', { priority: 'later' });
    b.attribute(course, 'Certificate', 'reference', {
      referencedObjectId: later,
    });
    b.attribute(course, 'Owner', 'reference');
    const now = nowOnly(b.build());
    const g = objectGuide(now);
    const entry = g.entryOf(course);
    expect(entry?.core.map((a) => sampleValue(a, 0, g).text)).toEqual([
      'Linked item',
      'Linked item',
    ]);
  });

  it('make web addresses and e-mail addresses from the instance name', () => {
    const b = new ModelBuilder();
    const o = b.object('Course', { examples: ['Intro to Watercolor'] });
    b.attribute(o, 'Website', 'url');
    b.attribute(o, 'Contact', 'email');
    const g = objectGuide(b.build());
    expect(g.entryOf(o)?.core.map((a) => sampleValue(a, 0, g).text)).toEqual([
      'www.example.org/intro-to-watercolor',
      'intro-to-watercolor@example.org',
    ]);
  });

  it('write dates as "12 March 2025", the same in every time zone', () => {
    expect(formatSampleDate(Date.UTC(2025, 2, 12) / 86_400_000)).toBe(
      '12 March 2025',
    );
  });
});

describe('the List controls', () => {
  const { model, ids } = catalogue();
  const preview = previewOf(model, 'Course');
  const { controls, instances } = preview;
  const sortIds = controls.sorts.map((s) => s.id);
  const filterOf = (id: Id) =>
    controls.filters.find((f) => f.attribute.id === id);

  it('sort by metadata only, in force-rank order, two directions each', () => {
    expect(controls.sorts.map((s) => s.label)).toEqual([
      'Level: Beginner first',
      'Level: Advanced first',
      'Price: low to high',
      'Price: high to low',
      'Length: low to high',
      'Length: high to low',
      'Lessons: low to high',
      'Lessons: high to low',
      'Published on: newest first',
      'Published on: oldest first',
      'Topic: A to Z',
      'Topic: Z to A',
      'Course code: A to Z',
      'Course code: Z to A',
    ]);
    // Core content, yes/no and pictures are not sorted by.
    for (const id of [ids.title, ids.free, ids.thumbnail])
      expect(sortIds.some((s) => s.startsWith(`${id}:`))).toBe(false);
  });

  it('filter by list values, yes/no, the referred items, bands of numbers and months', () => {
    expect(controls.filters.map((f) => f.attribute.name)).toEqual([
      'Level',
      'Price',
      'Length',
      'Lessons',
      'Published on',
      'Free',
      'Topic',
    ]);
    expect(filterOf(ids.level)?.options.map((o) => o.label)).toEqual([
      'Beginner',
      'Intermediate',
      'Advanced',
    ]);
    expect(filterOf(ids.free)?.options.map((o) => o.label)).toEqual([
      'Yes',
      'No',
    ]);
    expect(new Set(filterOf(ids.topic)?.options.map((o) => o.label))).toEqual(
      new Set(['Art', 'Data']),
    );
    expect(filterOf(ids.price)?.options.map((o) => o.label)).toEqual([
      expect.stringMatching(/^Under € \d+\.\d\d$/),
      expect.stringMatching(/^€ \d+\.\d\d to under € \d+\.\d\d$/),
      expect.stringMatching(/^€ \d+\.\d\d or more$/),
    ]);
    const months = filterOf(ids.published)?.options.map((o) => o.label) ?? [];
    expect(months.length).toBeGreaterThan(1);
    for (const month of months) expect(month).toMatch(/^[A-Z][a-z]+ 20\d\d$/);
  });

  it('offer no filter for text, and none for a list without values', () => {
    const b = new ModelBuilder();
    const o = b.object('Course');
    b.attribute(o, 'Subtitle', 'text', { kind: 'metadata' });
    b.attribute(o, 'Level', 'list', { kind: 'metadata' });
    const p = cdllPreviews(b.build())[0];
    expect(p?.controls.filters).toEqual([]);
    expect(p?.controls.sorts.map((s) => s.label)).toEqual([
      'Subtitle: A to Z',
      'Subtitle: Z to A',
    ]);
  });

  it('have nothing to offer when the object has no metadata', () => {
    const b = new ModelBuilder();
    const o = b.object('Topic');
    b.attribute(o, 'Name');
    expect(cdllPreviews(b.build())[0]?.controls).toEqual({
      sorts: [],
      filters: [],
    });
  });

  it('give every instance exactly one band of a number filter, and one month of a date filter', () => {
    for (const id of [ids.price, ids.length, ids.lessons, ids.published]) {
      const options = filterOf(id)?.options ?? [];
      const shown = options.map(
        (option) =>
          queryInstances(instances, controls, { filters: { [id]: option.id } })
            .length,
      );
      expect(shown.every((n) => n > 0)).toBe(true);
      expect(shown.reduce((a, b) => a + b, 0)).toBe(instances.length);
    }
  });

  it('group few distinct numbers by value', () => {
    const b = new ModelBuilder();
    const o = b.object('Review');
    b.attribute(o, 'Stars', 'number', { kind: 'metadata' });
    const p = cdllPreviews(b.build())[0];
    const labels = p?.controls.filters[0]?.options.map((x) => x.label);
    expect(labels?.every((l) => /^[1-5]$/.test(l))).toBe(true);
    const sum = (p?.controls.filters[0]?.options ?? [])
      .map(
        (x) =>
          queryInstances(p?.instances ?? [], p?.controls as ListControls, {
            filters: { [p?.controls.filters[0]?.attribute.id ?? '']: x.id },
          }).length,
      )
      .reduce((a, c) => a + c, 0);
    expect(sum).toBe(LIST_SAMPLE_COUNT);
  });
});

describe('queryInstances', () => {
  const { model, ids } = catalogue();
  const { controls, instances } = previewOf(model, 'Course');
  const optionId = (attributeId: Id, label: string) => {
    const found = controls.filters
      .find((f) => f.attribute.id === attributeId)
      ?.options.find((o) => o.label === label);
    if (!found) throw new Error(`No option ${label}`);
    return found.id;
  };

  it('shows every instance in sample order when nothing is picked', () => {
    expect(queryInstances(instances, controls, {})).toEqual(instances);
  });

  it('keeps only the instances a filter option matches', () => {
    const shown = queryInstances(instances, controls, {
      filters: { [ids.level]: optionId(ids.level, 'Advanced') },
    });
    expect(shown).toHaveLength(2);
    expect(column(shown, ids.level)).toEqual(['Advanced', 'Advanced']);
  });

  it('combines filters: every one must match', () => {
    const level = optionId(ids.level, 'Beginner');
    const free = optionId(ids.free, 'Yes');
    const shown = queryInstances(instances, controls, {
      filters: { [ids.level]: level, [ids.free]: free },
    });
    expect(shown).toEqual(
      instances.filter(
        (i) =>
          i.values[ids.level]?.text === 'Beginner' &&
          i.values[ids.free]?.text === 'Yes',
      ),
    );
    expect(shown.length).toBeLessThan(
      queryInstances(instances, controls, { filters: { [ids.level]: level } })
        .length,
    );
  });

  it('sorts numbers as numbers, both ways, and changes what comes first', () => {
    const price = (query: string) =>
      queryInstances(instances, controls, { sort: query }).map(
        (i) => i.values[ids.price]?.sortKey as number,
      );
    const up = price(`${ids.price}:ascending`);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(price(`${ids.price}:descending`)).toEqual([...up].reverse());
    expect(
      queryInstances(instances, controls, { sort: `${ids.price}:ascending` })[0]
        ?.name,
    ).not.toBe(instances[0]?.name);
  });

  it('sorts dates newest first, and list values in their order', () => {
    const days = queryInstances(instances, controls, {
      sort: `${ids.published}:descending`,
    }).map((i) => i.values[ids.published]?.sortKey as number);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(
      column(
        queryInstances(instances, controls, {
          sort: `${ids.level}:ascending`,
        }),
        ids.level,
      ),
    ).toEqual([
      'Beginner',
      'Beginner',
      'Intermediate',
      'Intermediate',
      'Advanced',
      'Advanced',
    ]);
  });

  it('sorts text A to Z', () => {
    const codes = column(
      queryInstances(instances, controls, { sort: `${ids.code}:ascending` }),
      ids.code,
    );
    expect(codes).toEqual([...codes].sort());
  });

  it('keeps the sample order among equal values', () => {
    const shown = queryInstances(instances, controls, {
      sort: `${ids.level}:ascending`,
    });
    const beginners = shown.filter(
      (i) => i.values[ids.level]?.text === 'Beginner',
    );
    expect(beginners.map((i) => i.index)).toEqual(
      [...beginners.map((i) => i.index)].sort((a, b) => a - b),
    );
  });

  it('ignores choices the controls no longer offer (an attribute deleted meanwhile)', () => {
    expect(
      queryInstances(instances, controls, {
        sort: 'gone:ascending',
        filters: { gone: '0', [ids.level]: '99' },
      }),
    ).toEqual(instances);
  });

  it('filters on top of a sort', () => {
    const shown = queryInstances(instances, controls, {
      sort: `${ids.price}:descending`,
      filters: { [ids.free]: optionId(ids.free, 'No') },
    });
    expect(shown.every((i) => i.values[ids.free]?.text === 'No')).toBe(true);
    const prices = shown.map((i) => i.values[ids.price]?.sortKey as number);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });
});

describe('preview warnings', () => {
  const codes = (model: ProjectModel, name: string) =>
    previewOf(model, name).warnings.map((w) => w.code);

  it('are none for an object ready for its previews', () => {
    const { model } = catalogue();
    expect(codes(model, 'Course')).toEqual([]);
  });

  it('name every gap of an empty object, each pointing at its fix', () => {
    const b = new ModelBuilder();
    const quiz = b.object('Quiz');
    const warnings = previewOf(b.build(), 'Quiz').warnings;
    expect(warnings.map((w) => [w.code, w.target, w.field, w.parts])).toEqual([
      [
        'no-core-content',
        { itemKind: 'object', id: quiz },
        'attributes',
        ['card', 'detail'],
      ],
      ['no-metadata', { itemKind: 'object', id: quiz }, 'attributes', ['list']],
      [
        'no-primary-cta',
        { itemKind: 'object', id: quiz },
        'ctas',
        ['card', 'detail'],
      ],
      [
        'no-definition',
        { itemKind: 'object', id: quiz },
        'definition',
        ['landing'],
      ],
      [
        'no-examples',
        { itemKind: 'object', id: quiz },
        'examples',
        ['card', 'detail', 'list', 'landing'],
      ],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'No core content: the card and the detail show nothing but a name. Add what a Quiz holds as core attributes.',
      'No metadata: the list of Quizzes cannot be sorted or filtered. Add the attributes people sort and filter Quizzes by.',
      'No primary CTA: the detail has no main action. Mark what people mostly do to a Quiz as primary.',
      'No definition: the landing cannot say what a Quiz is. Write the definition.',
      'No examples: the previews make up names (Quiz 1, Quiz 2…). Name a few real Quizzes.',
    ]);
    expect(warnings.find((w) => w.code === 'no-examples')?.severity).toBe(
      'info',
    );
  });

  it('point at the list attribute whose filter has no values', () => {
    const b = new ModelBuilder();
    const o = b.object('Course');
    const level = b.attribute(o, 'Level', 'list', { kind: 'metadata' });
    const warning = previewOf(b.build(), 'Course').warnings.find(
      (w) => w.code === 'filter-without-options',
    );
    expect(warning).toMatchObject({
      target: { itemKind: 'attribute', id: level },
      field: null,
      parts: ['list'],
      message:
        'Level is a list with no values: its filter has nothing to offer. Give it its values.',
    });
  });

  it('point at a nested object nobody has a CTA on, at its CTAs', () => {
    const b = new ModelBuilder();
    const learner = b.role('Learner');
    const course = b.object('Course');
    const lesson = b.object('Lesson');
    const teacher = b.object('Teacher');
    b.relationship(course, lesson, 'one-to-many');
    b.relationship(course, teacher, 'many-to-one');
    b.cta(learner, lesson, 'Complete', 'update');
    const model = b.build();
    const nested = previewOf(model, 'Course').warnings.filter(
      (w) => w.code === 'nested-unreachable',
    );
    expect(nested).toEqual([
      {
        code: 'nested-unreachable',
        severity: 'warning',
        parts: ['detail'],
        message:
          'Teacher is listed on the detail, but no role has a CTA on it: nobody can open or act on what the list shows.',
        target: { itemKind: 'object', id: teacher },
        field: 'ctas',
      },
    ]);
    expect(
      previewOf(model, 'Course').nested.map((n) => [
        n.object.name,
        n.reachable,
      ]),
    ).toEqual([
      ['Lesson', true],
      ['Teacher', false],
    ]);
  });

  it('have a stable code each, listed once', () => {
    expect(new Set(PREVIEW_WARNING_CODES).size).toBe(
      PREVIEW_WARNING_CODES.length,
    );
  });

  it('read the learning platform as a practitioner would', () => {
    const model = learningPlatform();
    // Topic holds only core content: its list cannot sort or filter.
    expect(codes(model, 'Topic')).toContain('no-metadata');
    // Nobody has a CTA on Instructor Profile, yet a Course lists its instructor.
    expect(previewOf(model, 'Course').warnings.map((w) => w.message)).toContain(
      'Instructor Profile is listed on the detail, but no role has a CTA on it: nobody can open or act on what the list shows.',
    );
    expect(codes(model, 'Course')).not.toContain('no-primary-cta');
    expect(codes(model, 'Enrollment')).toContain('no-primary-cta');
  });

  it('follow the view: Now only drops what is planned later, warnings included', () => {
    const model = learningPlatform();
    const now = cdllPreviews(nowOnly(model));
    expect(now.map((p) => p.entry.object.name)).toEqual([
      'Course',
      'Lesson',
      'Learner Profile',
      'Enrollment',
      'Topic',
    ]);
    const course = now.find((p) => p.entry.object.name === 'Course');
    expect(course?.nested.map((n) => n.object.name)).not.toContain(
      'Instructor Profile',
    );
    expect(course?.warnings.map((w) => w.code)).not.toContain(
      'nested-unreachable',
    );
  });
});

describe('the Detail and the Landing', () => {
  it('list nested objects: several for "many", one otherwise, named after their examples', () => {
    const model = learningPlatform();
    const guide = objectGuide(model);
    const course = guide.entries.find((e) => e.object.name === 'Course');
    if (!course) throw new Error('no Course');
    const nested = nestedPreviews(course, guide);
    const lessons = nested.find((n) => n.object.name === 'Lesson');
    expect(lessons).toMatchObject({
      many: true,
      samples: ['Mixing colours', 'JOINs', 'Lesson 3'],
    });
    const instructor = nested.find(
      (n) => n.object.name === 'Instructor Profile',
    );
    expect(instructor).toMatchObject({ many: false, samples: ['Prof. Lee'] });
  });

  it("show every role's primary CTAs as the Detail's buttons, the rest quieter, and a create CTA on the Landing", () => {
    const model = learningPlatform();
    const course = previewOf(model, 'Course');
    expect(
      course.primaryActions.map((a) => `${a.roleName}: ${a.cta.verb}`),
    ).toEqual(['Learner: Enroll in', 'Instructor: Publish']);
    expect(course.secondaryActions.map((a) => a.cta.verb)).toEqual([
      'Browse',
      'Archive',
    ]);
    // Create makes a new Course: the List's and the Landing's button, not an instance's.
    expect(course.createAction?.cta.verb).toBe('Create');
    expect(previewOf(model, 'Enrollment').createAction).toBeNull();
    // A non-primary create CTA still acts from the Detail ("Reply to" a Review).
    const review = previewOf(model, 'Review');
    expect(review.primaryActions.map((a) => a.cta.verb)).toEqual(['Hide']);
    expect(review.secondaryActions.map((a) => a.cta.verb)).toEqual([
      'Reply to',
    ]);
    expect(review.createAction?.cta.verb).toBe('Write');
  });

  it('say the detail has no main action when the only primary CTA creates', () => {
    const model = learningPlatform();
    const topic = previewOf(model, 'Topic');
    expect(topic.primaryActions).toEqual([]);
    expect(topic.createAction?.cta.verb).toBe('Create');
    expect(
      topic.warnings.find((w) => w.code === 'no-primary-cta')?.message,
    ).toBe(
      'No primary CTA acts on a Topic itself: the detail has no main action (Create makes a new one, on the list and the landing). Mark what people mostly do to a Topic as primary.',
    );
  });

  it('prefer a primary create CTA for the List and the Landing', () => {
    const b = new ModelBuilder();
    const learner = b.role('Learner');
    const course = b.object('Course');
    b.cta(learner, course, 'Import', 'create');
    b.cta(learner, course, 'Start', 'create', { primary: true });
    expect(previewOf(b.build(), 'Course').createAction?.cta.verb).toBe('Start');
  });

  it('open the Landing with the first paragraph of the definition', () => {
    const { model, course } = catalogue();
    const object = model.objects[course];
    if (!object) throw new Error('no Course');
    expect(landingIntro(object)).toBe(
      'A structured sequence of **lessons**. Taught online.',
    );
    expect(landingIntro({ ...object, definition: '  ' })).toBe('');
    expect(previewOf(model, 'Course').intro).toBe(landingIntro(object));
  });

  it('head the List and the Landing with the plural', () => {
    expect(previewOf(learningPlatform(), 'Discussion Post').plural).toBe(
      'Discussion Posts',
    );
  });
});

describe('pluralName', () => {
  it.each([
    ['Course', 'Courses'],
    ['Discussion Post', 'Discussion Posts'],
    ['Category', 'Categories'],
    ['Day', 'Days'],
    ['Class', 'Classes'],
    ['Box', 'Boxes'],
    ['Branch', 'Branches'],
    ['Person', 'People'],
    ['child', 'children'],
    ['Learner Profile', 'Learner Profiles'],
    ['  Quiz ', 'Quizzes'],
  ])('%s → %s', (name, plural) => {
    expect(pluralName(name)).toBe(plural);
  });
});

describe('cdllPreview', () => {
  it('is one reading of one guide entry, the same as cdllPreviews gives', () => {
    const model = learningPlatform();
    const guide = objectGuide(model);
    const entry = guide.entries[0];
    if (!entry) throw new Error('no entry');
    expect(cdllPreview(entry, guide)).toEqual(cdllPreviews(model)[0]);
    expect(previewWarnings(entry, guide)).toEqual(
      cdllPreviews(model)[0]?.warnings,
    );
    expect(sampleInstances(entry, guide, 2)).toEqual(
      cdllPreviews(model)[0]?.instances.slice(0, 2),
    );
    expect(
      listControls(entry, cdllPreviews(model)[0]?.instances ?? []),
    ).toEqual(cdllPreviews(model)[0]?.controls);
  });

  it('is empty for an empty model', () => {
    expect(
      cdllPreviews({
        objects: {},
        relationships: {},
        roles: {},
        ctas: {},
        attributes: {},
      }),
    ).toEqual([]);
  });
});

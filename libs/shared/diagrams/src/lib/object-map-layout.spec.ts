import {
  nowOnly,
  objectGuide,
  objectsInOrder,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  awkwardModel,
  learningPlatform,
  learningPlatformDocument,
  modelFrom,
  objectId,
  reinserted,
} from '../testing/models';
import { overlaps } from './geometry';
import {
  MAP_NOTE_KINDS,
  OBJECT_MAP_METRICS,
  objectMapLayout,
  type MapNote,
} from './object-map-layout';
import { textWidth } from './text';

const kindRank = (note: MapNote) => MAP_NOTE_KINDS.indexOf(note.kind);

describe('objectMapLayout', () => {
  let model: ProjectModel;
  beforeAll(() => {
    model = learningPlatform();
  });

  it('draws a column per object, in the order of the model, left to right', () => {
    const layout = objectMapLayout(model);
    expect(layout.columns.map((c) => c.name)).toEqual(
      objectsInOrder(model).map((o) => o.name),
    );
    layout.columns.slice(1).forEach((column, i) => {
      const before = layout.columns[i];
      expect(column.x).toBeGreaterThan((before?.x ?? 0) + (before?.width ?? 0));
    });
  });

  it("stacks each object's notes as the Object Guide reads: object, core content, metadata, nested objects, then CTAs as “Role: verb”", () => {
    const layout = objectMapLayout(model);
    objectGuide(model).entries.forEach((entry, i) => {
      const notes = layout.columns[i]?.notes ?? [];
      const texts = (kind: MapNote['kind']) =>
        notes.filter((n) => n.kind === kind).map((n) => n.text);
      expect(texts('object')).toEqual([entry.object.name]);
      expect(texts('core')).toEqual(entry.core.map((a) => a.name));
      expect(texts('metadata')).toEqual(entry.metadata.map((a) => a.name));
      expect(texts('nested')).toEqual(entry.nested.map((n) => n.object.name));
      expect(texts('cta')).toEqual(
        entry.ctasByRole.flatMap((g) =>
          g.ctas.map((cta) => `${g.role.name}: ${cta.verb}`),
        ),
      );
      expect(notes.filter((n) => n.primary).map((n) => n.ref.id)).toEqual(
        entry.primaryCtas.map((cta) => cta.id),
      );
      // Kinds never interleave, and each note sits below the one before.
      expect(notes.map(kindRank)).toEqual([...notes.map(kindRank)].sort());
      notes.slice(1).forEach((note, j) => {
        const above = notes[j] as MapNote;
        expect(note.y).toBeGreaterThanOrEqual(above.y + above.height + 6);
      });
    });
  });

  it('the Course column of the fixture, as a practitioner would read it off the wall', () => {
    const course = objectMapLayout(model).columns[0];
    expect(course?.notes.map((n) => `${n.kind}: ${n.text}`)).toEqual([
      'object: Course',
      'core: Title',
      'core: Summary',
      'core: Cover image',
      'metadata: Level',
      'metadata: Duration (hours)',
      'metadata: Price',
      'metadata: Published on',
      'metadata: Average rating',
      'nested: Lesson',
      'nested: Enrollment',
      'nested: Instructor Profile',
      'nested: Review',
      'nested: Topic',
      'cta: Learner: Enroll in',
      'cta: Learner: Browse',
      'cta: Instructor: Create',
      'cta: Instructor: Publish',
      'cta: Admin: Archive',
    ]);
  });

  it('says what each note stands for, so the app can link it', () => {
    const layout = objectMapLayout(model);
    const lesson = layout.columns.find((c) => c.name === 'Lesson');
    const [objectNote] = lesson?.notes ?? [];
    expect(objectNote?.ref).toEqual({
      itemKind: 'object',
      id: objectId(model, 'Lesson'),
    });
    const nested = lesson?.notes.find((n) => n.kind === 'nested');
    expect(nested?.ref.itemKind).toBe('relationship');
    expect(model.relationships[nested?.ref.id ?? '']?.toObjectId).toBe(
      nested?.targetObjectId,
    );
    expect(nested?.targetObjectId).toBe(objectId(model, 'Course'));
    for (const note of lesson?.notes ?? []) {
      expect(note.objectId).toBe(objectId(model, 'Lesson'));
      if (note.kind === 'core' || note.kind === 'metadata')
        expect(model.attributes[note.ref.id]?.name).toBe(note.text);
      if (note.kind === 'cta') expect(model.ctas[note.ref.id]).toBeDefined();
    }
    const keys = layout.columns.flatMap((c) => c.notes.map((n) => n.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps every note inside its column and the bounds, and no two notes overlap', () => {
    const layout = objectMapLayout(model);
    const notes = layout.columns.flatMap((c) => c.notes);
    for (const column of layout.columns)
      for (const note of column.notes) {
        expect(note.x).toBe(column.x);
        expect(note.width).toBe(OBJECT_MAP_METRICS.columnWidth);
        expect(note.y + note.height).toBeLessThanOrEqual(layout.bounds.height);
        expect(note.x + note.width).toBeLessThanOrEqual(layout.bounds.width);
      }
    for (let i = 0; i < notes.length; i++)
      for (let j = i + 1; j < notes.length; j++)
        expect(overlaps(notes[i] as MapNote, notes[j] as MapNote)).toBe(false);
  });

  it('wraps long texts inside the note, which grows to hold every line', () => {
    const layout = objectMapLayout(awkwardModel());
    const long = layout.columns
      .flatMap((c) => c.notes)
      .find((n) => n.text.startsWith('Ünïcödé'));
    expect(long?.lines.length).toBeGreaterThan(2);
    expect(long?.lines.map((l) => l.text).join(' ')).toBe(long?.text);
    const { padX, padY, lineHeight } = OBJECT_MAP_METRICS.object;
    for (const line of long?.lines ?? []) {
      expect(
        textWidth(line.text, { fontSize: 15, bold: true }),
      ).toBeLessThanOrEqual((long?.width ?? 0) - 2 * padX);
      expect(line.y).toBeLessThan((long?.y ?? 0) + (long?.height ?? 0));
    }
    expect(long?.height).toBe(
      2 * padY + (long?.lines.length ?? 0) * lineHeight,
    );
  });

  it('leaves room for the star of a primary CTA', () => {
    const document = learningPlatformDocument();
    const verb =
      'Enroll in the course with a voucher from the employer benefits portal';
    const edited = modelFrom({
      ...document,
      ctas: [
        { ...document.ctas?.[0], verb, primary: true },
        ...(document.ctas ?? []).slice(1),
      ],
    });
    const note = objectMapLayout(edited)
      .columns.flatMap((c) => c.notes)
      .find((n) => n.text.endsWith(verb));
    expect(note?.primary).toBe(true);
    expect(note?.bold).toBe(true);
    for (const line of note?.lines ?? [])
      expect(
        textWidth(line.text, { fontSize: 13, bold: true }),
      ).toBeLessThanOrEqual(
        (note?.width ?? 0) -
          2 * OBJECT_MAP_METRICS.note.padX -
          OBJECT_MAP_METRICS.starRoom,
      );
  });

  it('draws only the Now release when given the Now view', () => {
    const now = nowOnly(model);
    const layout = objectMapLayout(now);
    expect(layout.columns.map((c) => c.name)).toEqual(
      objectsInOrder(now).map((o) => o.name),
    );
    expect(layout.columns.map((c) => c.name)).not.toContain('Certificate');
    const texts = layout.columns.flatMap((c) => c.notes.map((n) => n.text));
    // Discussion Post is Later: no column, and no longer nested in Lesson.
    expect(texts).not.toContain('Discussion Post');
    expect(layout.columns.length).toBeLessThan(objectsInOrder(model).length);
  });

  it('is the same for the same model, whatever order its records were built in', () => {
    expect(objectMapLayout(model)).toEqual(objectMapLayout(model));
    expect(objectMapLayout(reinserted(model))).toEqual(objectMapLayout(model));
  });

  it('is empty for a model without objects', () => {
    const layout = objectMapLayout({
      objects: {},
      relationships: {},
      roles: {},
      ctas: {},
      attributes: {},
    });
    expect(layout.columns).toEqual([]);
    expect(layout.bounds).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

/**
 * The Object Map laid out: one column per object in model order, each a stack of sticky notes —
 * the object, its core content, its metadata, the objects it nests, and the CTAs on it ("Role:
 * verb", primary ones marked) — read from the domain's Object Guide. The app draws it in a
 * template and the exports as SVG, from the same boxes and lines.
 */
import {
  objectGuide,
  type GuideEntry,
  type Id,
  type ItemRef,
  type ProjectModel,
} from '@orca/shared/domain';
import type { Box, TextLine } from './geometry';
import { starPoints } from './svg';
import { wrapText, type TextStyle } from './text';

export const MAP_NOTE_KINDS = [
  'object',
  'core',
  'metadata',
  'nested',
  'cta',
] as const;
export type MapNoteKind = (typeof MAP_NOTE_KINDS)[number];

export interface MapNote extends Box {
  /** Unique in the map: `<kind>:<item id>` (a nested note by its relationship). */
  readonly key: string;
  readonly kind: MapNoteKind;
  /** The whole text; `lines` is it wrapped to the note's width. */
  readonly text: string;
  /** Baselines of the wrapped text, left-aligned at `x`. */
  readonly lines: readonly TextLine[];
  readonly fontSize: number;
  readonly bold: boolean;
  /** What the note stands for: the object, an attribute, a relationship or a CTA. */
  readonly ref: ItemRef;
  /** The object of the note's column. */
  readonly objectId: Id;
  /** The object a click on the note leads to: the nested object for a nested note. */
  readonly targetObjectId: Id;
  /** A primary CTA (drawn bold, with a star). */
  readonly primary: boolean;
}

export interface MapColumn extends Box {
  readonly objectId: Id;
  readonly name: string;
  readonly notes: readonly MapNote[];
}

export interface ObjectMapLayout {
  readonly columns: readonly MapColumn[];
  /** From (0, 0): the width and height the columns take. */
  readonly bounds: Box;
}

export const OBJECT_MAP_METRICS = {
  columnWidth: 200,
  columnGap: 24,
  noteGap: 6,
  /** Extra space where one kind of note gives way to the next. */
  sectionGap: 10,
  object: { fontSize: 15, bold: true, lineHeight: 19, padX: 10, padY: 9 },
  note: { fontSize: 13, bold: false, lineHeight: 17, padX: 9, padY: 7 },
  /** Room kept at the right of a primary CTA for its star. */
  starRoom: 16,
} as const;

interface NoteSpec {
  readonly kind: MapNoteKind;
  readonly text: string;
  readonly ref: ItemRef;
  readonly targetObjectId: Id;
  readonly primary: boolean;
}

function notesOf(entry: GuideEntry): NoteSpec[] {
  const objectId = entry.object.id;
  const attribute =
    (kind: 'core' | 'metadata') => (a: { id: Id; name: string }) => ({
      kind,
      text: a.name,
      ref: { itemKind: 'attribute', id: a.id } as const,
      targetObjectId: objectId,
      primary: false,
    });
  return [
    {
      kind: 'object',
      text: entry.object.name,
      ref: { itemKind: 'object', id: objectId },
      targetObjectId: objectId,
      primary: false,
    },
    ...entry.core.map(attribute('core')),
    ...entry.metadata.map(attribute('metadata')),
    ...entry.nested.map(
      (nested): NoteSpec => ({
        kind: 'nested',
        text: nested.object.name,
        ref: { itemKind: 'relationship', id: nested.relationship.id },
        targetObjectId: nested.object.id,
        primary: false,
      }),
    ),
    ...entry.ctasByRole.flatMap((group) =>
      group.ctas.map(
        (cta): NoteSpec => ({
          kind: 'cta',
          text: `${group.role.name}: ${cta.verb}`,
          ref: { itemKind: 'cta', id: cta.id },
          targetObjectId: objectId,
          primary: cta.primary,
        }),
      ),
    ),
  ];
}

function placeNote(
  spec: NoteSpec,
  objectId: Id,
  x: number,
  y: number,
): MapNote {
  const metrics =
    spec.kind === 'object'
      ? OBJECT_MAP_METRICS.object
      : OBJECT_MAP_METRICS.note;
  const bold = metrics.bold || spec.primary;
  const style: TextStyle = { fontSize: metrics.fontSize, bold };
  const width = OBJECT_MAP_METRICS.columnWidth;
  const room =
    width - 2 * metrics.padX - (spec.primary ? OBJECT_MAP_METRICS.starRoom : 0);
  const wrapped = wrapText(spec.text, room, style);
  // The baseline sits where a line box of `lineHeight` centres a capital of `fontSize`.
  const firstBaseline =
    y +
    metrics.padY +
    (metrics.lineHeight - metrics.fontSize) / 2 +
    metrics.fontSize * 0.82;
  return {
    key: `${spec.kind}:${spec.ref.id}`,
    kind: spec.kind,
    text: spec.text,
    lines: wrapped.map((text, i) => ({
      text,
      x: x + metrics.padX,
      y: firstBaseline + i * metrics.lineHeight,
    })),
    fontSize: metrics.fontSize,
    bold,
    ref: spec.ref,
    objectId,
    targetObjectId: spec.targetObjectId,
    primary: spec.primary,
    x,
    y,
    width,
    height: 2 * metrics.padY + wrapped.length * metrics.lineHeight,
  };
}

/** The Object Map of `model` (give it `nowOnly(model)` for the Now release). */
export function objectMapLayout(model: ProjectModel): ObjectMapLayout {
  const { columnWidth, columnGap, noteGap, sectionGap } = OBJECT_MAP_METRICS;
  const columns = objectGuide(model).entries.map((entry, index): MapColumn => {
    const x = index * (columnWidth + columnGap);
    const notes: MapNote[] = [];
    let y = 0;
    for (const spec of notesOf(entry)) {
      const previous = notes.at(-1);
      if (previous)
        y += noteGap + (previous.kind !== spec.kind ? sectionGap : 0);
      const note = placeNote(spec, entry.object.id, x, y);
      notes.push(note);
      y += note.height;
    }
    return {
      objectId: entry.object.id,
      name: entry.object.name,
      notes,
      x,
      y: 0,
      width: columnWidth,
      height: y,
    };
  });
  return {
    columns,
    bounds: {
      x: 0,
      y: 0,
      width:
        columns.length === 0
          ? 0
          : columns.length * columnWidth + (columns.length - 1) * columnGap,
      height: Math.max(0, ...columns.map((column) => column.height)),
    },
  };
}

/** The star of a primary CTA note, as polygon points at its top-right corner. */
export function primaryStarPoints(note: Box): string {
  return starPoints(note.x + note.width - 11, note.y + 12, 6);
}

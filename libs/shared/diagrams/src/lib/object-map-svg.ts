/** The Object Map as a standalone SVG document, drawn from `objectMapLayout`. */
import { fmt } from './geometry';
import {
  primaryStarPoints,
  type MapNote,
  type MapNoteKind,
  type ObjectMapLayout,
} from './object-map-layout';
import { DIAGRAM_COLOURS } from './palette';
import { el, textEl } from './svg';
import {
  svgDocument,
  type DiagramSvgOptions,
  type LegendItem,
} from './svg-document';

/** Fill, border and ink of each kind of note: the OOUX colours. */
export const NOTE_COLOURS: Readonly<
  Record<
    MapNoteKind,
    { readonly fill: string; readonly stroke: string; readonly ink: string }
  >
> = {
  object: {
    fill: DIAGRAM_COLOURS.object,
    stroke: DIAGRAM_COLOURS.objectBorder,
    ink: DIAGRAM_COLOURS.inverseInk,
  },
  core: {
    fill: DIAGRAM_COLOURS.core,
    stroke: DIAGRAM_COLOURS.coreBorder,
    ink: DIAGRAM_COLOURS.ink,
  },
  metadata: {
    fill: DIAGRAM_COLOURS.metadata,
    stroke: DIAGRAM_COLOURS.metadataBorder,
    ink: DIAGRAM_COLOURS.ink,
  },
  nested: {
    fill: DIAGRAM_COLOURS.nested,
    stroke: DIAGRAM_COLOURS.nestedBorder,
    ink: DIAGRAM_COLOURS.ink,
  },
  cta: {
    fill: DIAGRAM_COLOURS.cta,
    stroke: DIAGRAM_COLOURS.ctaBorder,
    ink: DIAGRAM_COLOURS.ink,
  },
};

export const NOTE_LABELS: Readonly<Record<MapNoteKind, string>> = {
  object: 'Object',
  core: 'Core content',
  metadata: 'Metadata',
  nested: 'Nested object',
  cta: 'CTA (Role: verb)',
};

export const OBJECT_MAP_LEGEND: readonly LegendItem[] = [
  ...(['object', 'core', 'metadata', 'nested', 'cta'] as const).map(
    (kind): LegendItem => ({
      kind: 'swatch',
      label: NOTE_LABELS[kind],
      fill: NOTE_COLOURS[kind].fill,
      stroke: NOTE_COLOURS[kind].stroke,
    }),
  ),
  { kind: 'star', label: 'Primary CTA', fill: DIAGRAM_COLOURS.primaryStar },
];

function note(n: MapNote): string {
  const colours = NOTE_COLOURS[n.kind];
  return el(
    'g',
    { 'data-kind': n.kind, 'data-id': n.ref.id },
    textEl(
      'title',
      {},
      `${NOTE_LABELS[n.kind]}: ${n.text}${n.primary ? ' (primary)' : ''}`,
    ),
    el('rect', {
      x: fmt(n.x + 1),
      y: fmt(n.y + 1.5),
      width: n.width,
      height: fmt(n.height),
      rx: 3,
      fill: DIAGRAM_COLOURS.shadow,
      'fill-opacity': 0.12,
    }),
    el('rect', {
      x: fmt(n.x),
      y: fmt(n.y),
      width: n.width,
      height: fmt(n.height),
      rx: 3,
      fill: colours.fill,
      stroke: colours.stroke,
      'stroke-width': 1,
    }),
    ...n.lines.map((line) =>
      textEl(
        'text',
        {
          x: fmt(line.x),
          y: fmt(line.y),
          'font-size': n.fontSize,
          'font-weight': n.bold ? 'bold' : undefined,
          fill: colours.ink,
        },
        line.text,
      ),
    ),
    n.primary
      ? el('polygon', {
          points: primaryStarPoints(n),
          fill: DIAGRAM_COLOURS.primaryStar,
        })
      : '',
  );
}

/** The Object Map as an SVG document: a title, the legend, and a column of notes per object. */
export function objectMapSvg(
  layout: ObjectMapLayout,
  options: DiagramSvgOptions = {},
): string {
  const columns = layout.columns
    .map((column) =>
      el(
        'g',
        { 'data-object-id': column.objectId, 'aria-label': column.name },
        ...column.notes.map(note),
      ),
    )
    .join('');
  const objects = layout.columns.length;
  return svgDocument({
    options: { idPrefix: 'orca-object-map', ...options },
    legend: OBJECT_MAP_LEGEND,
    description:
      objects === 0
        ? 'Object Map: no objects yet.'
        : `Object Map: ${objects} ${objects === 1 ? 'object' : 'objects'}, ${layout.columns
            .map((column) => column.name)
            .join(', ')}.`,
    contentBox:
      objects === 0 ? { x: 0, y: 0, width: 200, height: 24 } : layout.bounds,
    content:
      objects === 0
        ? textEl(
            'text',
            { x: 0, y: 16, 'font-size': 14, fill: DIAGRAM_COLOURS.muted },
            'No objects yet.',
          )
        : columns,
  });
}

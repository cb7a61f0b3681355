/** The system graph as a standalone SVG document, drawn from `systemGraphLayout`. */
import { fmt, type Box } from './geometry';
import { DIAGRAM_COLOURS } from './palette';
import { el, textEl } from './svg';
import {
  svgDocument,
  type DiagramSvgOptions,
  type LegendItem,
} from './svg-document';
import {
  SYSTEM_GRAPH_METRICS,
  type GraphEdge,
  type GraphNode,
  type SystemGraphLayout,
} from './system-graph-layout';

export type EdgeTone = 'normal' | 'one-way' | 'contradictory';

export interface EdgeStyle {
  readonly tone: EdgeTone;
  readonly stroke: string;
  readonly width: number;
  readonly dash: string | undefined;
}

const EDGE_STYLES: Readonly<Record<EdgeTone, EdgeStyle>> = {
  normal: {
    tone: 'normal',
    stroke: DIAGRAM_COLOURS.edge,
    width: 1.5,
    dash: undefined,
  },
  'one-way': {
    tone: 'one-way',
    stroke: DIAGRAM_COLOURS.oneWay,
    width: 2,
    dash: '7 5',
  },
  contradictory: {
    tone: 'contradictory',
    stroke: DIAGRAM_COLOURS.contradictory,
    width: 2.5,
    dash: undefined,
  },
};

/** How an edge is drawn: a contradiction (an error) outranks a one-way cell (a gap). */
export function edgeStyle(edge: GraphEdge): EdgeStyle {
  return EDGE_STYLES[
    edge.contradictory ? 'contradictory' : edge.oneWay ? 'one-way' : 'normal'
  ];
}

export const EDGE_TONES: readonly EdgeTone[] = [
  'normal',
  'one-way',
  'contradictory',
];

export function edgeStyleOf(tone: EdgeTone): EdgeStyle {
  return EDGE_STYLES[tone];
}

/** The arrowhead's outline, in a 10 × 10 marker box whose tip (10, 5) is the path's end. */
export const ARROW_PATH = 'M0,0 L10,5 L0,10 z';

export const SYSTEM_GRAPH_LEGEND: readonly LegendItem[] = [
  {
    kind: 'swatch',
    label: 'Object',
    fill: DIAGRAM_COLOURS.object,
    stroke: DIAGRAM_COLOURS.objectBorder,
  },
  {
    kind: 'line',
    label: 'Relationship: phrase · cardinality (arrow from NOM row to column)',
    stroke: EDGE_STYLES.normal.stroke,
    width: EDGE_STYLES.normal.width,
  },
  {
    kind: 'line',
    label: 'One way only: the reverse NOM cell is empty',
    stroke: EDGE_STYLES['one-way'].stroke,
    width: EDGE_STYLES['one-way'].width,
    dash: EDGE_STYLES['one-way'].dash,
  },
  {
    kind: 'line',
    label: 'Contradictory: the two directions disagree on cardinality',
    stroke: EDGE_STYLES.contradictory.stroke,
    width: EDGE_STYLES.contradictory.width,
  },
];

function marker(id: string, fill: string): string {
  return el(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 10,
      refY: 5,
      markerWidth: 11,
      markerHeight: 11,
      markerUnits: 'userSpaceOnUse',
      orient: 'auto',
    },
    el('path', { d: ARROW_PATH, fill }),
  );
}

function nodeMarkup(node: GraphNode): string {
  const m = SYSTEM_GRAPH_METRICS.node;
  return el(
    'g',
    { 'data-object-id': node.objectId },
    textEl('title', {}, node.name),
    el('rect', {
      x: fmt(node.x + 1.5),
      y: fmt(node.y + 2),
      width: node.width,
      height: node.height,
      rx: 8,
      fill: DIAGRAM_COLOURS.shadow,
      'fill-opacity': 0.14,
    }),
    el('rect', {
      x: fmt(node.x),
      y: fmt(node.y),
      width: node.width,
      height: node.height,
      rx: 8,
      fill: DIAGRAM_COLOURS.object,
      stroke: DIAGRAM_COLOURS.objectBorder,
      'stroke-width': 1.5,
    }),
    ...node.lines.map((line) =>
      textEl(
        'text',
        {
          x: fmt(line.x),
          y: fmt(line.y),
          'text-anchor': 'middle',
          'font-size': m.fontSize,
          'font-weight': 'bold',
          fill: DIAGRAM_COLOURS.inverseInk,
        },
        line.text,
      ),
    ),
  );
}

function edgeTitle(
  edge: GraphEdge,
  names: ReadonlyMap<string, string>,
): string {
  const from = names.get(edge.from) ?? '?';
  const to = names.get(edge.to) ?? '?';
  return `${from} → ${to}: ${edge.label}${edge.problem ? ` (${edge.problem})` : ''}`;
}

function edgeMarkup(
  edge: GraphEdge,
  prefix: string,
  names: ReadonlyMap<string, string>,
): string {
  const style = edgeStyle(edge);
  return el(
    'g',
    { 'data-relationship-id': edge.relationshipId, 'data-tone': style.tone },
    textEl('title', {}, edgeTitle(edge, names)),
    el('path', {
      d: edge.path,
      fill: 'none',
      stroke: style.stroke,
      'stroke-width': style.width,
      'stroke-dasharray': style.dash,
      'stroke-linecap': 'round',
      'marker-end': `url(#${prefix}-arrow-${style.tone})`,
    }),
  );
}

function labelMarkup(edge: GraphEdge): string {
  const style = edgeStyle(edge);
  const m = SYSTEM_GRAPH_METRICS.label;
  const box: Box = edge.labelBox;
  return el(
    'g',
    { 'data-label-of': edge.relationshipId },
    el('rect', {
      x: fmt(box.x),
      y: fmt(box.y),
      width: fmt(box.width),
      height: fmt(box.height),
      rx: 3,
      fill: DIAGRAM_COLOURS.labelBackground,
      'fill-opacity': 0.94,
      stroke: style.stroke,
      'stroke-width': style.tone === 'normal' ? 0.75 : 1.25,
    }),
    ...edge.labelLines.map((line) =>
      textEl(
        'text',
        {
          x: fmt(line.x),
          y: fmt(line.y),
          'text-anchor': 'middle',
          'font-size': m.fontSize,
          'font-weight': line.flag ? 'bold' : undefined,
          fill: line.flag ? style.stroke : DIAGRAM_COLOURS.ink,
        },
        line.text,
      ),
    ),
  );
}

/**
 * The system graph as an SVG document: a title, the legend, then the edges (arrows; one-way
 * dashed in the warning colour, contradictory red), the nodes, and the edge labels on top.
 */
export function systemGraphSvg(
  layout: SystemGraphLayout,
  options: DiagramSvgOptions = {},
): string {
  const prefix = options.idPrefix ?? 'orca-system-graph';
  const names = new Map(layout.nodes.map((node) => [node.objectId, node.name]));
  const objects = layout.nodes.length;
  const relationships = layout.edges.length;
  return svgDocument({
    options: { ...options, idPrefix: prefix },
    legend: SYSTEM_GRAPH_LEGEND,
    description:
      objects === 0
        ? 'System graph: no objects yet.'
        : `System graph: ${objects} ${objects === 1 ? 'object' : 'objects'} and ${relationships} ${
            relationships === 1 ? 'relationship' : 'relationships'
          }.`,
    contentBox:
      objects === 0 ? { x: 0, y: 0, width: 200, height: 24 } : layout.bounds,
    defs: EDGE_TONES.map((tone) =>
      marker(`${prefix}-arrow-${tone}`, EDGE_STYLES[tone].stroke),
    ).join(''),
    content:
      objects === 0
        ? textEl(
            'text',
            { x: 0, y: 16, 'font-size': 14, fill: DIAGRAM_COLOURS.muted },
            'No objects yet.',
          )
        : [
            el(
              'g',
              { 'data-layer': 'edges' },
              ...layout.edges.map((e) => edgeMarkup(e, prefix, names)),
            ),
            el('g', { 'data-layer': 'nodes' }, ...layout.nodes.map(nodeMarkup)),
            el(
              'g',
              { 'data-layer': 'labels' },
              ...layout.edges.map(labelMarkup),
            ),
          ].join(''),
  });
}

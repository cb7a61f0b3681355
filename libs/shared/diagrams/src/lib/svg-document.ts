/**
 * The frame both diagrams share as standalone SVG: the document element (namespace, explicit
 * size and viewBox, the font), a white page, a title and subtitle, and a legend. Presentation is
 * in attributes, not a stylesheet, so every renderer reads it the same (browsers, image viewers,
 * svg-to-pdfkit in the PDF export). Nothing is fetched.
 */
import { type Box, fmt } from './geometry';
import { DIAGRAM_COLOURS } from './palette';
import { el, starPoints, textEl } from './svg';
import { DIAGRAM_FONT, textWidth, wrapText } from './text';

export interface DiagramSvgOptions {
  /** Shown at the top and as the document's `<title>`; none draws only the diagram and legend. */
  readonly title?: string;
  /** A muted line under the title: the project, the phase filter, the revision. */
  readonly subtitle?: string;
  /** Prefix of the ids inside the SVG, so two diagrams inlined in one page never clash. */
  readonly idPrefix?: string;
}

export type LegendItem =
  | {
      readonly kind: 'swatch';
      readonly label: string;
      readonly fill: string;
      readonly stroke: string;
    }
  | {
      readonly kind: 'line';
      readonly label: string;
      readonly stroke: string;
      readonly dash?: string;
      readonly width: number;
    }
  | { readonly kind: 'star'; readonly label: string; readonly fill: string };

export const MARGIN = 24;
const TITLE = { fontSize: 20, bold: true, lineHeight: 26 } as const;
const SUBTITLE = { fontSize: 12, lineHeight: 17 } as const;
const LEGEND = { fontSize: 12, rowHeight: 22, gap: 18, mark: 26 } as const;

interface Header {
  readonly markup: string;
  readonly height: number;
}

function legendItemWidth(item: LegendItem): number {
  return LEGEND.mark + 6 + textWidth(item.label, LEGEND);
}

function legendMark(item: LegendItem, x: number, middle: number): string {
  switch (item.kind) {
    case 'swatch':
      return el('rect', {
        x: fmt(x),
        y: fmt(middle - 7),
        width: LEGEND.mark - 4,
        height: 14,
        rx: 2,
        fill: item.fill,
        stroke: item.stroke,
      });
    case 'line':
      return el('line', {
        x1: fmt(x),
        y1: fmt(middle),
        x2: fmt(x + LEGEND.mark - 2),
        y2: fmt(middle),
        stroke: item.stroke,
        'stroke-width': item.width,
        'stroke-dasharray': item.dash,
      });
    case 'star':
      return el('polygon', {
        points: starPoints(x + 10, middle, 7),
        fill: item.fill,
      });
  }
}

/** Title, subtitle and legend rows within `width`, from the top margin; and the height used. */
function header(
  options: DiagramSvgOptions,
  legend: readonly LegendItem[],
  width: number,
): Header {
  const parts: string[] = [];
  let y = MARGIN;
  const room = width - 2 * MARGIN;
  if (options.title) {
    for (const line of wrapText(options.title, room, TITLE)) {
      parts.push(
        textEl(
          'text',
          {
            x: MARGIN,
            y: fmt(y + TITLE.fontSize),
            'font-size': TITLE.fontSize,
            'font-weight': 'bold',
            fill: DIAGRAM_COLOURS.ink,
          },
          line,
        ),
      );
      y += TITLE.lineHeight;
    }
  }
  if (options.subtitle) {
    for (const line of wrapText(options.subtitle, room, SUBTITLE)) {
      parts.push(
        textEl(
          'text',
          {
            x: MARGIN,
            y: fmt(y + SUBTITLE.fontSize + 2),
            'font-size': SUBTITLE.fontSize,
            fill: DIAGRAM_COLOURS.muted,
          },
          line,
        ),
      );
      y += SUBTITLE.lineHeight;
    }
  }
  if (options.title || options.subtitle) y += 8;
  let x = MARGIN;
  let rowTop = y;
  for (const item of legend) {
    const itemWidth = legendItemWidth(item);
    if (x > MARGIN && x + itemWidth > width - MARGIN) {
      x = MARGIN;
      rowTop += LEGEND.rowHeight;
    }
    const middle = rowTop + LEGEND.rowHeight / 2;
    parts.push(legendMark(item, x, middle));
    parts.push(
      textEl(
        'text',
        {
          x: fmt(x + LEGEND.mark + 4),
          y: fmt(middle + LEGEND.fontSize * 0.36),
          'font-size': LEGEND.fontSize,
          fill: DIAGRAM_COLOURS.ink,
        },
        item.label,
      ),
    );
    x += itemWidth + LEGEND.gap;
  }
  if (legend.length > 0) rowTop += LEGEND.rowHeight;
  return { markup: parts.join(''), height: rowTop - MARGIN + 12 };
}

/** The width the legend needs on one row, with the margins. */
function legendWidth(legend: readonly LegendItem[]): number {
  return (
    2 * MARGIN +
    legend.reduce((sum, item) => sum + legendItemWidth(item) + LEGEND.gap, 0) -
    LEGEND.gap
  );
}

/**
 * A standalone SVG document: `content` (markup in the diagram's own coordinates, where it
 * fills `contentBox`) under the title, subtitle and legend. `defs` go first.
 */
export function svgDocument(args: {
  readonly options: DiagramSvgOptions;
  readonly legend: readonly LegendItem[];
  readonly description: string;
  readonly contentBox: Box;
  readonly content: string;
  readonly defs?: string;
}): string {
  const { options, legend } = args;
  // Wide enough for the legend on one row, or the title on its own, but at most what the diagram needs.
  const width = Math.ceil(
    Math.max(
      args.contentBox.width + 2 * MARGIN,
      Math.min(legendWidth(legend), 960),
      Math.min(
        options.title ? textWidth(options.title, TITLE) + 2 * MARGIN : 0,
        960,
      ),
      320,
    ),
  );
  const top = header(options, legend, width);
  const height = Math.ceil(
    top.height + MARGIN + args.contentBox.height + MARGIN,
  );
  const prefix = options.idPrefix ?? 'orca-diagram';
  const title = options.title ?? args.description;
  return `${el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': DIAGRAM_FONT,
      role: 'img',
      'aria-labelledby': `${prefix}-title ${prefix}-desc`,
    },
    textEl('title', { id: `${prefix}-title` }, title),
    textEl('desc', { id: `${prefix}-desc` }, args.description),
    args.defs ? el('defs', {}, args.defs) : '',
    el('rect', {
      x: 0,
      y: 0,
      width,
      height,
      fill: DIAGRAM_COLOURS.background,
    }),
    top.markup,
    el(
      'g',
      {
        transform: `translate(${fmt(MARGIN - args.contentBox.x)} ${fmt(top.height + MARGIN - args.contentBox.y)})`,
      },
      args.content,
    ),
  )}\n`;
}

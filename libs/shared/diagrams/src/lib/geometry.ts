/** Points and boxes of a diagram, in its own px coordinates (y down, as in SVG). */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A rectangle by its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One line of text placed in the diagram: `x` is where it starts (or its centre), `y` its baseline. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

export const EMPTY_BOX: Box = { x: 0, y: 0, width: 0, height: 0 };

/** The smallest box holding every box given (EMPTY_BOX for none). */
export function unionOf(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return EMPTY_BOX;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function centreOf(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function boxAround(centre: Point, width: number, height: number): Box {
  return {
    x: centre.x - width / 2,
    y: centre.y - height / 2,
    width,
    height,
  };
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** How much of `a` and `b` (each grown by `gap`) covers the other, in px². */
export function overlapArea(a: Box, b: Box, gap = 0): number {
  const width =
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) + gap;
  const height =
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) + gap;
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where the ray from the centre of `box` towards `towards` leaves the box: the point on its
 * border an edge should start or end at. The centre itself when `towards` is the centre.
 */
export function borderPoint(box: Box, towards: Point): Point {
  const centre = centreOf(box);
  const dx = towards.x - centre.x;
  const dy = towards.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const scaleX = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const scaleY = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const scale = Math.min(scaleX, scaleY);
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}

/** Rounded to a tenth of a px: smaller SVG text, and the same output on every machine. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10 + 0;
}

export function fmt(value: number): string {
  return String(round1(value));
}

/**
 * Boxes on a uniform grid of `cell`-sized squares, so that "how much does this box cover" looks
 * only at the boxes near it, not at every box placed so far (labels of a dense system graph: 1,400
 * edges made the whole-list scan the slowest part of its layout). The answer is exactly the sum
 * `overlapArea` gives over every box, added in the order the boxes came.
 */
export class BoxIndex {
  private readonly boxes: Box[] = [];
  private readonly cells = new Map<string, number[]>();

  constructor(private readonly cell = 160) {}

  add(box: Box): void {
    const index = this.boxes.length;
    this.boxes.push(box);
    this.forCells(box, 0, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(index);
      else this.cells.set(key, [index]);
    });
  }

  /** The sum of `overlapArea(box, other, gap)` over every box added. */
  coveredArea(box: Box, gap = 0): number {
    const near = new Set<number>();
    this.forCells(box, gap, (key) => {
      for (const index of this.cells.get(key) ?? []) near.add(index);
    });
    let sum = 0;
    for (const index of [...near].sort((a, b) => a - b))
      sum += overlapArea(box, this.boxes[index] as Box, gap);
    return sum;
  }

  private forCells(box: Box, grow: number, visit: (key: string) => void) {
    const x0 = Math.floor((box.x - grow) / this.cell);
    const x1 = Math.floor((box.x + box.width + grow) / this.cell);
    const y0 = Math.floor((box.y - grow) / this.cell);
    const y1 = Math.floor((box.y + box.height + grow) / this.cell);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) visit(`${x},${y}`);
  }
}

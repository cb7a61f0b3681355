/**
 * The system graph laid out: objects as nodes, relationships (filled NOM cells) as edges labelled
 * "phrase · cardinality". dagre places the nodes nobody has placed; a node with a saved
 * `position` (its centre) stays where it was put. Edges are routed afterwards from the node
 * borders, so they follow a dragged node: A → B and B → A bow apart as two curves, a
 * self-relationship is a loop. Edges the domain's checks flag — filled one way only, or
 * contradicting the reverse's cardinality — say so. Same model, same layout.
 */
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import {
  cardinalityPhrase,
  CHECK_RULE_IDS,
  checkModel,
  objectsInOrder,
  relationshipBetween,
  type CheckRuleId,
  type Id,
  type MapPosition,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
} from '@orca/shared/domain';
import {
  BoxIndex,
  borderPoint,
  boxAround,
  centreOf,
  fmt,
  overlaps,
  round1,
  unionOf,
  type Box,
  type Point,
  type TextLine,
} from './geometry';
import { textWidth, wrapText } from './text';

export interface GraphNode extends Box {
  readonly objectId: Id;
  readonly name: string;
  /** The wrapped name, centred on the node (`x` is the centre). */
  readonly lines: readonly TextLine[];
  /** Placed by a person (a saved position), not by the automatic layout. */
  readonly pinned: boolean;
}

export interface EdgeLabelLine extends TextLine {
  /** The line that names the problem of a flagged edge (drawn in the flag's colour). */
  readonly flag: boolean;
}

export interface GraphEdge {
  readonly relationshipId: Id;
  readonly from: Id;
  readonly to: Id;
  /** "has · one to many, required" */
  readonly label: string;
  /** The label wrapped and placed (centred: `x` is the centre), flag line last. */
  readonly labelLines: readonly EdgeLabelLine[];
  /** The label's background. */
  readonly labelBox: Box;
  /** SVG path data from the border of `from` to the border of `to` (the arrow's tip). */
  readonly path: string;
  /** The path's start, control points and end. */
  readonly points: readonly Point[];
  readonly selfLoop: boolean;
  /** Filled in one direction only (the domain's `relationship-one-way`). */
  readonly oneWay: boolean;
  /** A → B and B → A disagree on cardinality (`relationship-cardinality-contradiction`). */
  readonly contradictory: boolean;
  /** What the checks say about the edge, when flagged. */
  readonly problem: string | null;
}

export interface SystemGraphLayout {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Everything drawn: nodes, edges and labels. */
  readonly bounds: Box;
}

export const SYSTEM_GRAPH_METRICS = {
  node: {
    fontSize: 14,
    bold: true,
    lineHeight: 18,
    padX: 14,
    padY: 11,
    minWidth: 112,
    maxWidth: 196,
  },
  label: { fontSize: 11, lineHeight: 14, padX: 6, padY: 3, maxWidth: 180 },
  /** How far the control point of one of two edges between a pair sits off the straight line. */
  pairSpread: 46,
  loopSize: 48,
  /** Beyond this many objects dagre takes seconds: the objects go on a grid in model order. */
  dagreLimit: 200,
  /**
   * dagre's time grows with the edges it must rank and order (a dense 100-object model: 5 s with
   * all of its 580 pairs, 0.2 s with 150). It is given every pair up to this many, and otherwise
   * a spanning forest plus the next pairs up to `dagreEdgesPerNode` per object, parent-child
   * pairs first. Every edge is still drawn: routing follows the nodes, not dagre.
   */
  dagreEdgeFloor: 150,
  dagreEdgesPerNode: 1.5,
  nodeGap: 16,
} as const;

const FLAG_TEXT = {
  oneWay: 'one way only',
  contradictory: 'contradicts the reverse',
} as const;

const FLAG_RULES: readonly CheckRuleId[] = [
  'relationship-one-way',
  'relationship-cardinality-contradiction',
];

/** What routing needs of an edge: the relationship's ends, its label and flags. */
interface EdgeSpec {
  readonly relationshipId: Id;
  readonly from: Id;
  readonly to: Id;
  readonly label: string;
  readonly lines: readonly { readonly text: string; readonly flag: boolean }[];
  readonly labelWidth: number;
  readonly labelHeight: number;
  readonly oneWay: boolean;
  readonly contradictory: boolean;
  readonly problem: string | null;
}

function nodeSize(name: string): {
  width: number;
  height: number;
  lines: string[];
} {
  const m = SYSTEM_GRAPH_METRICS.node;
  const lines = wrapText(name, m.maxWidth - 2 * m.padX, m);
  const widest = Math.max(...lines.map((line) => textWidth(line, m)));
  return {
    width: Math.ceil(
      Math.min(m.maxWidth, Math.max(m.minWidth, widest + 2 * m.padX)),
    ),
    height: 2 * m.padY + lines.length * m.lineHeight,
    lines,
  };
}

function placeNode(
  object: { readonly id: Id; readonly name: string },
  centre: Point,
  pinned: boolean,
): GraphNode {
  const m = SYSTEM_GRAPH_METRICS.node;
  const size = nodeSize(object.name);
  const box = boxAround(centre, size.width, size.height);
  const firstBaseline =
    box.y + m.padY + (m.lineHeight - m.fontSize) / 2 + m.fontSize * 0.82;
  return {
    objectId: object.id,
    name: object.name,
    lines: size.lines.map((text, i) => ({
      text,
      x: round1(centre.x),
      y: round1(firstBaseline + i * m.lineHeight),
    })),
    pinned,
    x: round1(box.x),
    y: round1(box.y),
    width: box.width,
    height: box.height,
  };
}

/** The edges, with their label texts and the flags the domain's checks raise. */
function edgeSpecs(
  model: ProjectModel,
  rank: ReadonlyMap<Id, number>,
): (EdgeSpec & { readonly relationship: Relationship })[] {
  const findings = checkModel(model, {
    disabledRules: CHECK_RULE_IDS.filter((id) => !FLAG_RULES.includes(id)),
  });
  const oneWay = new Map<Id, string>();
  const contradictory = new Map<Id, string>();
  for (const finding of findings) {
    if (finding.target.itemKind !== 'relationship') continue;
    if (finding.rule === 'relationship-one-way')
      oneWay.set(finding.target.id, finding.message);
    if (finding.rule === 'relationship-cardinality-contradiction') {
      contradictory.set(finding.target.id, finding.message);
      // The check reports the pair once; both of its edges contradict each other.
      const relationship = model.relationships[finding.target.id];
      const reverse =
        relationship &&
        relationshipBetween(
          model,
          relationship.toObjectId,
          relationship.fromObjectId,
        );
      if (reverse) contradictory.set(reverse.id, finding.message);
    }
  }
  const m = SYSTEM_GRAPH_METRICS.label;
  return Object.values(model.relationships)
    .filter((r) => rank.has(r.fromObjectId) && rank.has(r.toObjectId))
    .sort(
      (a, b) =>
        (rank.get(a.fromObjectId) ?? 0) - (rank.get(b.fromObjectId) ?? 0) ||
        (rank.get(a.toObjectId) ?? 0) - (rank.get(b.toObjectId) ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((relationship) => {
      const phrase = relationship.label.trim();
      const label = phrase
        ? `${phrase} · ${cardinalityPhrase(relationship)}`
        : cardinalityPhrase(relationship);
      const isContradictory = contradictory.has(relationship.id);
      const isOneWay = oneWay.has(relationship.id);
      const flag = isContradictory
        ? FLAG_TEXT.contradictory
        : isOneWay
          ? FLAG_TEXT.oneWay
          : null;
      const lines = [
        ...wrapText(label, m.maxWidth - 2 * m.padX, m).map((text) => ({
          text,
          flag: false,
        })),
        ...(flag ? [{ text: flag, flag: true }] : []),
      ];
      return {
        relationship,
        relationshipId: relationship.id,
        from: relationship.fromObjectId,
        to: relationship.toObjectId,
        label,
        lines,
        labelWidth: Math.ceil(
          Math.max(...lines.map((line) => textWidth(line.text, m))) +
            2 * m.padX,
        ),
        labelHeight: lines.length * m.lineHeight + 2 * m.padY,
        oneWay: isOneWay,
        contradictory: isContradictory,
        problem:
          contradictory.get(relationship.id) ??
          oneWay.get(relationship.id) ??
          null,
      };
    });
}

const pairKey = (a: Id, b: Id) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** One edge of the automatic layout: a pair of related objects, parent (`v`) first. */
interface LayoutPair {
  readonly v: Id;
  readonly w: Id;
  readonly width: number;
  readonly height: number;
  /** A one-to-many or many-to-one cell decided which object is the parent. */
  readonly parentChild: boolean;
}

/**
 * The pairs dagre ranks and orders: all of them while they are few (see `dagreEdgeFloor`), else
 * a spanning forest (so that every related object still sits beside one it relates to) and then
 * further pairs up to the budget, parent-child pairs first, each group in model order.
 */
function pairsForDagre(
  pairs: readonly LayoutPair[],
  nodeCount: number,
): readonly LayoutPair[] {
  const m = SYSTEM_GRAPH_METRICS;
  const budget = Math.max(
    m.dagreEdgeFloor,
    Math.round(nodeCount * m.dagreEdgesPerNode),
  );
  if (pairs.length <= budget) return pairs;
  const ordered = [
    ...pairs.filter((p) => p.parentChild),
    ...pairs.filter((p) => !p.parentChild),
  ];
  const root = new Map<Id, Id>();
  const find = (id: Id): Id => {
    let at = id;
    for (
      let up = root.get(at);
      up !== undefined && up !== at;
      up = root.get(at)
    ) {
      const grand = root.get(up) ?? up;
      root.set(at, grand);
      at = grand;
    }
    return at;
  };
  const forest: LayoutPair[] = [];
  const others: LayoutPair[] = [];
  for (const pair of ordered) {
    const a = find(pair.v);
    const b = find(pair.w);
    if (a === b) others.push(pair);
    else {
      root.set(a, b);
      forest.push(pair);
    }
  }
  return [...forest, ...others.slice(0, Math.max(0, budget - forest.length))];
}

/** A few recent automatic layouts, by graph shape: others' edits elsewhere do not re-run dagre. */
const autoLayouts = new Map<string, ReadonlyMap<Id, Point>>();
const AUTO_LAYOUTS_KEPT = 8;

/**
 * Where the automatic layout puts every node (centres), ignoring saved positions: a node pinned
 * by a person does not move the others. Parents (the "one" side) go left of their children.
 */
function autoPositions(
  objects: readonly OrcaObject[],
  sizes: ReadonlyMap<Id, { width: number; height: number }>,
  specs: readonly (EdgeSpec & { readonly relationship: Relationship })[],
): ReadonlyMap<Id, Point> {
  const pairs = new Map<string, LayoutPair>();
  for (const spec of specs) {
    const r = spec.relationship;
    if (r.fromObjectId === r.toObjectId) continue;
    const key = pairKey(r.fromObjectId, r.toObjectId);
    const childFirst = r.cardinality === 'many-to-one';
    const v = childFirst ? r.toObjectId : r.fromObjectId;
    const w = childFirst ? r.fromObjectId : r.toObjectId;
    const known = pairs.get(key);
    const decides = r.cardinality === 'one-to-many' || childFirst;
    if (!known)
      pairs.set(key, {
        v,
        w,
        width: spec.labelWidth,
        height: spec.labelHeight,
        parentChild: decides,
      });
    else
      pairs.set(key, {
        // A one-to-many cell decides the direction over a model-order guess.
        ...(decides ? { v, w } : { v: known.v, w: known.w }),
        width: Math.max(known.width, spec.labelWidth),
        height: known.height + spec.labelHeight + 8,
        parentChild: known.parentChild || decides,
      });
  }
  const key = JSON.stringify([
    objects.map((o) => [o.id, sizes.get(o.id)?.width, sizes.get(o.id)?.height]),
    [...pairs.values()],
  ]);
  const cached = autoLayouts.get(key);
  if (cached) return cached;

  const positions = new Map<Id, Point>();
  if (objects.length > SYSTEM_GRAPH_METRICS.dagreLimit) {
    const perRow = Math.ceil(Math.sqrt(objects.length * 1.6));
    const cellWidth = SYSTEM_GRAPH_METRICS.node.maxWidth + 80;
    const cellHeight = 110;
    objects.forEach((object, i) =>
      positions.set(object.id, {
        x: (i % perRow) * cellWidth + cellWidth / 2,
        y: Math.floor(i / perRow) * cellHeight + cellHeight / 2,
      }),
    );
  } else {
    const graph = new graphlib.Graph({ multigraph: false });
    graph.setGraph({
      rankdir: 'LR',
      nodesep: 80,
      ranksep: 120,
      edgesep: 24,
      marginx: 0,
      marginy: 0,
    });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const object of objects) {
      const size = sizes.get(object.id);
      graph.setNode(object.id, {
        width: size?.width ?? 0,
        height: size?.height ?? 0,
      });
    }
    for (const pair of pairsForDagre([...pairs.values()], objects.length))
      graph.setEdge(pair.v, pair.w, {
        width: pair.width,
        height: pair.height,
        labelpos: 'c',
      });
    dagreLayout(graph);
    for (const object of objects) {
      const node = graph.node(object.id) as
        | { x?: number; y?: number }
        | undefined;
      positions.set(object.id, {
        x: round1(node?.x ?? 0),
        y: round1(node?.y ?? 0),
      });
    }
  }
  if (autoLayouts.size >= AUTO_LAYOUTS_KEPT) {
    const oldest = autoLayouts.keys().next().value;
    if (oldest !== undefined) autoLayouts.delete(oldest);
  }
  autoLayouts.set(key, positions);
  return positions;
}

const unit = (dx: number, dy: number): Point => {
  const length = Math.hypot(dx, dy) || 1;
  return { x: dx / length, y: dy / length };
};

/** The label box centred on `anchor`, pushed `outward` (a unit vector) until it clears the line. */
function labelBoxAt(spec: EdgeSpec, anchor: Point, outward: Point | null): Box {
  const half =
    outward === null
      ? 0
      : (Math.abs(outward.x) * spec.labelWidth) / 2 +
        (Math.abs(outward.y) * spec.labelHeight) / 2 +
        3;
  const centre = outward
    ? { x: anchor.x + outward.x * half, y: anchor.y + outward.y * half }
    : anchor;
  return boxAround(centre, spec.labelWidth, spec.labelHeight);
}

function labelLinesIn(spec: EdgeSpec, box: Box): EdgeLabelLine[] {
  const m = SYSTEM_GRAPH_METRICS.label;
  const first =
    box.y + m.padY + (m.lineHeight - m.fontSize) / 2 + m.fontSize * 0.82;
  return spec.lines.map((line, i) => ({
    text: line.text,
    flag: line.flag,
    x: round1(box.x + box.width / 2),
    y: round1(first + i * m.lineHeight),
  }));
}

const roundPoint = (p: Point): Point => ({ x: round1(p.x), y: round1(p.y) });
const roundBox = (b: Box): Box => ({
  x: round1(b.x),
  y: round1(b.y),
  width: round1(b.width),
  height: round1(b.height),
});

function edgeOf(
  spec: EdgeSpec,
  points: readonly Point[],
  labelBox: Box,
  selfLoop: boolean,
): GraphEdge {
  const p = points.map(roundPoint);
  const [start, ...rest] = p;
  const path =
    start === undefined
      ? ''
      : `M${fmt(start.x)},${fmt(start.y)} ${rest.length === 3 ? 'C' : 'Q'}${rest
          .map((q) => `${fmt(q.x)},${fmt(q.y)}`)
          .join(' ')}`;
  const box = roundBox(labelBox);
  return {
    relationshipId: spec.relationshipId,
    from: spec.from,
    to: spec.to,
    label: spec.label,
    labelLines: labelLinesIn(spec, box),
    labelBox: box,
    path,
    points: p,
    selfLoop,
    oneWay: spec.oneWay,
    contradictory: spec.contradictory,
    problem: spec.problem,
  };
}

/** A loop out of the top of the node and back into its right side, label beyond it. */
function loopEdge(spec: EdgeSpec, node: Box): GraphEdge {
  const size = SYSTEM_GRAPH_METRICS.loopSize;
  const right = node.x + node.width;
  const start = { x: node.x + node.width * 0.7, y: node.y };
  const end = { x: right, y: node.y + Math.min(node.height * 0.35, 16) };
  const c1 = { x: start.x, y: start.y - size };
  const c2 = { x: right + size, y: end.y };
  const apex = {
    x: 0.125 * start.x + 0.375 * c1.x + 0.375 * c2.x + 0.125 * end.x,
    y: 0.125 * start.y + 0.375 * c1.y + 0.375 * c2.y + 0.125 * end.y,
  };
  // Above the loop's outer bend, starting a little left of it.
  const label = boxAround(
    {
      x: apex.x - 10 + spec.labelWidth / 2,
      y: apex.y - 6 - spec.labelHeight / 2,
    },
    spec.labelWidth,
    spec.labelHeight,
  );
  return edgeOf(spec, [start, c1, c2, end], label, true);
}

/** The point at `t` of the quadratic curve start → control → end. */
function onCurve(start: Point, control: Point, end: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * start.x + 2 * u * t * control.x + t * t * end.x,
    y: u * u * start.y + 2 * u * t * control.y + t * t * end.y,
  };
}

/** Where along its edge a label may sit, best first: the middle, then further out either way. */
const LABEL_STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8];

/**
 * Routes every edge from the nodes' current boxes: a straight line when a pair of objects has one
 * edge, curves bowing apart when it has more (A → B and B → A), loops for self-relationships.
 * Each label slides along its edge to the first place that covers no node and no earlier label.
 */
function routeEdges(
  specs: readonly EdgeSpec[],
  boxes: ReadonlyMap<Id, Box>,
  rank: ReadonlyMap<Id, number>,
): GraphEdge[] {
  const groups = new Map<string, EdgeSpec[]>();
  for (const spec of specs) {
    if (spec.from === spec.to) continue;
    const key = pairKey(spec.from, spec.to);
    const group = groups.get(key);
    if (group) group.push(spec);
    else groups.set(key, [spec]);
  }
  const taken = new BoxIndex();
  for (const box of boxes.values()) taken.add(box);
  const covered = (box: Box) => taken.coveredArea(box, 2);
  return specs.flatMap((spec): GraphEdge[] => {
    const from = boxes.get(spec.from);
    const to = boxes.get(spec.to);
    if (!from || !to) return [];
    if (spec.from === spec.to) {
      const loop = loopEdge(spec, from);
      taken.add(loop.labelBox);
      return [loop];
    }
    const group = groups.get(pairKey(spec.from, spec.to)) ?? [spec];
    // One frame for the whole pair (from the earlier object to the later), so edges of
    // opposite directions get offsets on opposite sides.
    const [first, second] =
      (rank.get(spec.from) ?? 0) <= (rank.get(spec.to) ?? 0)
        ? [from, to]
        : [to, from];
    const a = centreOf(first);
    const b = centreOf(second);
    const along = unit(b.x - a.x, b.y - a.y);
    const normal = { x: -along.y, y: along.x };
    const index = group.indexOf(spec);
    const offset =
      (index - (group.length - 1) / 2) * SYSTEM_GRAPH_METRICS.pairSpread * 2;
    const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const control = {
      x: middle.x + normal.x * offset,
      y: middle.y + normal.y * offset,
    };
    const start = borderPoint(from, control);
    const end = borderPoint(to, control);
    const outward =
      offset === 0
        ? null
        : offset > 0
          ? normal
          : { x: -normal.x, y: -normal.y };
    // On the line (or just outside a bowed curve) first; then beside it, either side.
    const sides: readonly (Point | null)[] = outward
      ? [outward]
      : [null, normal, { x: -normal.x, y: -normal.y }];
    const candidates = sides.flatMap((side) =>
      LABEL_STOPS.map((t) =>
        labelBoxAt(spec, onCurve(start, control, end, t), side),
      ),
    );
    // The first place that covers nothing, or else the one that covers least.
    let label = candidates[0] as Box;
    let least = Infinity;
    for (const candidate of candidates) {
      const area = covered(candidate);
      if (area < least) {
        least = area;
        label = candidate;
      }
      if (area === 0) break;
    }
    taken.add(label);
    return [edgeOf(spec, [start, control, end], label, false)];
  });
}

function boundsOf(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
): Box {
  const box = unionOf([
    ...nodes,
    ...edges.map((edge) => edge.labelBox),
    ...edges.flatMap((edge) =>
      edge.points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })),
    ),
  ]);
  return roundBox(box);
}

function assemble(
  nodes: GraphNode[],
  specs: readonly EdgeSpec[],
): SystemGraphLayout {
  const boxes = new Map<Id, Box>(nodes.map((node) => [node.objectId, node]));
  // Nodes are in model order: the rank that orients each pair of edges.
  const rank = new Map(nodes.map((node, i) => [node.objectId, i]));
  const edges = routeEdges(specs, boxes, rank);
  return { nodes, edges, bounds: boundsOf(nodes, edges) };
}

/** The system graph of `model` (give it `nowOnly(model)` for the Now release). */
export function systemGraphLayout(model: ProjectModel): SystemGraphLayout {
  const objects = objectsInOrder(model);
  const rank = new Map(objects.map((object, i) => [object.id, i]));
  const specs = edgeSpecs(model, rank);
  const sizes = new Map(objects.map((o) => [o.id, nodeSize(o.name)]));
  const auto = objects.some((o) => o.position === null)
    ? autoPositions(objects, sizes, specs)
    : new Map<Id, Point>();
  const placed: Box[] = objects
    .filter((o) => o.position !== null)
    .map((o) => {
      const size = sizes.get(o.id) ?? { width: 0, height: 0 };
      return boxAround(o.position as MapPosition, size.width, size.height);
    });
  const gap = SYSTEM_GRAPH_METRICS.nodeGap;
  const nodes = objects.map((object): GraphNode => {
    if (object.position !== null)
      return placeNode(object, object.position, true);
    const size = sizes.get(object.id) ?? { width: 0, height: 0 };
    let box = boxAround(
      auto.get(object.id) ?? { x: 0, y: 0 },
      size.width,
      size.height,
    );
    // A node placed by hand may sit where the automatic layout puts another: move that one down.
    for (let tries = 0; tries <= placed.length; tries++) {
      const blocking = placed.find((other) => overlaps(box, other, gap));
      if (!blocking) break;
      box = { ...box, y: blocking.y + blocking.height + gap };
    }
    placed.push(box);
    return placeNode(object, centreOf(box), false);
  });
  return assemble(nodes, specs);
}

/**
 * The layout with one node moved to `position` (its centre) and every edge re-routed from the
 * layout alone: what the app shows while a node is dragged, before the move is saved. An
 * unknown id changes nothing.
 */
export function moveNode(
  layout: SystemGraphLayout,
  objectId: Id,
  position: MapPosition,
): SystemGraphLayout {
  const moved = layout.nodes.find((node) => node.objectId === objectId);
  if (!moved) return layout;
  const specs = layout.edges.map(
    (edge): EdgeSpec => ({
      relationshipId: edge.relationshipId,
      from: edge.from,
      to: edge.to,
      label: edge.label,
      lines: edge.labelLines.map((line) => ({
        text: line.text,
        flag: line.flag,
      })),
      labelWidth: edge.labelBox.width,
      labelHeight: edge.labelBox.height,
      oneWay: edge.oneWay,
      contradictory: edge.contradictory,
      problem: edge.problem,
    }),
  );
  return assemble(
    layout.nodes.map((node) =>
      node === moved
        ? placeNode({ id: node.objectId, name: node.name }, position, true)
        : node,
    ),
    specs,
  );
}

/** The centre of a node: the `position` a move saves. */
export function nodeCentre(node: GraphNode): MapPosition {
  return {
    x: round1(node.x + node.width / 2),
    y: round1(node.y + node.height / 2),
  };
}

import {
  checkModel,
  cardinalityPhrase,
  nowOnly,
  objectsInOrder,
  relationshipBetween,
  type Cardinality,
  type OrcaObject,
  type Relationship,
  type ProjectModel,
} from '@orca/shared/domain';
import {
  awkwardModel,
  learningPlatform,
  objectId,
  reinserted,
} from '../testing/models';
import { centreOf, overlaps, type Box, type Point } from './geometry';
import {
  moveNode,
  nodeCentre,
  SYSTEM_GRAPH_METRICS,
  systemGraphLayout,
  type GraphEdge,
  type GraphNode,
  type SystemGraphLayout,
} from './system-graph-layout';

/** How far `p` is from the border of `box` (0 on it); points inside and outside alike. */
function distanceToBorder(p: Point, box: Box): number {
  const inside =
    p.x >= box.x &&
    p.x <= box.x + box.width &&
    p.y >= box.y &&
    p.y <= box.y + box.height;
  if (inside)
    return Math.min(
      p.x - box.x,
      box.x + box.width - p.x,
      p.y - box.y,
      box.y + box.height - p.y,
    );
  const dx = Math.max(box.x - p.x, 0, p.x - (box.x + box.width));
  const dy = Math.max(box.y - p.y, 0, p.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

function node(layout: SystemGraphLayout, id: string): GraphNode {
  const found = layout.nodes.find((n) => n.objectId === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function edge(layout: SystemGraphLayout, relationshipId: string): GraphEdge {
  const found = layout.edges.find((e) => e.relationshipId === relationshipId);
  if (!found) throw new Error(`no edge ${relationshipId}`);
  return found;
}

function withPosition(
  model: ProjectModel,
  id: string,
  position: OrcaObject['position'],
): ProjectModel {
  const object = model.objects[id] as OrcaObject;
  return {
    ...model,
    objects: { ...model.objects, [id]: { ...object, position } },
  };
}

function expectEdgesOnBorders(layout: SystemGraphLayout): void {
  for (const e of layout.edges) {
    const start = e.points[0] as Point;
    const end = e.points.at(-1) as Point;
    expect(distanceToBorder(start, node(layout, e.from))).toBeLessThan(0.6);
    expect(distanceToBorder(end, node(layout, e.to))).toBeLessThan(0.6);
    expect(e.path.startsWith(`M${start.x},${start.y} `)).toBe(true);
    expect(e.path.endsWith(`${end.x},${end.y}`)).toBe(true);
  }
}

describe('systemGraphLayout', () => {
  let model: ProjectModel;
  let layout: SystemGraphLayout;
  beforeAll(() => {
    model = learningPlatform();
    layout = systemGraphLayout(model);
  });

  it('has a node per object, in model order, and an edge per relationship labelled “phrase · cardinality”', () => {
    expect(layout.nodes.map((n) => n.name)).toEqual(
      objectsInOrder(model).map((o) => o.name),
    );
    expect(layout.edges.map((e) => e.relationshipId).sort()).toEqual(
      Object.keys(model.relationships).sort(),
    );
    const hasLessons = relationshipBetween(
      model,
      objectId(model, 'Course'),
      objectId(model, 'Lesson'),
    );
    const e = edge(layout, hasLessons?.id ?? '');
    expect(e.label).toBe('has · one to many');
    expect(e.from).toBe(objectId(model, 'Course'));
    expect(e.to).toBe(objectId(model, 'Lesson'));
    for (const r of Object.values(model.relationships))
      expect(edge(layout, r.id).label).toBe(
        `${r.label} · ${cardinalityPhrase(r)}`,
      );
  });

  it('lays the nodes out without overlaps, their names inside them, and the labels clear of nodes and of each other', () => {
    const nodes = layout.nodes;
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++)
        expect(overlaps(nodes[i] as Box, nodes[j] as Box)).toBe(false);
    for (const n of nodes) {
      expect(n.pinned).toBe(false);
      expect(n.width).toBeGreaterThanOrEqual(
        SYSTEM_GRAPH_METRICS.node.minWidth,
      );
      expect(n.width).toBeLessThanOrEqual(SYSTEM_GRAPH_METRICS.node.maxWidth);
      for (const line of n.lines) {
        expect(line.x).toBeCloseTo(n.x + n.width / 2, 0);
        expect(line.y).toBeGreaterThan(n.y);
        expect(line.y).toBeLessThan(n.y + n.height);
      }
    }
    const labels = layout.edges.map((e) => e.labelBox);
    for (let i = 0; i < labels.length; i++) {
      for (const n of nodes) expect(overlaps(labels[i] as Box, n)).toBe(false);
      for (let j = i + 1; j < labels.length; j++)
        expect(overlaps(labels[i] as Box, labels[j] as Box)).toBe(false);
    }
  });

  it('routes every edge from the border of one node to the border of the other', () => {
    expectEdgesOnBorders(layout);
  });

  it('draws A → B and B → A as two curves bowing apart, labels on either side', () => {
    const course = objectId(model, 'Course');
    const lesson = objectId(model, 'Lesson');
    const there = edge(
      layout,
      relationshipBetween(model, course, lesson)?.id ?? '',
    );
    const back = edge(
      layout,
      relationshipBetween(model, lesson, course)?.id ?? '',
    );
    const a = centreOf(node(layout, course));
    const b = centreOf(node(layout, lesson));
    // Signed distance of a point from the line through both centres.
    const side = (p: Point) =>
      ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) /
      Math.hypot(b.x - a.x, b.y - a.y);
    const controlThere = side(there.points[1] as Point);
    const controlBack = side(back.points[1] as Point);
    expect(Math.sign(controlThere)).toBe(-Math.sign(controlBack));
    expect(Math.abs(controlThere - controlBack)).toBeGreaterThan(60);
    expect(Math.sign(side(centreOf(there.labelBox)))).toBe(
      Math.sign(controlThere),
    );
    expect(Math.sign(side(centreOf(back.labelBox)))).toBe(
      Math.sign(controlBack),
    );
    expect(there.path).not.toBe(back.path);
  });

  it('draws a self-relationship as a loop from the top of its node back into its side', () => {
    const awkward = awkwardModel();
    const order = objectId(awkward, 'Order "special" & <co>');
    const loop = systemGraphLayout(awkward).edges.find(
      (e) => e.from === order && e.to === order,
    );
    const box = node(systemGraphLayout(awkward), order);
    expect(loop?.selfLoop).toBe(true);
    expect(loop?.path).toMatch(/^M[\d.,-]+ C/);
    const [start, , , end] = loop?.points ?? [];
    expect(start?.y).toBeCloseTo(box.y, 0);
    expect(end?.x).toBeCloseTo(box.x + box.width, 0);
    expect(overlaps(loop?.labelBox as Box, box)).toBe(false);
  });

  it('flags the edges the domain checks flag: filled one way only, and contradictory cardinality on both edges of the pair', () => {
    const findings = checkModel(model);
    const oneWay = new Set(
      findings
        .filter((f) => f.rule === 'relationship-one-way')
        .map((f) => f.target.id),
    );
    expect(oneWay.size).toBeGreaterThan(0);
    expect(
      new Set(
        layout.edges.filter((e) => e.oneWay).map((e) => e.relationshipId),
      ),
    ).toEqual(oneWay);
    expect(layout.edges.filter((e) => e.contradictory)).toEqual([]);
    const flagged = layout.edges.find((e) => e.oneWay);
    expect(flagged?.labelLines.at(-1)).toMatchObject({
      text: 'one way only',
      flag: true,
    });
    expect(flagged?.problem).toMatch(/is filled but .* is empty/);
    expect(
      layout.edges.find((e) => !e.oneWay)?.labelLines.some((l) => l.flag),
    ).toBe(false);

    const awkward = awkwardModel();
    const graph = systemGraphLayout(awkward);
    const order = objectId(awkward, 'Order "special" & <co>');
    const line = objectId(awkward, "Line's {item} %% ]]> back");
    const pair = [
      relationshipBetween(awkward, order, line),
      relationshipBetween(awkward, line, order),
    ];
    for (const r of pair) {
      const e = edge(graph, r?.id ?? '');
      expect(e.contradictory).toBe(true);
      expect(e.labelLines.at(-1)?.text).toBe('contradicts the reverse');
      expect(e.problem).toMatch(/the mirror of one-to-many is many-to-one/);
    }
    expect(graph.edges.filter((e) => e.contradictory)).toHaveLength(2);
    const places = graph.edges.find((e) => e.label.startsWith('places'));
    expect(places?.oneWay).toBe(true);
  });

  it('keeps a node with a saved position where it was put, and the others where they were', () => {
    const lesson = objectId(model, 'Lesson');
    const moved = systemGraphLayout(
      withPosition(model, lesson, { x: -400, y: 900 }),
    );
    expect(nodeCentre(node(moved, lesson))).toEqual({ x: -400, y: 900 });
    expect(node(moved, lesson).pinned).toBe(true);
    for (const n of moved.nodes)
      if (n.objectId !== lesson) expect(n).toEqual(node(layout, n.objectId));
    expect(moved.bounds.x).toBeLessThanOrEqual(
      -400 - node(moved, lesson).width / 2,
    );
    expect(moved.bounds.y + moved.bounds.height).toBeGreaterThanOrEqual(900);
    expectEdgesOnBorders(moved);
  });

  it('moves a node the automatic layout would put under one placed by hand', () => {
    const course = objectId(model, 'Course');
    const lesson = objectId(model, 'Lesson');
    const onCourse = nodeCentre(node(layout, course));
    const crowded = systemGraphLayout(withPosition(model, lesson, onCourse));
    expect(nodeCentre(node(crowded, lesson))).toEqual(onCourse);
    expect(overlaps(node(crowded, course), node(crowded, lesson))).toBe(false);
    const nodes = crowded.nodes;
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++)
        expect(overlaps(nodes[i] as Box, nodes[j] as Box)).toBe(false);
  });

  it('places every node by hand when all have positions, dagre or not', () => {
    let placed = model;
    objectsInOrder(model).forEach((o, i) => {
      placed = withPosition(placed, o.id, { x: i * 300, y: (i % 2) * 200 });
    });
    const graph = systemGraphLayout(placed);
    graph.nodes.forEach((n, i) => {
      expect(nodeCentre(n)).toEqual({ x: i * 300, y: (i % 2) * 200 });
      expect(n.pinned).toBe(true);
    });
    expectEdgesOnBorders(graph);
  });

  it('moveNode shows a node being dragged: that node moves, its edges follow, nothing else changes', () => {
    const course = objectId(model, 'Course');
    const before = nodeCentre(node(layout, course));
    const dragged = moveNode(layout, course, {
      x: before.x + 120,
      y: before.y - 80,
    });
    expect(nodeCentre(node(dragged, course))).toEqual({
      x: before.x + 120,
      y: before.y - 80,
    });
    for (const n of dragged.nodes)
      if (n.objectId !== course) expect(n).toEqual(node(layout, n.objectId));
    expectEdgesOnBorders(dragged);
    for (const e of dragged.edges) {
      const old = edge(layout, e.relationshipId);
      expect(e.label).toBe(old.label);
      expect(e.oneWay).toBe(old.oneWay);
      if (e.from === course || e.to === course)
        expect(e.path).not.toBe(old.path);
    }
    // The same as saving the position and laying the model out again.
    expect(dragged).toEqual(
      systemGraphLayout(
        withPosition(model, course, { x: before.x + 120, y: before.y - 80 }),
      ),
    );
    expect(moveNode(layout, 'no-such-object', { x: 0, y: 0 })).toBe(layout);
  });

  it('draws only the Now release when given the Now view', () => {
    const now = nowOnly(model);
    const graph = systemGraphLayout(now);
    expect(graph.nodes.map((n) => n.name)).toEqual(
      objectsInOrder(now).map((o) => o.name),
    );
    expect(graph.nodes.map((n) => n.name)).not.toContain('Discussion Post');
    expect(graph.edges).toHaveLength(Object.keys(now.relationships).length);
    const ids = new Set(graph.nodes.map((n) => n.objectId));
    for (const e of graph.edges) {
      expect(ids.has(e.from)).toBe(true);
      expect(ids.has(e.to)).toBe(true);
    }
  });

  it('is the same for the same model, whatever order its records were built in', () => {
    expect(systemGraphLayout(learningPlatform())).toEqual(layout);
    expect(systemGraphLayout(reinserted(model))).toEqual(layout);
    // A fresh copy of the module (no remembered automatic layouts) computes the same.
    let fresh: typeof systemGraphLayout | undefined;
    jest.isolateModules(() => {
      fresh = (
        jest.requireActual('./system-graph-layout') as {
          systemGraphLayout: typeof systemGraphLayout;
        }
      ).systemGraphLayout;
    });
    expect(fresh).not.toBe(systemGraphLayout);
    expect(fresh?.(reinserted(model))).toEqual(layout);
  });

  it('lays out a model too large for dagre on a grid in model order, quickly and without overlaps', () => {
    const objects: Record<string, OrcaObject> = {};
    const count = SYSTEM_GRAPH_METRICS.dagreLimit + 50;
    const first = objectsInOrder(model)[0] as OrcaObject;
    for (let i = 0; i < count; i++) {
      const id = `big-${String(i).padStart(4, '0')}`;
      objects[id] = {
        ...first,
        id,
        name: `Object ${i}`,
        orderKey: `a${String(i).padStart(4, '0')}`,
      };
    }
    const started = Date.now();
    const graph = systemGraphLayout({
      ...model,
      objects,
      relationships: {},
      ctas: {},
      attributes: {},
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(graph.nodes).toHaveLength(count);
    const [a, b] = graph.nodes;
    expect((b as GraphNode).x).toBeGreaterThan((a as GraphNode).x);
    const rows = new Map<number, GraphNode[]>();
    for (const n of graph.nodes) rows.set(n.y, [...(rows.get(n.y) ?? []), n]);
    for (const row of rows.values())
      row
        .slice(1)
        .forEach((n, i) =>
          expect(n.x).toBeGreaterThan(
            (row[i] as GraphNode).x + (row[i] as GraphNode).width,
          ),
        );
  });

  it('lays out a dense model with dagre on a budget: every edge drawn, no overlaps, each parent left of its child', () => {
    // 120 objects in a chain of parents and children, each also many-to-many with its next five
    // neighbours: 120 × 6 cells each way, far more pairs than dagre is given (dagreEdgeFloor).
    const first = objectsInOrder(model)[0] as OrcaObject;
    const template = Object.values(model.relationships)[0] as Relationship;
    const count = 120;
    const id = (i: number) => `dense-${String(i).padStart(4, '0')}`;
    const objects: Record<string, OrcaObject> = {};
    const relationships: Record<string, Relationship> = {};
    const relate = (from: number, to: number, cardinality: Cardinality) => {
      const rid = `rel-${from}-${to}`;
      relationships[rid] = {
        ...template,
        id: rid,
        fromObjectId: id(from),
        toObjectId: id(to),
        label: cardinality === 'one-to-many' ? 'has' : 'relates to',
        cardinality,
      };
    };
    for (let i = 0; i < count; i++) {
      objects[id(i)] = {
        ...first,
        id: id(i),
        name: `Object ${i}`,
        orderKey: `a${String(i).padStart(4, '0')}`,
        position: null,
      };
      if (i + 1 < count) {
        relate(i, i + 1, 'one-to-many');
        relate(i + 1, i, 'many-to-one');
      }
      for (let k = 2; k <= 6 && i + k < count; k++) {
        relate(i, i + k, 'many-to-many');
        relate(i + k, i, 'many-to-many');
      }
    }
    const dense = systemGraphLayout({
      ...model,
      objects,
      relationships,
      ctas: {},
      attributes: {},
    });
    expect(Object.keys(relationships).length).toBeGreaterThan(
      4 * SYSTEM_GRAPH_METRICS.dagreEdgeFloor,
    );
    expect(dense.nodes).toHaveLength(count);
    expect(dense.edges.map((e) => e.relationshipId).sort()).toEqual(
      Object.keys(relationships).sort(),
    );
    const nodes = dense.nodes;
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++)
        expect(overlaps(nodes[i] as Box, nodes[j] as Box)).toBe(false);
    // Laid out by dagre (ranks left to right), not put on the grid in model order.
    for (let i = 0; i + 1 < count; i++)
      expect(centreOf(node(dense, id(i))).x).toBeLessThan(
        centreOf(node(dense, id(i + 1))).x,
      );
    expectEdgesOnBorders(dense);
  });

  it('is empty for a model without objects', () => {
    expect(
      systemGraphLayout({
        objects: {},
        relationships: {},
        roles: {},
        ctas: {},
        attributes: {},
      }),
    ).toEqual({
      nodes: [],
      edges: [],
      bounds: { x: 0, y: 0, width: 0, height: 0 },
    });
  });
});

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  effect,
  input,
  linkedSignal,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import type { Id, MapPosition } from '@orca/shared/domain';
import {
  ARROW_PATH,
  DIAGRAM_COLOURS,
  EDGE_TONES,
  edgeStyle,
  edgeStyleOf,
  moveNode,
  nodeCentre,
  SYSTEM_GRAPH_METRICS,
  type Box,
  type GraphEdge,
  type GraphNode,
  type SystemGraphLayout,
} from '@orca/shared/diagrams';
import { CLICK_SLOP, DiagramViewport } from './diagram-viewport';
import { DiagramZoomControls } from './diagram-zoom-controls';

/** A node put somewhere by a drag or the arrow keys: its object and new centre. */
export interface NodeMove {
  readonly objectId: Id;
  readonly position: MapPosition;
}

interface NodeDrag {
  readonly pointerId: number;
  readonly objectId: Id;
  readonly startX: number;
  readonly startY: number;
  readonly origin: MapPosition;
  travelled: number;
}

let nextGraphId = 0;

/**
 * The system graph, drawn in the template from a `systemGraphLayout`: objects as nodes,
 * relationships as arrows labelled "phrase · cardinality", one-way cells dashed in the warning
 * colour, contradictory pairs red. Wheel or −/+ zoom, dragging the background pans. When
 * `editable`, a node follows the pointer (edges re-routed as it goes) and `nodeMove` is emitted
 * once, on drop; arrow keys move a focused node too. Enter or a double click opens its object.
 */
@Component({
  selector: 'orca-system-graph-view',
  imports: [DiagramZoomControls],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './system-graph-view.html',
  styleUrl: './diagram-view.css',
})
export class SystemGraphViewComponent extends DiagramViewport {
  readonly layout = input.required<SystemGraphLayout>();
  /** Viewers look, zoom and pan; editors also move nodes. */
  readonly editable = input(false);

  readonly nodeMove = output<NodeMove>();
  readonly nodeOpen = output<Id>();

  protected readonly canvas =
    viewChild.required<ElementRef<SVGSVGElement>>('canvas');
  protected readonly uid = `orca-graph-${++nextGraphId}`;
  protected readonly tones = EDGE_TONES;
  protected readonly arrowPath = ARROW_PATH;
  protected readonly colours = DIAGRAM_COLOURS;
  protected readonly labelFont = SYSTEM_GRAPH_METRICS.label.fontSize;
  protected readonly nodeFont = SYSTEM_GRAPH_METRICS.node.fontSize;
  protected readonly styleOf = edgeStyleOf;

  private drag: NodeDrag | null = null;
  private frame: number | null = null;
  private pendingMove: MapPosition | null = null;

  /**
   * Where the node being moved is shown, until the layout catches up with the move (the model
   * changed, so the layout did) — or at once if the layout changes for another reason mid-drag,
   * the dragged node stays with the pointer.
   */
  private readonly moved = linkedSignal<
    SystemGraphLayout,
    { readonly objectId: Id; readonly position: MapPosition } | null
  >({
    source: this.layout,
    computation: (_layout, previous) =>
      this.drag ? (previous?.value ?? null) : null,
  });

  /** The layout on screen: the input, with the node being dragged where the pointer is. */
  readonly shown = computed(() => {
    const moved = this.moved();
    return moved
      ? moveNode(this.layout(), moved.objectId, moved.position)
      : this.layout();
  });

  protected readonly names = computed(
    () => new Map(this.layout().nodes.map((n) => [n.objectId, n.name])),
  );

  constructor() {
    super();
    effect(() => {
      if (this.layout().nodes.length > 0) untracked(() => this.fitOnce());
    });
  }

  protected contentBounds(): Box {
    return this.layout().bounds;
  }

  protected tone(edge: GraphEdge) {
    return edgeStyle(edge);
  }

  protected edgeTitle(edge: GraphEdge): string {
    const names = this.names();
    return `${names.get(edge.from) ?? '?'} → ${names.get(edge.to) ?? '?'}: ${edge.label}${
      edge.problem ? ` (${edge.problem})` : ''
    }`;
  }

  protected centreOf(node: GraphNode): MapPosition {
    return nodeCentre(node);
  }

  protected nodeLabel(node: GraphNode): string {
    return this.editable()
      ? `${node.name}: drag or use the arrow keys to move it, Enter to open it`
      : `${node.name}: press Enter to open it`;
  }

  protected onNodeDown(event: PointerEvent, node: GraphNode): void {
    event.stopPropagation();
    if (event.button !== 0 || !this.editable()) {
      this.startPan(event);
      return;
    }
    this.drag = {
      pointerId: event.pointerId,
      objectId: node.objectId,
      startX: event.clientX,
      startY: event.clientY,
      origin: nodeCentre(node),
      travelled: 0,
    };
    this.capture(event);
  }

  protected onPointerMove(event: PointerEvent): void {
    if (this.movePan(event)) return;
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const scale = this.zoom.scale();
    const dx = (event.clientX - drag.startX) / scale;
    const dy = (event.clientY - drag.startY) / scale;
    drag.travelled = Math.max(
      drag.travelled,
      Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY),
    );
    this.pendingMove = { x: drag.origin.x + dx, y: drag.origin.y + dy };
    // One re-route per frame, however fast the pointer reports.
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      const position = this.pendingMove;
      if (this.drag && position)
        this.moved.set({ objectId: this.drag.objectId, position });
    });
  }

  protected onPointerUp(event: PointerEvent): void {
    if (this.endPan(event)) return;
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = null;
    if (this.frame !== null) {
      cancelAnimationFrame(this.frame);
      this.frame = null;
    }
    const position = this.pendingMove;
    this.pendingMove = null;
    if (drag.travelled <= CLICK_SLOP || !position) {
      this.moved.set(null);
      return;
    }
    const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
    // Shown there until the saved move comes back as a new layout.
    this.moved.set({ objectId: drag.objectId, position: rounded });
    this.nodeMove.emit({ objectId: drag.objectId, position: rounded });
  }

  protected onPointerCancel(event: PointerEvent): void {
    this.endPan(event);
    if (this.drag?.pointerId === event.pointerId) {
      this.drag = null;
      this.pendingMove = null;
      this.moved.set(null);
    }
  }

  protected onNodeKey(event: KeyboardEvent, node: GraphNode): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.nodeOpen.emit(node.objectId);
      return;
    }
    const steps: Record<string, readonly [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const step = steps[event.key];
    if (!step || !this.editable()) return;
    event.preventDefault();
    const distance = event.shiftKey ? 50 : 10;
    const centre = nodeCentre(node);
    this.nodeMove.emit({
      objectId: node.objectId,
      position: {
        x: Math.round(centre.x + step[0] * distance),
        y: Math.round(centre.y + step[1] * distance),
      },
    });
  }
}

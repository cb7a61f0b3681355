import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  effect,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import {
  DIAGRAM_COLOURS,
  MAP_NOTE_KINDS,
  NOTE_COLOURS,
  NOTE_LABELS,
  primaryStarPoints,
  type Box,
  type MapNote,
  type ObjectMapLayout,
} from '@orca/shared/diagrams';
import { DiagramViewport } from './diagram-viewport';
import { DiagramZoomControls } from './diagram-zoom-controls';

/**
 * The Object Map, drawn in the template from an `objectMapLayout`: a column of sticky notes per
 * object in the OOUX colours (object blue, core content yellow, metadata pink, nested objects
 * blue, CTAs green, primary CTAs starred). Wheel or −/+ zoom, dragging the background pans; a
 * click (or Enter) on a note emits `noteOpen` with what the note stands for.
 */
@Component({
  selector: 'orca-object-map-view',
  imports: [DiagramZoomControls],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './object-map-view.html',
  styleUrl: './diagram-view.css',
})
export class ObjectMapViewComponent extends DiagramViewport {
  readonly layout = input.required<ObjectMapLayout>();
  readonly noteOpen = output<MapNote>();

  protected readonly canvas =
    viewChild.required<ElementRef<SVGSVGElement>>('canvas');
  protected readonly kinds = MAP_NOTE_KINDS;
  protected readonly noteColours = NOTE_COLOURS;
  protected readonly noteLabels = NOTE_LABELS;
  protected readonly colours = DIAGRAM_COLOURS;
  protected readonly star = primaryStarPoints;
  /** Notes stay readable (10 px text) when the map opens; pan to the columns beyond. */
  protected override readonly fitFloor = 0.75;
  /** The last press travelled (a pan): the click that ends it opens nothing. */
  private panned = false;

  constructor() {
    super();
    effect(() => {
      if (this.layout().columns.length > 0) untracked(() => this.fitOnce());
    });
  }

  protected contentBounds(): Box {
    return this.layout().bounds;
  }

  protected onPointerUp(event: PointerEvent): void {
    this.panned = this.endPan(event);
  }

  protected onNoteClick(note: MapNote): void {
    if (this.panned) {
      this.panned = false;
      return;
    }
    this.noteOpen.emit(note);
  }

  protected onNoteKey(event: KeyboardEvent, note: MapNote): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    this.noteOpen.emit(note);
  }

  protected noteLabel(note: MapNote): string {
    const kind = NOTE_LABELS[note.kind].replace(' (Role: verb)', '');
    return `${kind}: ${note.text}${note.primary ? ' (primary)' : ''}`;
  }
}

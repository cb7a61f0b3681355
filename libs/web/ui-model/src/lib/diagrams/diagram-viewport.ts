import { afterNextRender, type ElementRef, type Signal } from '@angular/core';
import type { Box } from '@orca/shared/diagrams';
import { ZoomPan } from './zoom-pan';

/** How far (px) a pointer may travel and still count as a click. */
export const CLICK_SLOP = 4;

/**
 * What both diagram views do with their SVG viewport: wheel zooms around the cursor, dragging
 * the background pans, the buttons zoom around the centre or fit the diagram, and the diagram is
 * fitted once when it first has something to show.
 */
export abstract class DiagramViewport {
  protected readonly zoom = new ZoomPan();
  protected abstract readonly canvas: Signal<ElementRef<SVGSVGElement>>;
  /** The diagram's extent in its own coordinates. */
  protected abstract contentBounds(): Box;
  /** The smallest zoom a fit goes to: below it, text is too small to read. */
  protected readonly fitFloor: number = 0.5;

  private pan: {
    readonly pointerId: number;
    lastX: number;
    lastY: number;
    travelled: number;
    captured: boolean;
  } | null = null;
  private fitted = false;
  private rendered = false;

  constructor() {
    afterNextRender(() => {
      this.rendered = true;
      this.fitOnce();
    });
  }

  /** Fits the diagram the first time it has content and the view is on screen. */
  protected fitOnce(): void {
    if (this.fitted || !this.rendered) return;
    const bounds = this.contentBounds();
    if (bounds.width <= 0 && bounds.height <= 0) return;
    this.fitted = true;
    this.fitToView();
  }

  protected fitToView(): void {
    const rect = this.canvas().nativeElement.getBoundingClientRect();
    this.zoom.fit(this.contentBounds(), rect.width, rect.height, this.fitFloor);
  }

  protected zoomBy(factor: number): void {
    const rect = this.canvas().nativeElement.getBoundingClientRect();
    this.zoom.zoomAt(factor, rect.width / 2, rect.height / 2);
  }

  protected onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.canvas().nativeElement.getBoundingClientRect();
    // A notch of a mouse wheel (100 px) zooms by about 16 %; a trackpad's small deltas, smoothly.
    const factor = Math.exp(-event.deltaY * 0.0015);
    this.zoom.zoomAt(
      factor,
      event.clientX - rect.left,
      event.clientY - rect.top,
    );
  }

  /** A press on the background starts panning. */
  protected startPan(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.pan = {
      pointerId: event.pointerId,
      lastX: event.clientX,
      lastY: event.clientY,
      travelled: 0,
      captured: false,
    };
  }

  /** Moves the pan under way, if any; false when no pan is under way. */
  protected movePan(event: PointerEvent): boolean {
    const pan = this.pan;
    if (!pan || pan.pointerId !== event.pointerId) return false;
    const dx = event.clientX - pan.lastX;
    const dy = event.clientY - pan.lastY;
    pan.lastX = event.clientX;
    pan.lastY = event.clientY;
    pan.travelled += Math.abs(dx) + Math.abs(dy);
    // Captured only once it is a drag: a captured press would turn a note's click into the canvas's.
    if (!pan.captured && pan.travelled > CLICK_SLOP) {
      pan.captured = true;
      this.capture(event);
    }
    this.zoom.panBy(dx, dy);
    return true;
  }

  /** Ends the pan; true when the pointer travelled far enough not to be a click. */
  protected endPan(event: PointerEvent): boolean {
    const pan = this.pan;
    if (!pan || pan.pointerId !== event.pointerId) return false;
    this.pan = null;
    return pan.travelled > CLICK_SLOP;
  }

  protected get panning(): boolean {
    return this.pan !== null;
  }

  protected capture(event: PointerEvent): void {
    const svg = this.canvas().nativeElement;
    // jsdom has no pointer capture; browsers keep sending moves to the canvas with it.
    if (typeof svg.setPointerCapture === 'function')
      svg.setPointerCapture(event.pointerId);
  }
}

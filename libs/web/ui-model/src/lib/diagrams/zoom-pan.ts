import { computed, signal } from '@angular/core';
import type { Box } from '@orca/shared/diagrams';

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;

/**
 * Zoom and pan of a diagram drawn in its own coordinates inside an SVG viewport: a scale and an
 * offset in screen px, `transform` for the diagram's group. Zooming keeps the point under the
 * cursor (or the viewport's centre) still.
 */
export class ZoomPan {
  readonly scale = signal(1);
  readonly x = signal(0);
  readonly y = signal(0);
  readonly transform = computed(
    () =>
      `translate(${round(this.x())} ${round(this.y())}) scale(${round(this.scale(), 1000)})`,
  );
  readonly percent = computed(() => Math.round(this.scale() * 100));

  /** Multiplies the scale by `factor` around the viewport point (px, py). */
  zoomAt(factor: number, px: number, py: number): void {
    const before = this.scale();
    const after = clamp(before * factor, MIN_SCALE, MAX_SCALE);
    if (after === before) return;
    // The diagram point under (px, py) stays under it.
    this.x.set(px - ((px - this.x()) * after) / before);
    this.y.set(py - ((py - this.y()) * after) / before);
    this.scale.set(after);
  }

  panBy(dx: number, dy: number): void {
    this.x.update((x) => x + dx);
    this.y.update((y) => y + dy);
  }

  /**
   * Fits `content` (diagram coordinates) into a viewport of `width` × `height`, never above
   * 100 % nor below `floor` (a diagram too large to read whole starts readable at its top left).
   */
  fit(
    content: Box,
    width: number,
    height: number,
    floor = MIN_SCALE,
    padding = 24,
  ): void {
    if (
      content.width <= 0 ||
      content.height <= 0 ||
      width <= 0 ||
      height <= 0
    ) {
      this.scale.set(1);
      this.x.set(padding - content.x);
      this.y.set(padding - content.y);
      return;
    }
    const whole = Math.min(
      (width - 2 * padding) / content.width,
      (height - 2 * padding) / content.height,
      1,
    );
    const scale = clamp(Math.max(whole, floor), MIN_SCALE, MAX_SCALE);
    this.scale.set(scale);
    const spare = width - content.width * scale;
    this.x.set((spare > 2 * padding ? spare / 2 : padding) - content.x * scale);
    this.y.set(padding - content.y * scale);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, factor = 10): number {
  return Math.round(value * factor) / factor;
}

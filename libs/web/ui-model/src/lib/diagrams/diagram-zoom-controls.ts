import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';

/** −, the zoom level, + and Fit: the buttons beside a diagram. */
@Component({
  selector: 'orca-diagram-zoom-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="zoom" role="group" aria-label="Zoom">
      <button
        type="button"
        class="btn btn-small"
        data-testid="zoom-out"
        aria-label="Zoom out"
        (click)="zoomOut.emit()"
      >
        −
      </button>
      <span class="level" data-testid="zoom-level" aria-live="polite"
        >{{ percent() }} %</span
      >
      <button
        type="button"
        class="btn btn-small"
        data-testid="zoom-in"
        aria-label="Zoom in"
        (click)="zoomIn.emit()"
      >
        +
      </button>
      <button
        type="button"
        class="btn btn-small"
        data-testid="zoom-fit"
        (click)="fit.emit()"
      >
        Fit
      </button>
    </div>
  `,
  styles: `
    .zoom {
      display: inline-flex;
      align-items: center;
      gap: var(--orca-space-2);
    }
    .zoom .btn {
      min-width: 2.25rem;
      font-size: 1rem;
    }
    .level {
      min-width: 3.5rem;
      text-align: center;
      font-variant-numeric: tabular-nums;
      color: var(--orca-text-muted);
      font-size: 0.875rem;
    }
  `,
})
export class DiagramZoomControls {
  readonly percent = input.required<number>();
  readonly zoomIn = output<void>();
  readonly zoomOut = output<void>();
  readonly fit = output<void>();
}

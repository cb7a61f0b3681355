import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Id } from '@orca/shared/domain';
import type { PresenceMarks } from '../shared/presence-index';
import { PresenceMarksComponent } from '../shared/presence-marks';
import { CARDINALITY_SHORT } from '../shared/vocabulary';
import type { NomRowView } from './nom-view';

/** Who else is on this row's object and cells. */
export interface NomRowMarks {
  readonly head: PresenceMarks | null;
  readonly cells: ReadonlyMap<Id, PresenceMarks>;
}

/**
 * One row of the NOM. OnPush with signal inputs that stay the same object while nothing in the row
 * changed: a change elsewhere in the matrix never re-renders it.
 */
@Component({
  selector: 'orca-nom-row',
  imports: [PresenceMarksComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'row',
    '[attr.aria-rowindex]': 'row().index + 2',
    '[attr.data-row]': 'row().index',
  },
  template: `
    <div
      class="head"
      role="rowheader"
      [attr.aria-colindex]="1"
      [class.active]="activeColumn() >= 0"
    >
      <span class="name" [title]="row().object.name">{{
        row().object.name
      }}</span>
      @if (marks()?.head; as head) {
        <orca-presence-marks [marks]="head" />
      }
    </div>
    @for (cell of row().cells; track cell.toId; let column = $index) {
      <div
        role="gridcell"
        class="cell"
        [id]="cellIdPrefix() + '-' + row().index + '-' + column"
        [attr.aria-colindex]="column + 2"
        [attr.aria-selected]="column === activeColumn()"
        [attr.aria-label]="cell.description"
        [attr.data-column]="column"
        [attr.data-flag]="cell.flag"
        [class.active]="column === activeColumn()"
        [class.diagonal]="cell.diagonal"
        [class.filled]="cell.relationship !== null"
        [title]="cell.message ?? ''"
      >
        @if (cell.relationship; as r) {
          <span class="label">{{ r.label || '—' }}</span>
          <span class="cardinality" [class.required]="r.required">{{
            short[r.cardinality]
          }}</span>
        }
        @switch (cell.flag) {
          @case ('one-way') {
            <span class="flag warn" aria-hidden="true">→</span>
          }
          @case ('gap') {
            <span class="flag warn" aria-hidden="true">?</span>
          }
          @case ('contradiction') {
            <span class="flag error" aria-hidden="true">!</span>
          }
        }
        @if (marks()?.cells?.get(cell.toId); as cellMarks) {
          <orca-presence-marks class="marks" [marks]="cellMarks" />
        }
      </div>
    }
  `,
  styleUrl: './nom-row.css',
})
export class NomRowComponent {
  readonly row = input.required<NomRowView>();
  /** The active column when this row holds the active cell, -1 otherwise. */
  readonly activeColumn = input(-1);
  readonly marks = input<NomRowMarks | null>(null);
  readonly cellIdPrefix = input.required<string>();

  protected readonly short = CARDINALITY_SHORT;
}

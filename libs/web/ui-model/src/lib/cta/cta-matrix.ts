import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  CRUD_CLASSES,
  buildCtaMatrix,
  ctasInCell,
  findItem,
  type Change,
  type CrudClass,
  type Id,
  type ProjectModel,
} from '@orca/shared/domain';
import { Confirmation, EmptyState } from '@orca/web/ui';
import { GridCursor } from '../shared/grid-cursor';
import type { GridPosition } from '../shared/grid-keys';
import type { ModelDestination } from '../shared/model-view';
import {
  NO_PRESENCE,
  type PresenceIndex,
  cellKey,
  itemKey,
  type PresenceMarks,
} from '../shared/presence-index';
import { PresenceMarksComponent } from '../shared/presence-marks';
import { CRUD_LABEL, CRUD_LETTER } from '../shared/vocabulary';
import { CtaCellPanelComponent } from './cta-cell-panel';
import { RoleListComponent } from './role-list';

interface CellRef {
  readonly roleId: Id;
  readonly objectId: Id;
}

let nextMatrixId = 0;

/**
 * The CTA Matrix: roles down the side, objects across the top, the calls-to-action of each role on
 * each object in the cells; role management beside it. Presentational: it emits domain Changes.
 */
@Component({
  selector: 'orca-cta-matrix',
  imports: [
    CtaCellPanelComponent,
    RoleListComponent,
    PresenceMarksComponent,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(focusout)': 'onFocusOut($event)' },
  templateUrl: './cta-matrix.html',
  styleUrl: './cta-matrix.css',
})
export class CtaMatrixComponent {
  readonly model = input.required<ProjectModel>();
  readonly readonly = input(false);
  /**
   * Who else is here and where, with their soft locks (the page leaves out the person at this
   * screen): avatars and lock badges, never a block.
   */
  readonly presence = input<PresenceIndex>(NO_PRESENCE);
  /**
   * An item to bring into view (a link's `?focus=`): a CTA opens its cell with the verb in focus,
   * a role puts the cursor in its name, an object makes its column active. Acted on once per value.
   */
  readonly focusItem = input<Id | null>(null);

  /** cta.* and role.* changes to apply. */
  readonly edit = output<Change>();
  /** A cell ({kind:'cta-cell', row: roleId, column: objectId, field?}), a CTA or a role; null on leaving. */
  readonly focusChange = output<PresenceFocus | null>();
  readonly lockRequest = output<PresenceFocus>();
  readonly lockRelease = output<PresenceFocus>();
  /** "Add starter roles": the page calls the bulk endpoint. */
  readonly starterSet = output<void>();
  readonly goTo = output<ModelDestination>();

  protected readonly gridId = `orca-cta-${nextMatrixId++}`;
  protected readonly crudClasses = CRUD_CLASSES;
  protected readonly crudLetter = CRUD_LETTER;
  protected readonly crudLabel = CRUD_LABEL;

  private readonly confirmation = inject(Confirmation);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly gridElement = viewChild<ElementRef<HTMLElement>>('grid');
  private readonly panel = viewChild(CtaCellPanelComponent);

  /** The CRUD classes shown; all by default. */
  protected readonly crudFilter = signal<ReadonlySet<CrudClass>>(
    new Set(CRUD_CLASSES),
  );
  protected readonly primaryOnly = signal(false);
  protected readonly filtering = computed(
    () => this.primaryOnly() || this.crudFilter().size < CRUD_CLASSES.length,
  );

  protected readonly matrix = computed(() =>
    buildCtaMatrix(this.model(), {
      crud: [...this.crudFilter()],
      primaryOnly: this.primaryOnly(),
    }),
  );
  /** CTAs per cell before filtering, to tell how many the filters hide. */
  private readonly totals = computed(() => {
    const totals = new Map<string, number>();
    for (const cta of Object.values(this.model().ctas)) {
      const key = `${cta.roleId}|${cta.objectId}`;
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
    return totals;
  });
  protected readonly shownCount = computed(() =>
    this.matrix().rows.reduce(
      (n, row) => n + row.cells.reduce((m, cell) => m + cell.ctas.length, 0),
      0,
    ),
  );

  /** Presence marks per cell ("roleId|objectId"): on the cell itself or on one of its CTAs. */
  protected readonly cellMarks = computed(() => {
    const index = this.presence();
    const marks = new Map<string, PresenceMarks>();
    if (index.isEmpty) return marks;
    for (const row of this.matrix().rows) {
      for (const cell of row.cells) {
        const found = index.marks(
          cellKey('cta-cell', cell.roleId, cell.objectId),
          ...cell.ctas.map((cta) => itemKey('cta', cta.id)),
        );
        if (found) marks.set(`${cell.roleId}|${cell.objectId}`, found);
      }
    }
    return marks;
  });

  /** The active cell, the open panel and their presence focus and soft lock. */
  private readonly cursor = new GridCursor<CellRef>({
    size: () => this.size(),
    cellAt: (position) => this.cellAt(position),
    sameCell: (a, b) => a.roleId === b.roleId && a.objectId === b.objectId,
    cellFocus: (ref) => ({
      kind: 'cta-cell',
      row: ref.roleId,
      column: ref.objectId,
    }),
    readonly: () => this.readonly(),
    grid: () => this.gridElement()?.nativeElement,
    host: this.host.nativeElement,
    editor: () => this.panel(),
    scrollTo: (position) =>
      this.host.nativeElement
        .querySelector(`[id="${this.cellId(position.row, position.column)}"]`)
        ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }),
    clear: (ref) => this.askToClear(ref),
    focusChange: (focus) => this.focusChange.emit(focus),
    lockRequest: (focus) => this.lockRequest.emit(focus),
    lockRelease: (focus) => this.lockRelease.emit(focus),
    injector: this.injector,
  });
  protected readonly active = this.cursor.active;
  private readonly size = computed(() => ({
    rows: this.matrix().roles.length,
    columns: this.matrix().objects.length,
  }));
  protected readonly activeCellId = computed(() =>
    this.size().rows > 0 && this.size().columns > 0
      ? this.cellId(this.active().row, this.active().column)
      : null,
  );

  private readonly editing = this.cursor.editing;
  protected readonly panelCell = computed(() => {
    const ref = this.editing();
    if (!ref) return null;
    const model = this.model();
    const role = findItem(model, 'role', ref.roleId);
    const object = findItem(model, 'object', ref.objectId);
    if (!role || !object) return null;
    return {
      role,
      object,
      ctas: ctasInCell(model, ref.roleId, ref.objectId),
      lock:
        this.presence().marks(cellKey('cta-cell', ref.roleId, ref.objectId))
          ?.lock ?? null,
    };
  });

  private revealed: Id | null = null;

  constructor() {
    effect(() => {
      if (this.editing() && this.panelCell() === null) {
        untracked(() => this.cursor.closeEditor(false));
      }
    });
    // Arriving from a link (?focus=…): show that CTA, role or object.
    afterRenderEffect(() => {
      const id = this.focusItem();
      // Read the model too: an item not there yet is looked for again when it arrives.
      if (id === null || id === this.revealed || !this.model()) return;
      untracked(() => this.reveal(id));
    });
  }

  protected cellId(row: number, column: number): string {
    return `${this.gridId}-${row}-${column}`;
  }

  protected hidden(roleId: Id, objectId: Id, shown: number): number {
    return (this.totals().get(`${roleId}|${objectId}`) ?? 0) - shown;
  }

  protected headMarks(kind: 'role' | 'object', id: Id) {
    const index = this.presence();
    return index.isEmpty ? null : index.marks(itemKey(kind, id));
  }

  protected describeCell(
    role: string,
    object: string,
    verbs: readonly { verb: string; crud: CrudClass; primary: boolean }[],
  ): string {
    if (verbs.length === 0) return `${role} on ${object}: no CTAs.`;
    const list = verbs
      .map(
        (c) =>
          `${c.verb} (${CRUD_LABEL[c.crud]}${c.primary ? ', primary' : ''})`,
      )
      .join(', ');
    return `${role} on ${object}: ${list}.`;
  }

  protected toggleCrud(crud: CrudClass): void {
    this.crudFilter.update((set) => {
      const next = new Set(set);
      if (!next.delete(crud)) next.add(crud);
      return next;
    });
  }

  protected setPrimaryOnly(event: Event): void {
    this.primaryOnly.set((event.target as HTMLInputElement).checked);
  }

  protected showAll(): void {
    this.crudFilter.set(new Set(CRUD_CLASSES));
    this.primaryOnly.set(false);
  }

  protected onGridFocus(): void {
    this.cursor.onGridFocus();
  }

  protected onFocusOut(event: FocusEvent): void {
    this.cursor.onFocusOut(event);
  }

  protected onKeydown(event: KeyboardEvent): void {
    this.cursor.onKeydown(event);
  }

  protected onGridClick(event: MouseEvent): void {
    const cell = (event.target as HTMLElement).closest<HTMLElement>(
      '[role="gridcell"]',
    );
    if (!cell) return;
    const position = {
      row: Number(cell.dataset['row']),
      column: Number(cell.dataset['column']),
    };
    this.cursor.activate(position);
  }

  protected onPanelClosed(): void {
    this.cursor.closeEditor(true);
  }

  protected onPanelField(focus: { ctaId: Id | null; field: string }): void {
    if (!this.editing()) return;
    if (focus.ctaId)
      this.cursor.emitFocus({
        kind: 'cta',
        id: focus.ctaId,
        field: focus.field,
      });
    else this.cursor.focusField(focus.field);
  }

  protected onRoleFocus(focus: PresenceFocus): void {
    this.cursor.emitFocus(focus);
  }

  private reveal(id: Id): void {
    const model = this.model();
    const { roles, objects } = this.matrix();
    const cta = findItem(model, 'cta', id);
    if (cta) {
      const row = roles.findIndex((r) => r.id === cta.roleId);
      const column = objects.findIndex((o) => o.id === cta.objectId);
      if (row < 0 || column < 0) return;
      this.revealed = id;
      this.cursor.moveTo({ row, column });
      this.cursor.openEditor({ roleId: cta.roleId, objectId: cta.objectId });
      afterNextRender(() => this.focusField(`[data-cta-id="${id}"] .verb`), {
        injector: this.injector,
      });
    } else if (findItem(model, 'role', id)) {
      this.revealed = id;
      this.focusField(`[data-role-name="${id}"]`);
    } else if (findItem(model, 'object', id)) {
      const column = objects.findIndex((o) => o.id === id);
      if (column < 0) return;
      this.revealed = id;
      this.cursor.moveTo({ row: this.active().row, column });
      this.gridElement()?.nativeElement.focus({ preventScroll: true });
    }
  }

  private focusField(selector: string): void {
    const field = this.host.nativeElement.querySelector<HTMLElement>(selector);
    field?.scrollIntoView?.({ block: 'nearest' });
    field?.focus({ preventScroll: true });
  }

  private cellAt(position: GridPosition): CellRef | null {
    const { roles, objects } = this.matrix();
    const role = roles[position.row];
    const object = objects[position.column];
    return role && object ? { roleId: role.id, objectId: object.id } : null;
  }

  /** Delete on a cell removes all its CTAs, after saying how many. */
  private askToClear(ref: CellRef | null): void {
    if (!ref || this.readonly()) return;
    const model = this.model();
    const ctas = ctasInCell(model, ref.roleId, ref.objectId);
    if (ctas.length === 0) return;
    const role = findItem(model, 'role', ref.roleId)?.name ?? '';
    const object = findItem(model, 'object', ref.objectId)?.name ?? '';
    const what =
      ctas.length === 1 ? `"${ctas[0].verb}"` : `all ${ctas.length} CTAs`;
    this.confirmation
      .ask({
        title: `Delete ${what} of ${role} on ${object}?`,
        message: ctas.map((c) => c.verb).join(', '),
        confirmLabel: ctas.length === 1 ? 'Delete CTA' : 'Delete CTAs',
      })
      .subscribe((yes) => {
        if (!yes) return;
        for (const cta of ctas)
          this.edit.emit({ kind: 'cta.delete', id: cta.id });
      });
  }
}

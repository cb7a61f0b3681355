import {
  CdkDrag,
  type CdkDragDrop,
  CdkDragHandle,
  CdkDropList,
} from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  type Change,
  type OrcaObject,
  type Priority,
  newObject,
  itemMatches,
  normalizeName,
  searchQuery,
  objectsInOrder,
  orderKeyAtEnd,
  orderKeyForIndex,
} from '@orca/shared/domain';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { Confirmation, EmptyState } from '@orca/web/ui';
import { filter } from 'rxjs';
import { type InlineEdit, InlineText } from '../editing/inline-text';
import { rebaseTextEdit } from '../editing/text-edits';
import { objectDeletionRequest } from './object-deletion';

type SortKey = 'order' | 'name' | 'attributes' | 'ctas' | 'priority';

interface CatalogRow {
  readonly object: OrcaObject;
  readonly attributes: number;
  readonly ctas: number;
  readonly relationships: number;
  /** Others looking at or editing this object. */
  readonly viewers: ReadonlyArray<{ displayName: string; color: string }>;
  /** A one-line definition is edited in the table; a longer one on the object page. */
  readonly definitionInline: boolean;
  readonly definitionPreview: string;
}

const PRIORITY_RANK: Record<Priority, number> = { now: 0, next: 1, later: 2 };

/** The definition's first line, without markdown marks, for the table. */
function preview(markdown: string): string {
  const line = markdown.trim().split('\n')[0] ?? '';
  return line.replace(/[*_`#>[\]]/g, '').trim();
}

/**
 * The Object Guide as a table: search by name or synonym, sort by any column, rename and define
 * in place, add by typing a name and Enter, drag (or Alt+arrow) to reorder, delete with a summary
 * of what goes with the object.
 */
@Component({
  selector: 'orca-object-catalog-page',
  imports: [
    RouterLink,
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    EmptyState,
    InlineText,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './object-catalog-page.html',
  styleUrl: './object-catalog-page.css',
})
export class ObjectCatalogPage {
  /** Query parameter: the object to show first (from a check or another page). */
  readonly focus = input<string | undefined>();

  protected readonly store = inject(WorkspaceStore);
  private readonly confirmation = inject(Confirmation);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly addInput =
    viewChild<ElementRef<HTMLInputElement>>('addInput');

  protected readonly query = signal('');
  protected readonly sortKey = signal<SortKey>('order');
  protected readonly sortDescending = signal(false);
  protected readonly addProblem = signal<string | null>(null);
  /** Announced politely after adds, moves and deletes. */
  protected readonly announcement = signal('');

  /** Every visible object in list order, with what the table shows about it. */
  private readonly ordered = computed<CatalogRow[]>(() => {
    const model = this.store.visibleModel();
    if (!model) return [];
    const attributes = new Map<string, number>();
    const ctas = new Map<string, number>();
    const relationships = new Map<string, number>();
    const bump = (map: Map<string, number>, id: string) =>
      map.set(id, (map.get(id) ?? 0) + 1);
    for (const a of Object.values(model.attributes))
      bump(attributes, a.objectId);
    for (const c of Object.values(model.ctas)) bump(ctas, c.objectId);
    for (const r of Object.values(model.relationships)) {
      bump(relationships, r.fromObjectId);
      if (r.toObjectId !== r.fromObjectId) bump(relationships, r.toObjectId);
    }
    const others = this.store.others();
    return objectsInOrder(model).map((object) => ({
      object,
      attributes: attributes.get(object.id) ?? 0,
      ctas: ctas.get(object.id) ?? 0,
      relationships: relationships.get(object.id) ?? 0,
      viewers: others.filter(
        (member) =>
          member.focus?.kind === 'object' && member.focus.id === object.id,
      ),
      definitionInline: !object.definition.includes('\n'),
      definitionPreview: preview(object.definition),
    }));
  });

  protected readonly rows = computed<CatalogRow[]>(() => {
    const query = searchQuery(this.query());
    const matches =
      query === null
        ? this.ordered()
        : this.ordered().filter(({ object }) => itemMatches(object, query));
    const key = this.sortKey();
    if (key === 'order') return matches;
    const direction = this.sortDescending() ? -1 : 1;
    const value = (row: CatalogRow): number | string => {
      switch (key) {
        case 'name':
          return normalizeName(row.object.name);
        case 'attributes':
          return row.attributes;
        case 'ctas':
          return row.ctas;
        case 'priority':
          return row.object.priority === null
            ? 3
            : PRIORITY_RANK[row.object.priority];
      }
    };
    return [...matches].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  });

  protected readonly total = computed(() => this.ordered().length);
  /** Dragging only makes sense over the whole list in its own order. */
  protected readonly canReorder = computed(
    () =>
      this.store.canEdit() &&
      this.sortKey() === 'order' &&
      this.query().trim() === '',
  );

  constructor() {
    this.store.focus({ kind: 'view', view: 'objects' });
  }

  protected sortBy(key: SortKey): void {
    if (this.sortKey() === key && key !== 'order') {
      this.sortDescending.update((descending) => !descending);
    } else {
      this.sortKey.set(key);
      this.sortDescending.set(false);
    }
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | null {
    if (this.sortKey() !== key) return null;
    return this.sortDescending() ? 'descending' : 'ascending';
  }

  protected add(input: HTMLInputElement): void {
    const name = input.value.trim();
    if (!name) return;
    const model = this.store.model();
    if (!model) return;
    const object = newObject({
      id: crypto.randomUUID(),
      name,
      orderKey: orderKeyAtEnd(Object.values(model.objects)),
      // With "Now only" on, an unphased object would vanish the moment it is added.
      ...(this.store.nowOnly() ? { priority: 'now' as const } : {}),
    });
    const change: Change = { kind: 'object.create', object };
    // Refused by the model (a duplicate name…): said next to the field, nothing sent.
    const problem = this.store.problemWith(change);
    if (problem) {
      this.addProblem.set(problem.message);
      return;
    }
    void this.store.submit(change);
    input.value = '';
    this.addProblem.set(null);
    this.announcement.set(`Added ${name}.`);
  }

  protected rename(object: OrcaObject, edit: InlineEdit): void {
    const name = edit.after.trim();
    if (!name) {
      this.store.notify(
        'error',
        'An object needs a name; it was left as it was.',
      );
      return;
    }
    if (name === object.name) return;
    void this.store.submit({
      kind: 'object.update',
      id: object.id,
      patch: { name },
    });
  }

  protected define(object: OrcaObject, edit: InlineEdit): void {
    const current = this.store.model()?.objects[object.id]?.definition;
    if (current === undefined) return;
    const ops = rebaseTextEdit(edit.before, edit.after, current);
    if (ops.length === 0) return;
    void this.store.submit({
      kind: 'text.edit',
      target: { itemKind: 'object', id: object.id, field: 'definition' },
      ops,
    });
  }

  protected editing(object: OrcaObject, field: string | null): void {
    this.store.focus(
      field
        ? { kind: 'object', id: object.id, field }
        : { kind: 'view', view: 'objects' },
    );
  }

  protected drop(event: CdkDragDrop<CatalogRow[]>): void {
    this.moveTo(event.previousIndex, event.currentIndex);
  }

  /** Alt+↑ / Alt+↓ on a row's handle: the keyboard's drag and drop. */
  protected moveByKey(event: Event, index: number, step: -1 | 1): void {
    if (!this.canReorder()) return;
    event.preventDefault();
    const target = index + step;
    if (target < 0 || target >= this.rows().length) return;
    const id = this.rows()[index]?.object.id;
    this.moveTo(index, target);
    // Keep the focus on the handle of the row that moved, in its new place.
    afterNextRender(
      () =>
        document
          .querySelector<HTMLElement>(`[data-handle-for="${id}"]`)
          ?.focus(),
      { injector: this.injector },
    );
  }

  protected remove(object: OrcaObject): void {
    const model = this.store.model();
    const request = model && objectDeletionRequest(model, object.id);
    if (!request) return;
    this.confirmation
      .ask(request)
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        void this.store.submit({ kind: 'object.delete', id: object.id });
        this.announcement.set(`Deleted ${object.name}.`);
      });
  }

  protected focusAdd(): void {
    this.addInput()?.nativeElement.focus();
  }

  private moveTo(from: number, to: number): void {
    if (from === to || !this.canReorder()) return;
    const rows = this.rows();
    const moving = rows[from];
    if (!moving) return;
    const orderKey = orderKeyForIndex(
      rows.map((row) => row.object),
      to,
      moving.object.id,
    );
    void this.store.submit({
      kind: 'object.move',
      id: moving.object.id,
      orderKey,
    });
    this.announcement.set(
      `${moving.object.name} moved to position ${to + 1} of ${rows.length}.`,
    );
  }
}

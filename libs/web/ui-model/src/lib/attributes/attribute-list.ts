import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  afterRenderEffect,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  CdkDrag,
  CdkDragHandle,
  CdkDropList,
  type CdkDragDrop,
} from '@angular/cdk/drag-drop';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  ATTRIBUTE_TYPES,
  attributesOf,
  findItem,
  objectsInOrder,
  orderKeyForIndex,
  validateChange,
  type Attribute,
  type AttributePatch,
  type AttributeType,
  type Change,
  type Id,
  type OrcaObject,
  type ProjectModel,
} from '@orca/shared/domain';
import { EmptyState } from '@orca/web/ui';
import { distinctFocus } from '../shared/distinct-focus';
import type { ModelDestination } from '../shared/model-view';
import {
  NO_PRESENCE,
  type PresenceIndex,
  itemKey,
} from '../shared/presence-index';
import { refocusMoveButton } from '../shared/move-focus';
import { PresenceMarksComponent } from '../shared/presence-marks';
import { ATTRIBUTE_KIND_LABEL } from '../shared/vocabulary';
import {
  parseListValues,
  readAttributeLines,
  type AttributeLine,
} from './attribute-lines';

let nextListId = 0;

/**
 * An object's attributes, force-ranked: drag (or ↑/↓) to rank, edit in place, add one by typing or
 * many by pasting lines. An object picker beside it lists every object with its attribute count.
 */
@Component({
  selector: 'orca-attribute-list',
  imports: [
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    PresenceMarksComponent,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(focusin)': 'onFocusIn($event)',
    '(focusout)': 'onFocusOut($event)',
  },
  templateUrl: './attribute-list.html',
  styleUrl: './attribute-list.css',
})
export class AttributeListComponent {
  readonly model = input.required<ProjectModel>();
  /** The object whose attributes show; null picks the first object. */
  readonly objectId = input<Id | null>(null);
  readonly readonly = input(false);
  /**
   * Who else is here and where, with their soft locks (the page leaves out the person at this
   * screen): avatars and lock badges, never a block.
   */
  readonly presence = input<PresenceIndex>(NO_PRESENCE);
  /**
   * An attribute to bring into view (a link's `?focus=`): its object is shown and the cursor put
   * in its name. Acted on once per value.
   */
  readonly focusItem = input<Id | null>(null);

  /** attribute.create / update / move / delete changes to apply. */
  readonly edit = output<Change>();
  /** The person moved to an attribute ({kind:'attribute', id, field}) or left (null). */
  readonly focusChange = output<PresenceFocus | null>();
  /** The person picked another object in the side list. */
  readonly objectSelect = output<Id>();
  readonly goTo = output<ModelDestination>();

  protected readonly uid = `orca-attributes-${nextListId++}`;
  protected readonly types = ATTRIBUTE_TYPES;
  protected readonly kindLabel = ATTRIBUTE_KIND_LABEL;

  protected readonly objects = computed(() => objectsInOrder(this.model()));
  protected readonly counts = computed(() => {
    const counts = new Map<Id, number>();
    for (const a of Object.values(this.model().attributes)) {
      counts.set(a.objectId, (counts.get(a.objectId) ?? 0) + 1);
    }
    return counts;
  });
  /** Follows the `objectId` input, and the picker in between. */
  protected readonly selectedId = linkedSignal(() => this.objectId());
  protected readonly object = computed((): OrcaObject | null => {
    const id = this.selectedId();
    const found =
      id !== null ? findItem(this.model(), 'object', id) : undefined;
    return found ?? this.objects().at(0) ?? null;
  });
  protected readonly attributes = computed(() => {
    const object = this.object();
    return object ? attributesOf(this.model(), object.id) : [];
  });

  protected readonly problems = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly bulkOpen = signal(false);
  protected readonly bulkText = signal('');
  protected readonly bulkLines = computed((): AttributeLine[] => {
    const object = this.object();
    const text = this.bulkText();
    return object && text.trim() !== ''
      ? readAttributeLines(text, this.model(), object.id)
      : [];
  });
  protected readonly bulkAddable = computed(
    () => this.bulkLines().filter((l) => l.problem === null).length,
  );

  private revealed: Id | null = null;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly bulkField =
    viewChild<ElementRef<HTMLTextAreaElement>>('bulkField');

  constructor() {
    // Arriving from a link (?focus=…): the attribute's object, with the cursor in its name.
    afterRenderEffect(() => {
      const id = this.focusItem();
      if (id === null || id === this.revealed) return;
      const attribute = findItem(this.model(), 'attribute', id);
      if (!attribute) return;
      if (this.object()?.id !== attribute.objectId) {
        untracked(() => this.selectedId.set(attribute.objectId));
        return;
      }
      this.revealed = id;
      const field = this.host.nativeElement.querySelector<HTMLElement>(
        `[data-attribute-id="${id}"] [data-field="name"]`,
      );
      field?.scrollIntoView?.({ block: 'center' });
      field?.focus({ preventScroll: true });
    });
  }

  protected marksOf(id: Id) {
    const index = this.presence();
    return index.isEmpty ? null : index.marks(itemKey('attribute', id));
  }

  protected objectName(id: Id | null): string {
    return (id && findItem(this.model(), 'object', id)?.name) || '';
  }

  protected select(id: Id): void {
    this.selectedId.set(id);
    this.objectSelect.emit(id);
  }

  protected problem(key: string): string | null {
    return this.problems().get(key) ?? null;
  }

  protected addOne(event: Event): void {
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const object = this.object();
    if (!object || input.value.trim() === '') return;
    const [line] = readAttributeLines(input.value, this.model(), object.id);
    if (line.problem !== null) {
      this.setProblem('add', line.problem);
      return;
    }
    this.setProblem('add', null);
    input.value = '';
    this.edit.emit(line.change);
  }

  /** Opens the paste box, with `text` in it, and the cursor at its end. */
  protected openBulk(text: string): void {
    this.bulkText.set(text);
    this.bulkOpen.set(true);
    afterNextRender(
      () => {
        const field = this.bulkField()?.nativeElement;
        field?.focus();
        field?.setSelectionRange(text.length, text.length);
      },
      { injector: this.injector },
    );
  }

  /**
   * A list pasted into the one-line field would arrive as one long name (the field drops the line
   * breaks): several lines go to the paste box instead, to preview and add at once.
   */
  protected onAddPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/\r?\n\s*\S/.test(text.trim())) return;
    event.preventDefault();
    this.openBulk(text);
  }

  protected onBulkInput(event: Event): void {
    this.bulkText.set((event.target as HTMLTextAreaElement).value);
  }

  protected confirmBulk(): void {
    const lines = this.bulkLines().filter((l) => l.problem === null);
    for (const line of lines) this.edit.emit(line.change);
    this.bulkText.set('');
    this.bulkOpen.set(false);
  }

  protected cancelBulk(): void {
    this.bulkText.set('');
    this.bulkOpen.set(false);
  }

  protected rename(attribute: Attribute, event: Event): void {
    const name = (event.target as HTMLInputElement).value.trim();
    if (name !== attribute.name) this.update(attribute, 'name', { name });
    else this.setProblem(`${attribute.id}.name`, null);
  }

  protected setType(attribute: Attribute, event: Event): void {
    const type = (event.target as HTMLSelectElement).value as AttributeType;
    if (type === attribute.type) return;
    // Only a reference may point at an object: leaving "reference" drops the target too.
    const patch: AttributePatch =
      type !== 'reference' && attribute.referencedObjectId !== null
        ? { type, referencedObjectId: null }
        : { type };
    this.update(attribute, 'type', patch);
  }

  protected toggleKind(attribute: Attribute): void {
    this.update(attribute, 'kind', {
      kind: attribute.kind === 'core' ? 'metadata' : 'core',
    });
  }

  protected setRequired(attribute: Attribute, event: Event): void {
    this.update(attribute, 'required', {
      required: (event.target as HTMLInputElement).checked,
    });
  }

  protected setListValues(attribute: Attribute, event: Event): void {
    const listValues = parseListValues(
      (event.target as HTMLInputElement).value,
    );
    if (listValues.join('\u0000') !== attribute.listValues.join('\u0000'))
      this.update(attribute, 'listValues', { listValues });
  }

  protected setReference(attribute: Attribute, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const referencedObjectId = value === '' ? null : value;
    if (referencedObjectId !== attribute.referencedObjectId)
      this.update(attribute, 'referencedObjectId', { referencedObjectId });
  }

  protected move(attribute: Attribute, index: number): void {
    this.submit(`${attribute.id}.order`, {
      kind: 'attribute.move',
      id: attribute.id,
      orderKey: orderKeyForIndex(this.attributes(), index, attribute.id),
    });
  }

  /** The ↑ / ↓ buttons: one place up or down, keeping the focus on the button. */
  protected moveBy(attribute: Attribute, index: number, step: -1 | 1): void {
    this.move(attribute, index + step);
    refocusMoveButton(
      this.host.nativeElement,
      `[data-attribute-id="${attribute.id}"]`,
      step < 0 ? 'up' : 'down',
      this.injector,
    );
  }

  protected onDrop(
    event: CdkDragDrop<Attribute[], Attribute[], Attribute>,
  ): void {
    if (event.previousIndex === event.currentIndex) return;
    this.move(event.item.data, event.currentIndex);
  }

  protected remove(attribute: Attribute): void {
    this.submit(`${attribute.id}.delete`, {
      kind: 'attribute.delete',
      id: attribute.id,
    });
  }

  protected onFocusIn(event: FocusEvent): void {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-attribute-id]');
    const id = item?.dataset['attributeId'];
    if (id)
      this.emitFocus({ kind: 'attribute', id, field: target.dataset['field'] });
    else {
      const object = this.object();
      if (object)
        this.emitFocus({ kind: 'object', id: object.id, field: 'attributes' });
    }
  }

  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !(event.currentTarget as HTMLElement).contains(next))
      this.emitFocus(null);
  }

  private readonly sendFocus = distinctFocus((focus) =>
    this.focusChange.emit(focus),
  );

  private emitFocus(focus: PresenceFocus | null): void {
    this.sendFocus(
      focus && focus.field === undefined
        ? { kind: focus.kind, id: focus.id }
        : focus,
    );
  }

  private update(
    attribute: Attribute,
    field: string,
    patch: AttributePatch,
  ): void {
    this.submit(`${attribute.id}.${field}`, {
      kind: 'attribute.update',
      id: attribute.id,
      patch,
    });
  }

  private submit(key: string, change: Change): void {
    const problems = validateChange(this.model(), change);
    if (problems.length > 0) {
      this.setProblem(key, problems[0].message);
      return;
    }
    this.setProblem(key, null);
    this.edit.emit(change);
  }

  private setProblem(key: string, message: string | null): void {
    if (message === null && !this.problems().has(key)) return;
    this.problems.update((m) => {
      const next = new Map(m);
      if (message === null) next.delete(key);
      else next.set(key, message);
      return next;
    });
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  CRUD_CLASSES,
  newCta,
  orderKeyAtEnd,
  orderKeyForIndex,
  validateChange,
  type Change,
  type CrudClass,
  type Cta,
  type CtaPatch,
  type Id,
  type OrcaObject,
  type ProjectModel,
  type Role,
} from '@orca/shared/domain';
import { newId } from '../shared/ids';
import type { LockView } from '../shared/model-view';
import type { PresenceIndex } from '../shared/presence-index';
import { itemKey } from '../shared/presence-index';
import { refocusMoveButton } from '../shared/move-focus';
import { PresenceMarksComponent } from '../shared/presence-marks';
import { CRUD_LABEL, CRUD_LETTER, guessCrud } from '../shared/vocabulary';
import { LockIcon } from '../shared/lock-icon';

type CtaTextField = 'verb' | 'preconditions' | 'postconditions' | 'userStory';

let nextPanelId = 0;

/**
 * The CTAs of one CTA Matrix cell (a role × an object): add by typing a verb and Enter, edit each
 * field in place (saved when committed), star the primary ones, expand for conditions and the user
 * story, reorder, delete.
 */
@Component({
  selector: 'orca-cta-cell-panel',
  imports: [PresenceMarksComponent, LockIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'region',
    '[attr.aria-labelledby]': "uid + '-title'",
    '(keydown.escape)': 'onEscape($event)',
    '(focusin)': 'onFocusIn($event)',
  },
  templateUrl: './cta-cell-panel.html',
  styleUrl: './cta-cell-panel.css',
})
export class CtaCellPanelComponent {
  readonly role = input.required<Role>();
  readonly object = input.required<OrcaObject>();
  /** Every CTA of the cell, in order, whatever the matrix's filters. */
  readonly ctas = input.required<readonly Cta[]>();
  readonly model = input.required<ProjectModel>();
  readonly readonly = input(false);
  readonly lock = input<LockView | null>(null);
  readonly presence = input<PresenceIndex | null>(null);

  readonly edit = output<Change>();
  readonly closed = output<void>();
  /** The CTA (or the add field, ctaId null) and field the person moved to. */
  readonly fieldFocus = output<{ ctaId: Id | null; field: string }>();

  protected readonly uid = `orca-cta-panel-${nextPanelId++}`;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly crudClasses = CRUD_CLASSES;
  protected readonly crudLetter = CRUD_LETTER;
  protected readonly crudLabel = CRUD_LABEL;
  protected readonly expanded = signal<ReadonlySet<Id>>(new Set());
  protected readonly problems = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly guess = signal<CrudClass | null>(null);
  private readonly addInput =
    viewChild<ElementRef<HTMLInputElement>>('addInput');

  protected readonly states = computed(() => this.object().states);

  focusFirst(): void {
    this.addInput()?.nativeElement.focus();
  }

  protected marksOf(ctaId: Id) {
    return this.presence()?.marks(itemKey('cta', ctaId)) ?? null;
  }

  protected isExpanded(ctaId: Id): boolean {
    return this.expanded().has(ctaId);
  }

  protected toggleExpanded(ctaId: Id): void {
    this.expanded.update((set) => {
      const next = new Set(set);
      if (!next.delete(ctaId)) next.add(ctaId);
      return next;
    });
  }

  protected onAddInput(event: Event): void {
    const verb = (event.target as HTMLInputElement).value.trim();
    this.guess.set(verb === '' ? null : guessCrud(verb));
  }

  protected add(event: Event): void {
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const verb = input.value.trim();
    if (verb === '') return;
    const change: Change = {
      kind: 'cta.create',
      cta: newCta({
        id: newId(),
        roleId: this.role().id,
        objectId: this.object().id,
        verb,
        crud: guessCrud(verb),
        orderKey: orderKeyAtEnd(this.ctas()),
      }),
    };
    if (this.submit('add', change)) {
      input.value = '';
      this.guess.set(null);
    }
  }

  protected setText(cta: Cta, field: CtaTextField, event: Event): void {
    const raw = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    const value = field === 'verb' ? raw.trim() : raw;
    if (value === cta[field]) {
      this.clearProblem(`${cta.id}.${field}`);
      return;
    }
    this.update(cta, field, { [field]: value });
  }

  protected setCrud(cta: Cta, event: Event): void {
    const crud = (event.target as HTMLSelectElement).value as CrudClass;
    if (crud !== cta.crud) this.update(cta, 'crud', { crud });
  }

  protected setRequiredState(cta: Cta, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const requiredState = value === '' ? null : value;
    if (requiredState !== cta.requiredState)
      this.update(cta, 'requiredState', { requiredState });
  }

  protected togglePrimary(cta: Cta): void {
    this.update(cta, 'primary', { primary: !cta.primary });
  }

  /** One place up or down, keeping the focus on the button pressed. */
  protected move(cta: Cta, index: number, step: -1 | 1): void {
    this.submit(`${cta.id}.order`, {
      kind: 'cta.move',
      id: cta.id,
      orderKey: orderKeyForIndex(this.ctas(), index + step, cta.id),
    });
    refocusMoveButton(
      this.host.nativeElement,
      `[data-cta-id="${cta.id}"]`,
      step < 0 ? 'up' : 'down',
      this.injector,
    );
  }

  protected remove(cta: Cta): void {
    this.submit(`${cta.id}.delete`, { kind: 'cta.delete', id: cta.id });
  }

  protected problem(key: string): string | null {
    return this.problems().get(key) ?? null;
  }

  protected onEscape(event: Event): void {
    event.preventDefault();
    event.stopPropagation();
    this.closed.emit();
  }

  protected onFocusIn(event: FocusEvent): void {
    const target = event.target as HTMLElement;
    const field = target.dataset['field'];
    if (!field) return;
    const item = target.closest<HTMLElement>('[data-cta-id]');
    this.fieldFocus.emit({ ctaId: item?.dataset['ctaId'] ?? null, field });
  }

  private update(cta: Cta, field: string, patch: CtaPatch): void {
    this.submit(`${cta.id}.${field}`, {
      kind: 'cta.update',
      id: cta.id,
      patch,
    });
  }

  private submit(key: string, change: Change): boolean {
    const problems = validateChange(this.model(), change);
    if (problems.length > 0) {
      this.problems.update((m) => new Map(m).set(key, problems[0].message));
      return false;
    }
    this.clearProblem(key);
    this.edit.emit(change);
    return true;
  }

  private clearProblem(key: string): void {
    if (!this.problems().has(key)) return;
    this.problems.update((m) => {
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  }
}

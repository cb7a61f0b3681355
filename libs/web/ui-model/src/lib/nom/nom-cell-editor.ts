import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  CARDINALITIES,
  applyChange,
  findItem,
  mirrorCardinality,
  newRelationship,
  validateChange,
  type Cardinality,
  type Change,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
} from '@orca/shared/domain';
import { newId } from '../shared/ids';
import { LockIcon } from '../shared/lock-icon';
import type { LockView } from '../shared/model-view';
import { CARDINALITY_SHORT, cardinalityPhrase } from '../shared/vocabulary';
import {
  draftOf,
  fieldProblems,
  mergeLive,
  relationshipChange,
  type DraftState,
  type DraftTextField,
  type RelationshipDraft,
} from './relationship-draft';
import type { NomCellFlag } from './nom-view';

const LABEL_SUGGESTIONS = [
  'has many',
  'has one',
  'belongs to',
  'contains',
  'is part of',
  'is assigned to',
  'is created by',
  'refers to',
];

let nextEditorId = 0;

/**
 * The editor of one NOM cell: label, cardinality, required, and the MCSFD specification. Each field
 * is saved when it is committed (change / Enter), so nothing typed waits on a Save button; an edit
 * arriving from someone else replaces the fields this person has not touched.
 */
@Component({
  selector: 'orca-nom-cell-editor',
  imports: [LockIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'region',
    '[attr.aria-labelledby]': "uid + '-title'",
    '(keydown.escape)': 'requestClose($event)',
    '(focusin)': 'onFocusIn($event)',
  },
  templateUrl: './nom-cell-editor.html',
  styleUrl: './nom-cell-editor.css',
})
export class NomCellEditorComponent {
  readonly from = input.required<OrcaObject>();
  readonly to = input.required<OrcaObject>();
  readonly relationship = input.required<Relationship | null>();
  readonly reverse = input<Relationship | null>(null);
  readonly flag = input<NomCellFlag>('none');
  readonly message = input<string | null>(null);
  readonly model = input.required<ProjectModel>();
  readonly readonly = input(false);
  /** Someone else's lock on this cell. */
  readonly lock = input<LockView | null>(null);

  readonly edit = output<Change>();
  readonly closed = output<void>();
  readonly clearRequested = output<void>();
  /** The field the person moved to, for presence. */
  readonly fieldFocus = output<string>();

  protected readonly uid = `orca-nom-editor-${nextEditorId++}`;
  protected readonly cardinalities = CARDINALITIES;
  protected readonly short = CARDINALITY_SHORT;
  protected readonly phrase = cardinalityPhrase;
  protected readonly suggestions = LABEL_SUGGESTIONS;
  protected readonly problems = signal<ReadonlyMap<string, string>>(new Map());
  private readonly labelInput =
    viewChild<ElementRef<HTMLInputElement>>('labelInput');
  private escapedWithProblems = false;
  /**
   * The relationship this editor just created, until its inputs show it: a second field committed
   * in the same gesture (type a label, then click a cardinality) must update it, not create the
   * cell again.
   */
  private created: {
    key: string;
    relationship: Relationship;
    /** The model it was created over: once the inputs move on without it, it was refused. */
    over: ProjectModel;
  } | null = null;

  /** The mirror this editor just asked for, until its inputs move on (then it shows, or was refused). */
  private mirrorSent: { key: string; over: ProjectModel } | null = null;

  private readonly cellKey = computed(
    () => `${this.from().id}|${this.to().id}`,
  );

  protected readonly state = linkedSignal<
    {
      key: string;
      relationship: Relationship | null;
      reverse: Relationship | null;
    },
    DraftState
  >({
    source: () => ({
      key: this.cellKey(),
      relationship: this.relationship(),
      reverse: this.reverse(),
    }),
    computation: (source, previous) => {
      const fresh = draftOf(source.relationship, source.reverse);
      if (!previous || previous.source.key !== source.key) {
        return { draft: fresh, baseline: fresh };
      }
      return mergeLive(previous.value, fresh);
    },
  });

  protected readonly draft = computed(() => this.state().draft);
  protected readonly mirror = computed(() =>
    mirrorCardinality(this.draft().cardinality),
  );
  protected readonly selfRelationship = computed(
    () => this.from().id === this.to().id,
  );
  protected readonly hasSpecification = computed(() => {
    const d = this.draft();
    return [d.mechanics, d.sort, d.filter, d.dependency, d.notes].some(
      (text) => text !== '',
    );
  });

  /** Puts the cursor in the label, ready to type. */
  focusFirst(): void {
    this.labelInput()?.nativeElement.focus();
  }

  protected setText(field: DraftTextField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement)
      .value;
    this.setField(field, value);
  }

  protected setCardinality(cardinality: Cardinality): void {
    this.setField('cardinality', cardinality);
    this.commit();
  }

  protected setRequired(event: Event): void {
    this.setField('required', (event.target as HTMLInputElement).checked);
    this.commit();
  }

  private setField<K extends keyof RelationshipDraft>(
    field: K,
    value: RelationshipDraft[K],
  ): void {
    this.escapedWithProblems = false;
    this.state.update((s) => ({ ...s, draft: { ...s.draft, [field]: value } }));
  }

  /**
   * Saves what this person changed. False when validation refuses it (the problems then show next
   * to their fields); true when saved or when there was nothing to save.
   */
  flush(): boolean {
    if (this.readonly()) return true;
    const { draft, baseline } = this.state();
    const { relationship, model } = this.current();
    const change = relationshipChange(
      this.from().id,
      this.to().id,
      relationship,
      baseline,
      draft,
    );
    if (change === null) {
      this.problems.set(new Map());
      return true;
    }
    const problems = validateChange(model, change);
    if (problems.length > 0) {
      this.problems.set(fieldProblems(problems));
      return false;
    }
    this.problems.set(new Map());
    this.state.set({ draft, baseline: draft });
    if (change.kind === 'relationship.create')
      this.created = {
        key: this.cellKey(),
        relationship: change.relationship,
        over: this.model(),
      };
    this.edit.emit(change);
    return true;
  }

  /** The cell's relationship and the model to check against, counting one just created here. */
  private current(): {
    relationship: Relationship | null;
    model: ProjectModel;
  } {
    const relationship = this.relationship();
    const model = this.model();
    const created =
      this.created?.key === this.cellKey() && this.created.over === model
        ? this.created.relationship
        : null;
    if (relationship !== null || created === null) {
      this.created = null;
      return { relationship, model };
    }
    return {
      relationship: created,
      model: findItem(model, 'relationship', created.id)
        ? model
        : applyChange(model, {
            kind: 'relationship.create',
            relationship: created,
          }).model,
    };
  }

  protected commit(): void {
    this.flush();
  }

  protected commitAndClose(event: Event): void {
    event.preventDefault();
    if (this.flush()) this.closed.emit();
  }

  /** Esc saves and closes; a second Esc closes even when a field is refused, dropping it. */
  protected requestClose(event: Event): void {
    event.preventDefault();
    event.stopPropagation();
    if (this.flush() || this.escapedWithProblems) {
      this.closed.emit();
      return;
    }
    this.escapedWithProblems = true;
  }

  protected done(): void {
    if (this.flush()) this.closed.emit();
  }

  /**
   * Fills the empty mirror cell (column → row) with the matching cardinality, saving this cell
   * first when it is not saved yet. A second click before the first one shows (a hurried double
   * click) does nothing.
   */
  protected fillMirror(): void {
    const key = this.cellKey();
    if (this.mirrorSent?.key === key && this.mirrorSent.over === this.model())
      return;
    if (!this.flush()) return;
    const { model } = this.current();
    const change: Change = {
      kind: 'relationship.create',
      relationship: newRelationship({
        id: newId(),
        fromObjectId: this.to().id,
        toObjectId: this.from().id,
        cardinality: this.mirror(),
      }),
    };
    if (validateChange(model, change).length > 0) return;
    this.mirrorSent = { key, over: this.model() };
    this.edit.emit(change);
  }

  /** Resolves a contradiction by giving the mirror cell the cardinality this cell implies. */
  protected alignMirror(): void {
    const reverse = this.reverse();
    if (!reverse) return;
    this.edit.emit({
      kind: 'relationship.update',
      id: reverse.id,
      patch: { cardinality: this.mirror() },
    });
  }

  protected onFocusIn(event: FocusEvent): void {
    const field = (event.target as HTMLElement).dataset['field'];
    if (field) this.fieldFocus.emit(field);
  }

  protected problem(field: string): string | null {
    return this.problems().get(field) ?? null;
  }
}

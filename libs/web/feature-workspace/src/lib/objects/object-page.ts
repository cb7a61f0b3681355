import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  type ObjectPatch,
  type ObjectState,
  type OrcaObject,
  PRIORITIES,
  type Priority,
  SCORE_MAX,
  SCORE_MIN,
  SIP_ANSWERS,
  SIP_QUESTIONS,
  type SipAnswer,
  type SipQuestion,
  type TextOp,
  attributesOf,
  ctasOf,
  findItem,
  rolesInOrder,
} from '@orca/shared/domain';
import { ActivityStore, WorkspaceStore } from '@orca/web/data-access-workspace';
import { EmptyState } from '@orca/web/ui';
import { ActivityList, followActivity } from '../activity/activity-list';
import { type InlineEdit, InlineText } from '../editing/inline-text';
import { LiveTextEditor } from '../editing/live-text-editor';
import { MarkdownPipe } from '../editing/markdown';
import { StringListEditor } from '../editing/string-list-editor';

const SIP_WORDS: Record<SipQuestion, { title: string; question: string }> = {
  structure: {
    title: 'Structure',
    question: 'Does it have attributes of its own?',
  },
  instances: {
    title: 'Instances',
    question: 'Can you name examples of it?',
  },
  purpose: {
    title: 'Purpose',
    question: 'Does it matter to users and to the business?',
  },
};

/**
 * One Object Guide entry: the definition (markdown, typed into together), synonyms, examples,
 * states, the SIP check, open questions and the phase, with the object's attributes, nested
 * objects, CTAs and its history (who changed it and what touched it) listed beside it.
 */
@Component({
  selector: 'orca-object-page',
  imports: [
    RouterLink,
    EmptyState,
    InlineText,
    LiveTextEditor,
    MarkdownPipe,
    StringListEditor,
    ActivityList,
  ],
  providers: [ActivityStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './object-page.html',
  styleUrl: './object-page.css',
})
export class ObjectPage {
  /** Route parameter. */
  readonly objectId = input.required<string>();
  /** Query parameter: the part of the page to bring into view (`definition`, `sip`…). */
  readonly focus = input<string | undefined>();

  protected readonly store = inject(WorkspaceStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly sipQuestions = SIP_QUESTIONS;
  protected readonly sipWords = SIP_WORDS;
  protected readonly sipAnswers = SIP_ANSWERS;
  protected readonly priorities = PRIORITIES;
  protected readonly scoreMin = SCORE_MIN;
  protected readonly scoreMax = SCORE_MAX;
  protected readonly editingDefinition = signal(false);

  protected readonly object = computed<OrcaObject | null>(() => {
    const model = this.store.model();
    return (model && findItem(model, 'object', this.objectId())) ?? null;
  });
  /** Hidden by the "Now only" filter: shown, but said so. */
  protected readonly filteredOut = computed(() => {
    const visible = this.store.visibleModel();
    return (
      this.object() !== null &&
      visible !== null &&
      !findItem(visible, 'object', this.objectId())
    );
  });
  private readonly listModel = computed(() =>
    this.filteredOut() ? this.store.model() : this.store.visibleModel(),
  );
  protected readonly attributes = computed(() => {
    const model = this.listModel();
    return model ? attributesOf(model, this.objectId()) : [];
  });
  protected readonly nested = computed(() => {
    const model = this.listModel();
    if (!model) return { nests: [], nestedIn: [] };
    const id = this.objectId();
    const name = (objectId: string) =>
      findItem(model, 'object', objectId)?.name ?? '?';
    const relationships = Object.values(model.relationships);
    return {
      nests: relationships
        .filter((r) => r.fromObjectId === id)
        .map((r) => ({
          ...r,
          otherId: r.toObjectId,
          other: name(r.toObjectId),
        }))
        .sort((a, b) => a.other.localeCompare(b.other)),
      nestedIn: relationships
        .filter((r) => r.toObjectId === id && r.fromObjectId !== id)
        .map((r) => ({
          ...r,
          otherId: r.fromObjectId,
          other: name(r.fromObjectId),
        }))
        .sort((a, b) => a.other.localeCompare(b.other)),
    };
  });
  protected readonly ctasByRole = computed(() => {
    const model = this.listModel();
    if (!model) return [];
    const ctas = ctasOf(model, this.objectId());
    return rolesInOrder(model)
      .map((role) => ({
        role,
        ctas: ctas.filter((cta) => cta.roleId === role.id),
      }))
      .filter((group) => group.ctas.length > 0);
  });
  protected readonly definitionLock = computed(() =>
    this.store.lockedByOther(this.definitionTarget()),
  );
  private readonly definitionTarget = computed<PresenceFocus>(() => ({
    kind: 'object',
    id: this.objectId(),
    field: 'definition',
  }));

  constructor() {
    effect(() => {
      const id = this.objectId();
      untracked(() => this.store.focus({ kind: 'object', id }));
    });
    followActivity(this.objectId);
    // Arriving with ?focus=…: bring that part into view (and open an empty definition).
    effect(() => {
      const focus = this.focus();
      const object = this.object();
      if (!focus || !object) return;
      untracked(() => {
        if (
          focus === 'definition' &&
          this.store.canEdit() &&
          !object.definition.trim()
        )
          this.editingDefinition.set(true);
        afterNextRender(() => this.reveal(focus), { injector: this.injector });
      });
    });
  }

  protected update(patch: ObjectPatch): void {
    void this.store.submit({
      kind: 'object.update',
      id: this.objectId(),
      patch,
    });
  }

  protected rename(edit: InlineEdit): void {
    const name = edit.after.trim();
    if (!name) {
      this.store.notify(
        'error',
        'An object needs a name; it was left as it was.',
      );
      return;
    }
    this.update({ name });
  }

  protected editDefinition(ops: TextOp[]): void {
    void this.store.submit({
      kind: 'text.edit',
      target: { itemKind: 'object', id: this.objectId(), field: 'definition' },
      ops,
    });
  }

  protected definitionFocused(): void {
    const target = this.definitionTarget();
    this.store.focus(target);
    void this.store.acquireLock(target);
  }

  protected definitionBlurred(): void {
    this.store.releaseLock(this.definitionTarget());
    this.store.focus({ kind: 'object', id: this.objectId() });
  }

  protected fieldFocus(field: string | null): void {
    this.store.focus(
      field
        ? { kind: 'object', id: this.objectId(), field }
        : { kind: 'object', id: this.objectId() },
    );
  }

  protected setPriority(value: string): void {
    const priority = (PRIORITIES as readonly string[]).includes(value)
      ? (value as Priority)
      : null;
    this.update({ priority });
  }

  protected setScore(value: string): void {
    const score = value === '' ? null : Number(value);
    if (
      score !== null &&
      (!Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX)
    ) {
      this.store.notify(
        'error',
        `A score is a whole number from ${SCORE_MIN} to ${SCORE_MAX}.`,
      );
      return;
    }
    this.update({ score });
  }

  protected setSipAnswer(question: SipQuestion, value: string): void {
    const object = this.object();
    if (!object) return;
    const answer = (SIP_ANSWERS as readonly string[]).includes(value)
      ? (value as SipAnswer)
      : null;
    this.update({
      sip: { ...object.sip, [question]: { ...object.sip[question], answer } },
    });
  }

  protected setSipNote(question: SipQuestion, edit: InlineEdit): void {
    const object = this.object();
    if (!object) return;
    this.update({
      sip: {
        ...object.sip,
        [question]: { ...object.sip[question], note: edit.after.trim() },
      },
    });
  }

  protected addState(entry: HTMLInputElement): void {
    const object = this.object();
    const name = entry.value.trim();
    if (!object || !name) return;
    const state: ObjectState = { name, description: '', transitions: [] };
    const change = {
      kind: 'object.update' as const,
      id: object.id,
      patch: { states: [...object.states, state] },
    };
    const problem = this.store.problemWith(change);
    if (problem) {
      this.store.notify('error', problem.message);
      return;
    }
    void this.store.submit(change);
    entry.value = '';
  }

  /** Renames a state, and the transitions of the others that lead to it. */
  protected renameState(index: number, edit: InlineEdit): void {
    const object = this.object();
    const name = edit.after.trim();
    if (!object || !name) return;
    const old = object.states[index]?.name;
    this.update({
      states: object.states.map((state, i) => ({
        ...state,
        name: i === index ? name : state.name,
        transitions: state.transitions.map((t) => (t === old ? name : t)),
      })),
    });
  }

  protected describeState(index: number, edit: InlineEdit): void {
    const object = this.object();
    if (!object) return;
    this.update({
      states: object.states.map((state, i) =>
        i === index ? { ...state, description: edit.after.trim() } : state,
      ),
    });
  }

  protected removeState(index: number): void {
    const object = this.object();
    if (!object) return;
    const gone = object.states[index]?.name;
    this.update({
      states: object.states
        .filter((_, i) => i !== index)
        .map((state) => ({
          ...state,
          transitions: state.transitions.filter((t) => t !== gone),
        })),
    });
  }

  protected link(...segments: string[]): string[] {
    return ['/projects', this.store.projectId() ?? '', ...segments];
  }

  protected sipAnswer(question: SipQuestion): string {
    return this.object()?.sip[question].answer ?? '';
  }

  private reveal(focus: string): void {
    if (!/^[\w-]+$/.test(focus)) return;
    const section = this.host.nativeElement.querySelector<HTMLElement>(
      `#section-${focus}`,
    );
    if (!section) return;
    section.scrollIntoView?.({ block: 'start' });
    const field =
      section.querySelector<HTMLElement>('textarea, input, select') ??
      section.querySelector<HTMLElement>('h2');
    field?.focus();
  }
}

import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  FORAGING_TEXT_MAX_BYTES,
  type ForagingCandidateDto,
  type ForagingFlagKind,
  type ForagingMention,
  type ForagingOrigin,
  type ForagingSourceDto,
} from '@orca/shared/contracts';
import {
  CRUD_CLASSES,
  type CrudClass,
  type Promotion,
  objectsInOrder,
  rolesInOrder,
  sameName,
} from '@orca/shared/domain';
import { ForagingStore, WorkspaceStore } from '@orca/web/data-access-workspace';
import { Alert, Confirmation, EmptyState } from '@orca/web/ui';
import { filter } from 'rxjs';
import { objectLink } from '../workspace-links';
import { highlightParts, sizeLabel, type SentencePart } from './highlight';

type PromotionKind = Promotion['as'];

/** Short words for the flags, on a candidate's row. */
const FLAG_LABEL: Readonly<Record<ForagingFlagKind, string>> = {
  collection: 'collection',
  'collection-member': 'from a collection',
  abstract: 'abstract',
  time: 'time',
  'generic-person': 'people in general',
  mass: 'mass noun',
  medium: 'medium',
  example: 'example',
  attribute: 'attribute?',
  named: 'a name',
  role: 'role?',
};

const ORIGIN_LABEL: Readonly<Record<ForagingOrigin, string>> = {
  noun: 'a noun',
  'noun-phrase': 'a compound noun',
  verb: 'a verb that implies it',
  'collection-member': 'what a collection holds',
};

const CRUD_LABEL: Readonly<Record<CrudClass, string>> = {
  create: 'Create',
  read: 'Read',
  update: 'Update',
  delete: 'Delete',
  other: 'Other',
};

interface MentionView {
  readonly key: string;
  readonly source: string;
  readonly parts: readonly SentencePart[];
}

/**
 * Noun foraging (ORCA round 1): paste or upload research, see the candidate objects it names,
 * ranked and linked to their sentences, and promote one with a click — to an object, a synonym,
 * an attribute or a CTA — as a change like any other, so everyone sees it and Undo reverts it.
 */
@Component({
  selector: 'orca-foraging-page',
  imports: [Alert, DatePipe, EmptyState, RouterLink],
  providers: [ForagingStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './foraging-page.html',
  styleUrl: './foraging-page.css',
})
export class ForagingPage {
  protected readonly store = inject(WorkspaceStore);
  protected readonly foraging = inject(ForagingStore);
  private readonly confirmation = inject(Confirmation);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fileInput =
    viewChild<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly limit = sizeLabel(FORAGING_TEXT_MAX_BYTES);
  protected readonly flagLabel = FLAG_LABEL;
  protected readonly crudClasses = CRUD_CLASSES;
  protected readonly crudLabel = CRUD_LABEL;
  protected readonly size = sizeLabel;

  protected readonly name = signal('');
  protected readonly text = signal('');
  protected readonly hideDemoted = signal(false);
  /** The promotion form open for the selected candidate, if any. */
  protected readonly picking = signal<Exclude<PromotionKind, 'object'> | null>(
    null,
  );
  protected readonly targetObjectId = signal('');
  protected readonly roleId = signal('');
  protected readonly verb = signal('');
  protected readonly crud = signal<CrudClass>('other');
  protected readonly promotionStatus = signal<{
    ok: boolean;
    message: string;
  } | null>(null);

  protected readonly workspaceProjectId = computed(
    () => this.store.projectId() ?? '',
  );
  protected readonly objects = computed(() => {
    const model = this.store.model();
    return model ? objectsInOrder(model) : [];
  });
  protected readonly roles = computed(() => {
    const model = this.store.model();
    return model ? rolesInOrder(model).filter((r) => !r.archived) : [];
  });
  protected readonly shown = computed(() =>
    this.hideDemoted()
      ? this.foraging.candidates().filter((c) => !c.demoted)
      : this.foraging.candidates(),
  );
  protected readonly demotedCount = computed(
    () => this.foraging.candidates().filter((c) => c.demoted).length,
  );
  protected readonly sourceNames = computed(
    () => new Map(this.foraging.sources().map((s) => [s.id, s.name])),
  );
  protected readonly mentions = computed<MentionView[]>(() => {
    const candidate = this.foraging.selected();
    if (!candidate) return [];
    const names = this.sourceNames();
    return candidate.mentions.map((m: ForagingMention) => ({
      key: `${m.sourceId}:${m.sentenceStart}`,
      source: names.get(m.sourceId) ?? 'a removed source',
      parts: highlightParts(m.sentence, m.ranges),
    }));
  });
  protected readonly textBytes = computed(
    () => new TextEncoder().encode(this.text()).length,
  );

  constructor() {
    this.store.focus({ kind: 'view', view: 'foraging' });
    effect(() => {
      const projectId = this.workspaceProjectId();
      if (projectId) untracked(() => this.foraging.load(projectId));
    });
  }

  protected origins(candidate: ForagingCandidateDto): string {
    return candidate.origins.map((o) => ORIGIN_LABEL[o]).join(', ');
  }

  protected objectLink(objectId: string): readonly string[] {
    return objectLink(this.workspaceProjectId(), objectId).commands;
  }

  protected select(candidate: ForagingCandidateDto): void {
    if (this.foraging.selectedKey() !== candidate.key) {
      this.picking.set(null);
      this.promotionStatus.set(null);
    }
    this.foraging.select(candidate.key);
  }

  /** Up and down arrows move through the candidates, Home and End to either end. */
  protected onListKeydown(event: KeyboardEvent): void {
    const list = this.shown();
    if (list.length === 0) return;
    // From the candidate with the focus (Tab may have moved it), else the one selected.
    const focused = (event.target as HTMLElement | null)
      ?.closest('[data-candidate-key]')
      ?.getAttribute('data-candidate-key');
    const from = focused ?? this.foraging.selectedKey();
    const index = list.findIndex((c) => c.key === from);
    const next =
      event.key === 'ArrowDown'
        ? Math.min(list.length - 1, index + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? list.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    this.select(list[next]);
    const buttons =
      (event.currentTarget as HTMLElement)
        .closest('ol')
        ?.querySelectorAll<HTMLElement>('button.pick') ?? [];
    buttons[next]?.focus();
  }

  protected async forageText(): Promise<void> {
    const text = this.text();
    if (!text.trim()) return;
    const kept = await this.foraging.addText(
      text,
      this.name().trim() || undefined,
    );
    if (kept) {
      this.text.set('');
      this.name.set('');
    }
  }

  protected async forageFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    await this.foraging.addFile(file, this.name().trim() || undefined);
    input.value = '';
    this.name.set('');
  }

  protected chooseFile(): void {
    this.fileInput()?.nativeElement.click();
  }

  protected removeSource(source: ForagingSourceDto): void {
    this.confirmation
      .ask({
        title: `Remove “${source.name}”?`,
        message:
          'Its text and what it added to the candidates go. Objects already promoted from it stay in the model.',
        confirmLabel: 'Remove source',
      })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => void this.foraging.removeSource(source.id));
  }

  protected async promoteAsObject(
    candidate: ForagingCandidateDto,
  ): Promise<void> {
    this.picking.set(null);
    this.promotionStatus.set(
      await this.foraging.promote(candidate, { as: 'object' }),
    );
  }

  /** Opens the form that picks an object (and a role, for a CTA). */
  protected pick(
    kind: Exclude<PromotionKind, 'object'>,
    candidate: ForagingCandidateDto,
  ): void {
    this.promotionStatus.set(null);
    this.picking.set(kind);
    const objects = this.objects();
    // An attribute starts on the object the research says has it ("a pet has a breed").
    const hint = kind === 'attribute' ? candidate.attributeOf[0] : undefined;
    const suggested = hint
      ? objects.find((o) => sameName(o.name, hint))
      : undefined;
    this.targetObjectId.set(
      suggested?.id ??
        objects.find((o) => o.id !== candidate.inModel?.objectId)?.id ??
        objects[0]?.id ??
        '',
    );
    this.roleId.set(this.roles()[0]?.id ?? '');
    this.verb.set(candidate.verbs[0] ?? candidate.name.toLowerCase());
    this.crud.set('other');
  }

  protected async confirmPick(candidate: ForagingCandidateDto): Promise<void> {
    const kind = this.picking();
    const objectId = this.targetObjectId();
    if (!kind || !objectId) return;
    const promotion: Promotion =
      kind === 'cta'
        ? {
            as: 'cta',
            roleId: this.roleId(),
            objectId,
            verb: this.verb(),
            crud: this.crud(),
          }
        : { as: kind, objectId };
    const outcome = await this.foraging.promote(candidate, promotion);
    this.promotionStatus.set(outcome);
    if (outcome.ok) this.picking.set(null);
  }

  protected pickLabel(kind: Exclude<PromotionKind, 'object'>): string {
    return kind === 'synonym'
      ? 'Add as a synonym of'
      : kind === 'attribute'
        ? 'Add as an attribute of'
        : 'Add as a CTA on';
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  CARD_ATTRIBUTE_COUNT,
  type CdllPart,
  type Id,
  type PreviewWarning,
  type ProjectModel,
  cdllPreviews,
  findItem,
} from '@orca/shared/domain';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { EmptyState } from '@orca/web/ui';
import {
  CdllCardComponent,
  CdllDetailComponent,
  CdllLandingComponent,
  CdllListComponent,
} from '@orca/web/ui-model';
import {
  type WorkspaceLink,
  linkToItem,
  objectLink,
  sectionLink,
} from '../workspace-links';

const PART_LABEL: Readonly<Record<CdllPart, string>> = {
  card: 'Card',
  detail: 'Detail',
  list: 'List',
  landing: 'Landing',
};

const PHASE_LABEL = { now: 'Now', next: 'Next', later: 'Later' } as const;

/**
 * Where a preview warning is fixed: the object's attributes view (to add core content or
 * metadata), its column of the CTA Matrix, its page at the definition or examples, or the
 * attribute itself.
 */
export function previewFixLink(
  projectId: string,
  warning: PreviewWarning,
  model: ProjectModel | null,
): WorkspaceLink {
  const { target, field } = warning;
  if (target.itemKind !== 'object') return linkToItem(projectId, target, model);
  switch (field) {
    case 'attributes':
      return {
        ...sectionLink(projectId, 'attributes'),
        queryParams: { object: target.id },
      };
    case 'ctas':
      return {
        ...sectionLink(projectId, 'ctas'),
        queryParams: { focus: target.id },
      };
    default:
      return objectLink(projectId, target.id, field ?? undefined);
  }
}

/**
 * The CDLL previews (ORCA round 4) at `/projects/:projectId/previews?object=<id>`: an object
 * picker, then the chosen object (the first when none is named) as a Card, a Detail, a List with
 * working sort and filter controls and a Landing, made from the live model as shown ("Now only"
 * applies), with the gaps they expose linked to where each is fixed.
 */
@Component({
  selector: 'orca-previews-page',
  imports: [
    RouterLink,
    EmptyState,
    CdllCardComponent,
    CdllDetailComponent,
    CdllListComponent,
    CdllLandingComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './previews-page.html',
  styleUrl: './previews-page.css',
})
export class PreviewsPage {
  /** Query parameter: the object to preview. */
  readonly object = input<string | undefined>();

  protected readonly store = inject(WorkspaceStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly partLabel = PART_LABEL;
  protected readonly phaseLabel = PHASE_LABEL;
  protected readonly cardCount = CARD_ATTRIBUTE_COUNT;
  protected readonly parts: readonly CdllPart[] = [
    'card',
    'detail',
    'list',
    'landing',
  ];
  /** Show the OOUX colours on the sketches. */
  protected readonly annotate = signal(true);

  protected readonly projectId = computed(() => this.store.projectId() ?? '');
  protected readonly previews = computed(() => {
    const model = this.store.visibleModel();
    return model ? cdllPreviews(model) : null;
  });
  protected readonly selected = computed(() => {
    const previews = this.previews() ?? [];
    const id = this.object();
    return id
      ? (previews.find((p) => p.entry.object.id === id) ?? null)
      : (previews[0] ?? null);
  });
  /** The object asked for exists but "Now only" hides it. */
  protected readonly hidden = computed(() => {
    const id = this.object();
    const model = this.store.model();
    if (!id || !model || this.selected()) return null;
    return findItem(model, 'object', id) ?? null;
  });
  protected readonly hiddenCount = computed(
    () =>
      Object.keys(this.store.model()?.objects ?? {}).length -
      (this.previews()?.length ?? 0),
  );
  /** Per object, the gaps that are warnings (not the informational ones). */
  protected readonly gapCounts = computed(
    () =>
      new Map(
        (this.previews() ?? []).map((p) => [
          p.entry.object.id,
          p.warnings.filter((w) => w.severity === 'warning').length,
        ]),
      ),
  );
  protected readonly warnings = computed(() => {
    const preview = this.selected();
    const model = this.store.visibleModel();
    return (preview?.warnings ?? []).map((warning) => ({
      warning,
      parts: warning.parts.map((part) => PART_LABEL[part]).join(' · '),
      link: previewFixLink(this.projectId(), warning, model),
    }));
  });
  protected readonly links = computed(() => {
    const id = this.selected()?.entry.object.id ?? '';
    const projectId = this.projectId();
    return {
      object: objectLink(projectId, id),
      attributes: {
        ...sectionLink(projectId, 'attributes'),
        queryParams: { object: id },
      },
      ctas: { ...sectionLink(projectId, 'ctas'), queryParams: { focus: id } },
    };
  });

  constructor() {
    this.store.focus({ kind: 'view', view: 'previews' });
  }

  protected gapLabel(id: Id): string {
    const gaps = this.gapCounts().get(id) ?? 0;
    return gaps === 0 ? 'ready' : gaps === 1 ? '1 gap' : `${gaps} gaps`;
  }

  /** A nested object followed on the Detail: its previews, from the top. */
  protected open(objectId: Id): void {
    void this.router
      .navigate([], { queryParams: { object: objectId } })
      .then(() => this.jumpTo('top'));
  }

  protected jumpTo(part: CdllPart | 'top'): void {
    this.host.nativeElement
      .querySelector(`#preview-${part}`)
      ?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }

  protected showAllPhases(): void {
    this.store.setNowOnly(false);
  }
}

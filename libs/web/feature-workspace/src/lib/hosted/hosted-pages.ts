import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { lockKey, type PresenceFocus } from '@orca/shared/contracts';
import {
  PRIORITISED_KINDS,
  type Change,
  type Id,
  type PrioritisedKind,
} from '@orca/shared/domain';
import { WorkspaceApi, WorkspaceStore } from '@orca/web/data-access-workspace';
import { EmptyState } from '@orca/web/ui';
import {
  AttributeListComponent,
  CtaMatrixComponent,
  type ModelDestination,
  NomGridComponent,
  PresenceIndex,
  PriorityBoardComponent,
} from '@orca/web/ui-model';

/**
 * The frame of a workspace view whose editor lives in `@orca/web/ui-model` (NOM grid, CTA matrix,
 * attribute list, priority board): the heading, and while the model loads, a way on.
 */
@Component({
  selector: 'orca-model-view-frame',
  imports: [RouterLink, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>{{ heading() }}</h1>
        <p class="muted">{{ purpose() }}</p>
      </div>
    </header>
    <ng-content>
      <orca-empty-state
        heading="Loading the model…"
        message="It appears here as soon as the project is connected."
        data-testid="view-loading"
      >
        <a class="btn btn-small" [routerLink]="objectsLink()"
          >Go to the objects</a
        >
      </orca-empty-state>
    </ng-content>
  `,
})
export class ModelViewFrame {
  readonly heading = input.required<string>();
  readonly purpose = input.required<string>();

  private readonly store = inject(WorkspaceStore);
  protected readonly objectsLink = computed(() => [
    '/projects',
    this.store.projectId() ?? '',
    'objects',
  ]);
}

/**
 * What every hosted view does with the editor's outputs: changes go through the live store
 * (optimistic, rolled back with a notice when refused), focus becomes presence, lock requests
 * become soft locks (released when the view closes), and "go to" links navigate.
 */
abstract class HostedView {
  protected readonly store = inject(WorkspaceStore);
  private readonly router = inject(Router);
  /** Who else is here and where, with their locks, filed once for the view. */
  protected readonly presence = computed(
    () =>
      new PresenceIndex(
        this.store.presence(),
        this.store.locks(),
        this.store.myUserId(),
      ),
  );
  private readonly held = new Map<string, PresenceFocus>();

  constructor(view: string) {
    this.store.focus({ kind: 'view', view });
    inject(DestroyRef).onDestroy(() => {
      for (const target of this.held.values()) this.store.releaseLock(target);
      this.held.clear();
    });
  }

  protected submit(change: Change): void {
    void this.store.submit(change);
  }

  protected focusOn(focus: PresenceFocus | null): void {
    this.store.focus(focus);
  }

  protected lock(target: PresenceFocus): void {
    this.held.set(lockKey(target), target);
    void this.store.acquireLock(target).then((response) => {
      if (!response.ok && response.holder)
        this.store.notify(
          'info',
          `${response.holder.displayName} is editing this too; your changes still count.`,
        );
    });
  }

  protected unlock(target: PresenceFocus): void {
    this.held.delete(lockKey(target));
    this.store.releaseLock(target);
  }

  protected goTo(destination: ModelDestination): void {
    const section = destination === 'cta-matrix' ? 'ctas' : destination;
    void this.router.navigate([
      '/projects',
      this.store.projectId() ?? '',
      section,
    ]);
  }

  protected navigateWith(queryParams: Record<string, string>): void {
    void this.router.navigate([], {
      queryParams,
      queryParamsHandling: 'merge',
    });
  }
}

/** Hosts the Nested Object Matrix (`?focus=` an object or relationship id). */
@Component({
  selector: 'orca-nom-page',
  imports: [ModelViewFrame, NomGridComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<orca-model-view-frame
    heading="Nested Object Matrix"
    purpose="How each object relates to every other: row nests column."
  >
    @if (store.visibleModel(); as model) {
      <orca-nom-grid
        [model]="model"
        [focusItem]="focus() ?? null"
        [readonly]="!store.canEdit()"
        [presence]="presence()"
        (edit)="submit($event)"
        (focusChange)="focusOn($event)"
        (lockRequest)="lock($event)"
        (lockRelease)="unlock($event)"
        (goTo)="goTo($event)"
      />
    }
  </orca-model-view-frame>`,
})
export class NomPage extends HostedView {
  readonly focus = input<string | undefined>();

  constructor() {
    super('nom');
  }
}

/** Hosts the CTA Matrix and role management (`?focus=` a CTA, role or object id). */
@Component({
  selector: 'orca-cta-matrix-page',
  imports: [ModelViewFrame, CtaMatrixComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<orca-model-view-frame
    heading="Calls to action"
    purpose="What each role can do to each object."
  >
    @if (store.visibleModel(); as model) {
      <orca-cta-matrix
        [model]="model"
        [focusItem]="focus() ?? null"
        [readonly]="!store.canEdit()"
        [presence]="presence()"
        (edit)="submit($event)"
        (focusChange)="focusOn($event)"
        (lockRequest)="lock($event)"
        (lockRelease)="unlock($event)"
        (starterSet)="addStarterRoles()"
        (goTo)="goTo($event)"
      />
    }
  </orca-model-view-frame>`,
})
export class CtaMatrixPage extends HostedView {
  readonly focus = input<string | undefined>();
  private readonly api = inject(WorkspaceApi);

  constructor() {
    super('ctas');
  }

  protected addStarterRoles(): void {
    const projectId = this.store.projectId();
    if (!projectId) return;
    // Through REST's bulk endpoint: the new roles reach every view as change:applied.
    this.api.addStarterRoles(projectId).subscribe({
      error: () =>
        this.store.notify('error', 'The starter roles could not be added.'),
    });
  }
}

/** Hosts the attribute lists (`?object=` which object, `?focus=` an attribute id). */
@Component({
  selector: 'orca-attributes-page',
  imports: [ModelViewFrame, AttributeListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<orca-model-view-frame
    heading="Attributes"
    purpose="Each object's content, force-ranked: core content and metadata."
  >
    @if (store.visibleModel(); as model) {
      <orca-attribute-list
        [model]="model"
        [objectId]="object() ?? null"
        [focusItem]="focus() ?? null"
        [readonly]="!store.canEdit()"
        [presence]="presence()"
        (edit)="submit($event)"
        (focusChange)="focusOn($event)"
        (objectSelect)="selectObject($event)"
        (goTo)="goTo($event)"
      />
    }
  </orca-model-view-frame>`,
})
export class AttributesPage extends HostedView {
  readonly object = input<string | undefined>();
  readonly focus = input<string | undefined>();

  constructor() {
    super('attributes');
  }

  protected selectObject(objectId: Id): void {
    this.navigateWith({ object: objectId });
  }
}

/** Hosts the prioritisation board (Now / Next / Later, `?kind=` object, cta or attribute). */
@Component({
  selector: 'orca-priorities-page',
  imports: [ModelViewFrame, PriorityBoardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<orca-model-view-frame
    heading="Priorities"
    purpose="Phase objects, CTAs and attributes: Now, Next or Later."
  >
    <!-- The board shows every phase, so it gets the whole model even with "Now only" on. -->
    @if (store.model(); as model) {
      <orca-priority-board
        [model]="model"
        [kind]="boardKind()"
        [readonly]="!store.canEdit()"
        [presence]="presence()"
        (edit)="submit($event)"
        (focusChange)="focusOn($event)"
        (goTo)="goTo($event)"
      />
    }
  </orca-model-view-frame>`,
})
export class PrioritiesPage extends HostedView {
  /** `?kind=`: which items the board opens on. Absent (bound as undefined) or unknown: objects. */
  readonly kind = input<string | undefined>();
  protected readonly boardKind = computed(
    (): PrioritisedKind =>
      PRIORITISED_KINDS.find((kind) => kind === this.kind()) ?? 'object',
  );

  constructor() {
    super('priorities');
  }
}

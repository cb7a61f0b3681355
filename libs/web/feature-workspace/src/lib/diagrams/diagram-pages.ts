import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  diagramFileName,
  objectMapLayout,
  objectMapSvg,
  systemGraphLayout,
  systemGraphSvg,
  type DiagramSvgOptions,
  type MapNote,
} from '@orca/shared/diagrams';
import { emptyModel, type Id } from '@orca/shared/domain';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { EmptyState } from '@orca/web/ui';
import {
  ObjectMapViewComponent,
  SystemGraphViewComponent,
  type NodeMove,
} from '@orca/web/ui-model';
import {
  objectLink,
  sectionLink,
  type WorkspaceLink,
} from '../workspace-links';
import { saveBlob, svgBlob, svgToPng } from './diagram-download';

type Diagram = 'object-map' | 'system-graph';

/**
 * What both diagram pages share: the live model (honouring "Now only"), presence, and the
 * downloads — the SVG of exactly what the page shows, and a PNG drawn from it in the browser.
 */
abstract class DiagramPage {
  protected readonly store = inject(WorkspaceStore);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly busy = signal<'svg' | 'png' | null>(null);
  protected readonly objectsLink = computed(
    () => sectionLink(this.store.projectId() ?? '', 'objects').commands,
  );
  protected readonly hasObjects = computed(
    () => Object.keys(this.store.visibleModel()?.objects ?? {}).length > 0,
  );
  protected readonly state = computed(() =>
    !this.store.visibleModel()
      ? 'loading'
      : this.hasObjects()
        ? 'ready'
        : 'empty',
  );

  constructor(
    view: 'map' | 'graph',
    private readonly diagram: Diagram,
    private readonly heading: string,
  ) {
    this.store.focus({ kind: 'view', view });
  }

  /** The SVG document of what the page shows now. */
  protected abstract svg(options: DiagramSvgOptions): string | null;

  private options(): DiagramSvgOptions {
    const project = this.store.project()?.name ?? 'Project';
    return {
      title: `${project}: ${this.heading}`,
      subtitle: [
        this.store.nowOnly() ? 'Now only' : 'all phases',
        `rev ${this.store.rev()}`,
        new Date().toISOString().slice(0, 10),
      ].join(' · '),
    };
  }

  protected async download(format: 'svg' | 'png'): Promise<void> {
    const svg = this.svg(this.options());
    if (!svg || this.busy()) return;
    const fileName = diagramFileName(
      this.store.project()?.name ?? 'project',
      this.diagram,
      format,
    );
    this.busy.set(format);
    try {
      saveBlob(
        this.document,
        format === 'svg' ? svgBlob(svg) : await svgToPng(this.document, svg),
        fileName,
      );
    } catch {
      this.store.notify(
        'error',
        `The ${format.toUpperCase()} could not be made in this browser.`,
      );
    } finally {
      this.busy.set(null);
    }
  }

  protected go(link: WorkspaceLink): void {
    void this.router.navigate([...link.commands], {
      queryParams: link.queryParams,
    });
  }
}

/**
 * The frame of a diagram page: the heading with the downloads, and while there is nothing to
 * draw, why and a way on. The diagram itself is projected inside.
 */
@Component({
  selector: 'orca-diagram-page-frame',
  imports: [RouterLink, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="page-header">
      <div>
        <h1>{{ heading() }}</h1>
        <p class="muted">{{ purpose() }}</p>
      </div>
      @if (state() === 'ready') {
        <div class="downloads">
          <button
            type="button"
            class="btn btn-small"
            data-testid="download-svg"
            [disabled]="busy() !== null"
            (click)="download.emit('svg')"
          >
            Download SVG
          </button>
          <button
            type="button"
            class="btn btn-small"
            data-testid="download-png"
            [disabled]="busy() !== null"
            (click)="download.emit('png')"
          >
            {{ busy() === 'png' ? 'Drawing the PNG…' : 'Download PNG' }}
          </button>
        </div>
      }
    </header>
    @switch (state()) {
      @case ('loading') {
        <orca-empty-state
          heading="Loading the model…"
          message="It appears here as soon as the project is connected."
          data-testid="view-loading"
        />
      }
      @case ('empty') {
        <orca-empty-state
          data-testid="diagram-empty"
          heading="No objects yet"
          [message]="
            nowOnly()
              ? 'Nothing is planned for Now: turn “Now only” off to see every object.'
              : 'Add the objects of your system; the diagram draws itself from them.'
          "
        >
          <a class="btn btn-small" [routerLink]="objectsLink()"
            >Go to the objects</a
          >
        </orca-empty-state>
      }
      @default {
        <ng-content />
      }
    }
  `,
  styles: `
    .downloads {
      display: flex;
      gap: var(--orca-space-2);
    }
  `,
})
export class DiagramPageFrame {
  readonly heading = input.required<string>();
  readonly purpose = input.required<string>();
  readonly state = input.required<'loading' | 'empty' | 'ready'>();
  readonly busy = input<'svg' | 'png' | null>(null);
  readonly nowOnly = input(false);
  readonly objectsLink = input.required<readonly string[]>();
  readonly download = output<'svg' | 'png'>();
}

/** The Object Map: a column per object in model order, live, honouring "Now only". */
@Component({
  selector: 'orca-object-map-page',
  imports: [DiagramPageFrame, ObjectMapViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <orca-diagram-page-frame
      heading="Object Map"
      purpose="Each object with its core content, metadata, nested objects and calls to action, in the OOUX colours."
      [state]="state()"
      [busy]="busy()"
      [nowOnly]="store.nowOnly()"
      [objectsLink]="objectsLink()"
      (download)="download($event)"
    >
      <orca-object-map-view [layout]="layout()" (noteOpen)="openNote($event)" />
    </orca-diagram-page-frame>
  `,
})
export class ObjectMapPage extends DiagramPage {
  protected readonly layout = computed(() =>
    objectMapLayout(this.store.visibleModel() ?? emptyModel()),
  );

  constructor() {
    super('map', 'object-map', 'Object Map');
  }

  protected svg(options: DiagramSvgOptions): string | null {
    return this.hasObjects() ? objectMapSvg(this.layout(), options) : null;
  }

  /** A note opens its object's page, at the part of it the note is about. */
  protected openNote(note: MapNote): void {
    const projectId = this.store.projectId() ?? '';
    const section =
      note.kind === 'core' || note.kind === 'metadata'
        ? 'attributes'
        : note.kind === 'cta'
          ? 'ctas'
          : undefined;
    this.go(objectLink(projectId, note.targetObjectId, section));
  }
}

/** The system graph: objects and relationships, nodes placed by hand shared live. */
@Component({
  selector: 'orca-system-graph-page',
  imports: [DiagramPageFrame, SystemGraphViewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <orca-diagram-page-frame
      heading="System graph"
      purpose="How the objects relate: every filled NOM cell as an arrow. Gaps and contradictions stand out."
      [state]="state()"
      [busy]="busy()"
      [nowOnly]="store.nowOnly()"
      [objectsLink]="objectsLink()"
      (download)="download($event)"
    >
      <orca-system-graph-view
        [layout]="layout()"
        [editable]="store.canEdit()"
        (nodeMove)="moveNode($event)"
        (nodeOpen)="openObject($event)"
      />
    </orca-diagram-page-frame>
  `,
})
export class SystemGraphPage extends DiagramPage {
  protected readonly layout = computed(() =>
    systemGraphLayout(this.store.visibleModel() ?? emptyModel()),
  );

  constructor() {
    super('graph', 'system-graph', 'System graph');
  }

  protected svg(options: DiagramSvgOptions): string | null {
    return this.hasObjects() ? systemGraphSvg(this.layout(), options) : null;
  }

  /** Saved for everyone through the live store (so undo and the others' screens follow). */
  protected moveNode(move: NodeMove): void {
    void this.store.submit({
      kind: 'object.update',
      id: move.objectId,
      patch: { position: move.position },
    });
  }

  protected openObject(objectId: Id): void {
    this.go(objectLink(this.store.projectId() ?? '', objectId));
  }
}

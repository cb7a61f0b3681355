import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { Alert, LoadingIndicator, RoleBadge } from '@orca/web/ui';
import { ConnectionIndicator } from './connection-indicator';
import { PresenceAvatars } from './presence-avatars';
import { WorkspaceNotices } from './workspace-notices';

interface NavEntry {
  readonly path: string;
  readonly label: string;
  readonly testId: string;
}

const NAV: readonly NavEntry[] = [
  { path: '', label: 'Dashboard', testId: 'nav-dashboard' },
  { path: 'foraging', label: 'Noun foraging', testId: 'nav-foraging' },
  { path: 'objects', label: 'Objects', testId: 'nav-objects' },
  { path: 'nom', label: 'Nested objects (NOM)', testId: 'nav-nom' },
  { path: 'ctas', label: 'Calls to action', testId: 'nav-ctas' },
  { path: 'attributes', label: 'Attributes', testId: 'nav-attributes' },
  { path: 'priorities', label: 'Priorities', testId: 'nav-priorities' },
  { path: 'map', label: 'Object Map', testId: 'nav-map' },
  { path: 'graph', label: 'System graph', testId: 'nav-graph' },
  { path: 'previews', label: 'CDLL previews', testId: 'nav-previews' },
  { path: 'checks', label: 'Checks', testId: 'nav-checks' },
  { path: 'handoff', label: 'Hand-off', testId: 'nav-handoff' },
  { path: 'settings', label: 'Settings', testId: 'nav-settings' },
];

/**
 * A project's workspace: the project bar (name, connection, who is here, the "Now only" filter),
 * the navigation between the ORCA artifacts, the page, and the notices of refused changes.
 * It owns the WorkspaceStore of the project: one socket per open workspace.
 */
@Component({
  selector: 'orca-workspace-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    Alert,
    LoadingIndicator,
    RoleBadge,
    ConnectionIndicator,
    PresenceAvatars,
    WorkspaceNotices,
  ],
  providers: [WorkspaceStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workspace-shell.html',
  styleUrl: './workspace-shell.css',
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class WorkspaceShell {
  /** Route parameter. */
  readonly projectId = input.required<string>();

  protected readonly store = inject(WorkspaceStore);
  protected readonly nav = NAV;

  protected undo(): void {
    void this.store.undoLast();
  }

  /**
   * Ctrl+Z (⌘Z) undoes your last change — except while typing in a field, where it belongs to
   * the field.
   */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key.toLowerCase() !== 'z' || event.shiftKey || event.altKey)
      return;
    if (!(event.ctrlKey || event.metaKey)) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]'))
      return;
    event.preventDefault();
    this.undo();
  }
  protected readonly projectName = computed(
    () => this.store.project()?.name ?? 'Project',
  );
  /** What stands in for the page while there is no model to show. */
  protected readonly blocker = computed<
    'loading' | 'not-found' | 'revoked' | 'failed' | null
  >(() => {
    const status = this.store.status();
    if (this.store.projectStatus() === 'not-found') return 'not-found';
    if (status === 'revoked') return 'revoked';
    if (this.store.model()) return null;
    if (status === 'failed') return 'failed';
    return 'loading';
  });
  protected readonly gapCount = computed(
    () =>
      this.store.findings().filter((finding) => finding.severity !== 'info')
        .length,
  );
  protected readonly hiddenByFilter = computed(() => {
    const all = this.store.model();
    const shown = this.store.visibleModel();
    if (!all || !shown || !this.store.nowOnly()) return 0;
    return Object.keys(all.objects).length - Object.keys(shown.objects).length;
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.store.open(projectId));
    });
  }

  protected link(path: string): string[] {
    return path
      ? ['/projects', this.projectId(), path]
      : ['/projects', this.projectId()];
  }
}

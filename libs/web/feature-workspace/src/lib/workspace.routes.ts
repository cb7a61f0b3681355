import type { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { ChecksPage } from './checks/checks-page';
import { DashboardPage } from './dashboard/dashboard-page';
import { ForagingPage } from './foraging/foraging-page';
import { ObjectMapPage, SystemGraphPage } from './diagrams/diagram-pages';
import {
  AttributesPage,
  CtaMatrixPage,
  NomPage,
  PrioritiesPage,
} from './hosted/hosted-pages';
import { HandoffPage } from './handoff/handoff-page';
import { ObjectCatalogPage } from './objects/object-catalog-page';
import { ObjectPage } from './objects/object-page';
import { PreviewsPage } from './previews/previews-page';
import { WorkspaceShell } from './shell/workspace-shell';

/** The project id of the workspace a child route belongs to. */
function projectIdOf(route: ActivatedRouteSnapshot): string {
  for (const step of route.pathFromRoot) {
    const id = step.paramMap.get('projectId');
    if (id) return id;
  }
  return '';
}

/**
 * Mounted lazily under `/projects/:projectId`, behind the signed-in guard. The shell holds the
 * project's live connection; every page below shares it.
 */
export const workspaceRoutes: Routes = [
  {
    path: '',
    component: WorkspaceShell,
    children: [
      { path: '', component: DashboardPage, title: 'Dashboard' },
      { path: 'foraging', component: ForagingPage, title: 'Noun foraging' },
      { path: 'objects', component: ObjectCatalogPage, title: 'Objects' },
      { path: 'objects/:objectId', component: ObjectPage, title: 'Object' },
      { path: 'nom', component: NomPage, title: 'Nested Object Matrix' },
      { path: 'ctas', component: CtaMatrixPage, title: 'Calls to action' },
      { path: 'attributes', component: AttributesPage, title: 'Attributes' },
      { path: 'priorities', component: PrioritiesPage, title: 'Priorities' },
      { path: 'map', component: ObjectMapPage, title: 'Object Map' },
      { path: 'graph', component: SystemGraphPage, title: 'System graph' },
      { path: 'previews', component: PreviewsPage, title: 'CDLL previews' },
      { path: 'checks', component: ChecksPage, title: 'Checks' },
      { path: 'handoff', component: HandoffPage, title: 'Hand-off' },
      {
        path: 'settings',
        title: 'Project settings',
        loadComponent: () =>
          import('@orca/web/feature-projects').then(
            (m) => m.ProjectSettingsPage,
          ),
        resolve: { projectId: projectIdOf },
      },
    ],
  },
];

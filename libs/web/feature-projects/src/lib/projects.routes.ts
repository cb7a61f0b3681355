import type { Routes } from '@angular/router';
import { ProjectListPage } from './project-list/project-list-page';
import { ProjectSettingsPage } from './project-settings/project-settings-page';

/** Mounted lazily under `/projects`, behind the signed-in guard. */
export const projectsRoutes: Routes = [
  { path: '', component: ProjectListPage, title: 'Projects' },
  {
    path: ':projectId/settings',
    component: ProjectSettingsPage,
    title: 'Project settings',
  },
];

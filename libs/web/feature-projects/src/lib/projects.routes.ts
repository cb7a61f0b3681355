import type { Routes } from '@angular/router';
import { ProjectListPage } from './project-list/project-list-page';

/**
 * Mounted lazily under `/projects`, behind the signed-in guard. A project's own pages — its
 * workspace and `settings` (ProjectSettingsPage) — are mounted by `feature-workspace` at
 * `/projects/:projectId`.
 */
export const projectsRoutes: Routes = [
  { path: '', component: ProjectListPage, title: 'Projects' },
];

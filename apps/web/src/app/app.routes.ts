import { Route } from '@angular/router';
import { signedInGuard, signedOutGuard } from '@orca/web/data-access-auth';

/** Every page is loaded on demand: the first download holds only the shell. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'projects' },
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () =>
      import('@orca/web/feature-auth').then((m) => m.SignInPage),
  },
  {
    path: 'sign-up',
    title: 'Create your account',
    canActivate: [signedOutGuard],
    loadComponent: () =>
      import('@orca/web/feature-auth').then((m) => m.SignUpPage),
  },
  {
    // A project's workspace (and its settings, a page inside it); before `projects`, which
    // keeps the list.
    path: 'projects/:projectId',
    canActivate: [signedInGuard],
    loadChildren: () =>
      import('@orca/web/feature-workspace').then((m) => m.workspaceRoutes),
  },
  {
    path: 'projects',
    canActivate: [signedInGuard],
    loadChildren: () =>
      import('@orca/web/feature-projects').then((m) => m.projectsRoutes),
  },
  {
    path: 'invitations/:token',
    title: 'Invitation',
    loadComponent: () =>
      import('@orca/web/feature-projects').then((m) => m.InvitationPage),
  },
  {
    // Profile, password, sessions and API tokens (`/account/tokens`).
    path: 'account',
    canActivate: [signedInGuard],
    loadChildren: () =>
      import('@orca/web/feature-auth').then((m) => m.accountRoutes),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found-page').then((m) => m.NotFoundPage),
  },
];

import type { Routes } from '@angular/router';
import { confirmedSessionGuard } from '@orca/web/data-access-auth';
import { ApiTokensPage } from '../api-tokens/api-tokens-page';
import { AccountShell } from './account-shell';
import { PasswordPage } from './password-page';
import { ProfilePage } from './profile-page';
import { SessionsPage } from './sessions-page';

/**
 * Mounted lazily under `/account`, behind the signed-in guard. Every page asks the server again
 * (a session signed out on another device must not show its details).
 */
export const accountRoutes: Routes = [
  {
    path: '',
    component: AccountShell,
    canActivateChild: [confirmedSessionGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'profile' },
      { path: 'profile', title: 'Profile', component: ProfilePage },
      { path: 'password', title: 'Change password', component: PasswordPage },
      { path: 'sessions', title: 'Sessions', component: SessionsPage },
      { path: 'tokens', title: 'API tokens', component: ApiTokensPage },
    ],
  },
];

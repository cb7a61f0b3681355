import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The account's pages, in the order people look for them. */
export const ACCOUNT_PAGES: readonly {
  path: string;
  label: string;
  testId: string;
}[] = [
  { path: '/account/profile', label: 'Profile', testId: 'account-nav-profile' },
  {
    path: '/account/password',
    label: 'Password',
    testId: 'account-nav-password',
  },
  {
    path: '/account/sessions',
    label: 'Sessions',
    testId: 'account-nav-sessions',
  },
  {
    path: '/account/tokens',
    label: 'API tokens',
    testId: 'account-nav-tokens',
  },
];

/** `/account`: a side navigation between the account's pages, the page beside it. */
@Component({
  selector: 'orca-account-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="account">
      <nav class="account-nav" aria-labelledby="account-nav-title">
        <p id="account-nav-title" class="account-nav-title">Your account</p>
        <ul>
          @for (page of pages; track page.path) {
            <li>
              <a
                [routerLink]="page.path"
                routerLinkActive="active"
                ariaCurrentWhenActive="page"
                [attr.data-testid]="page.testId"
                >{{ page.label }}</a
              >
            </li>
          }
        </ul>
      </nav>
      <div class="account-page">
        <router-outlet />
      </div>
    </div>
  `,
  styleUrl: './account-shell.css',
})
export class AccountShell {
  protected readonly pages = ACCOUNT_PAGES;
}

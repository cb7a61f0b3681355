import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { UserDto } from '@orca/shared/contracts';
import {
  confirmedSessionGuard,
  signedInGuard,
  signedOutGuard,
} from './auth-guards';
import { AuthStore } from './auth-store';

@Component({ template: '' })
class BlankPage {}

const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('auth guards', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          {
            path: 'projects',
            component: BlankPage,
            canActivate: [signedInGuard],
          },
          {
            path: 'account',
            canActivate: [signedInGuard],
            canActivateChild: [confirmedSessionGuard],
            children: [
              { path: 'profile', component: BlankPage },
              { path: 'sessions', component: BlankPage },
            ],
          },
          {
            path: 'sign-in',
            component: BlankPage,
            canActivate: [signedOutGuard],
          },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    http.verify();
  });

  async function navigate(url: string, me: UserDto | null): Promise<void> {
    const navigation = router.navigateByUrl(url);
    // The guard asks the server once the router reaches it.
    await new Promise((resolve) => setTimeout(resolve));
    // A signed-out visitor is an answer (200 with no user), not a failed request.
    http.expectOne('/api/v1/auth/session').flush({ user: me });
    await navigation;
  }

  it('sends a signed-out person to sign in, remembering the page they wanted', async () => {
    await navigate('/projects', null);

    expect(router.url).toBe('/sign-in?returnUrl=%2Fprojects');
  });

  it('lets a signed-in person through', async () => {
    await navigate('/projects', ADA);

    expect(router.url).toBe('/projects');
  });

  it('takes a signed-in person past the sign-in page to where they were going', async () => {
    await navigate('/sign-in?returnUrl=%2Fprojects', ADA);

    expect(router.url).toBe('/projects');
  });

  it('never follows a return address to another site', async () => {
    await navigate('/sign-in?returnUrl=%2F%2Fevil.example.com', ADA);

    expect(router.url).toBe('/projects');
  });

  it('asks the server once on a first visit to the account', async () => {
    await navigate('/account/profile', ADA);

    http.expectNone('/api/v1/auth/session');
    expect(router.url).toBe('/account/profile');
  });

  it('asks again on each later visit, and notices a session signed out elsewhere', async () => {
    const auth = TestBed.inject(AuthStore);
    await navigate('/projects', ADA);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);

    const navigation = router.navigateByUrl('/account/sessions');
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/v1/auth/session').flush({ user: null });
    await navigation;

    expect(router.url).toBe('/sign-in?returnUrl=%2Faccount%2Fsessions');
    expect(auth.user()).toBeNull();
  });
});

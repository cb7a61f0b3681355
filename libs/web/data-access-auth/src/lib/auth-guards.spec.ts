import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { UserDto } from '@orca/shared/contracts';
import { signedInGuard, signedOutGuard } from './auth-guards';

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

  afterEach(() => http.verify());

  async function navigate(url: string, me: UserDto | null): Promise<void> {
    const navigation = router.navigateByUrl(url);
    // The guard asks the server once the router reaches it.
    await new Promise((resolve) => setTimeout(resolve));
    const probe = http.expectOne('/api/v1/auth/me');
    if (me) {
      probe.flush(me);
    } else {
      probe.flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    }
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
});

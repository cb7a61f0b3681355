import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { UserDto } from '@orca/shared/contracts';
import { AuthStore } from './auth-store';
import { sessionExpiredInterceptor } from './session-expired.interceptor';

@Component({ template: '' })
class BlankPage {}

const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('sessionExpiredInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthStore;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'projects', component: BlankPage },
          { path: 'sign-in', component: BlankPage },
        ]),
        provideHttpClient(withInterceptors([sessionExpiredInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/projects');
    auth.loadMe().subscribe();
    http.expectOne('/api/v1/auth/me').flush(ADA);
  });

  afterEach(() => http.verify());

  it('signs the person out and sends them to sign in, to come back afterwards', async () => {
    let failed = false;
    client.get('/api/v1/projects').subscribe({ error: () => (failed = true) });
    http
      .expectOne('/api/v1/projects')
      .flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await new Promise((resolve) => setTimeout(resolve));

    expect(failed).toBe(true);
    expect(auth.user()).toBeNull();
    expect(auth.sessionEnded()).toBe(true);
    expect(router.url).toBe('/sign-in?returnUrl=%2Fprojects');
  });

  it('treats a 401 on saving the profile as a lost session', async () => {
    client
      .patch('/api/v1/auth/me', { displayName: 'Ada King' })
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/v1/auth/me')
      .flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await new Promise((resolve) => setTimeout(resolve));

    expect(auth.user()).toBeNull();
    expect(router.url).toBe('/sign-in?returnUrl=%2Fprojects');
  });

  it('leaves a wrong current password to the form: it is a 400, the session is fine', async () => {
    client
      .post('/api/v1/auth/password', {
        currentPassword: 'nope',
        newPassword: 'a brand new passphrase',
      })
      .subscribe({ error: () => undefined });
    http.expectOne('/api/v1/auth/password').flush(
      {
        status: 400,
        title: 'The current password is not right',
        code: 'wrong_password',
        errors: [{ field: 'currentPassword', message: 'Not right.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await new Promise((resolve) => setTimeout(resolve));

    expect(auth.user()?.displayName).toBe('Ada Lovelace');
    expect(router.url).toBe('/projects');
  });

  it('leaves a wrong password to the sign-in form', async () => {
    client
      .post('/api/v1/auth/login', {
        email: 'ada@example.com',
        password: 'nope',
      })
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/v1/auth/login')
      .flush(
        { status: 401, title: 'Unauthorized', code: 'invalid_credentials' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await new Promise((resolve) => setTimeout(resolve));

    expect(auth.user()?.displayName).toBe('Ada Lovelace');
    expect(router.url).toBe('/projects');
  });
});

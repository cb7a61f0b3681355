import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@orca/shared/contracts';
import { AuthStore } from './auth-store';

const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function problem(
  status: number,
  code: string,
  detail?: string,
  errors?: { field: string; message: string }[],
) {
  return {
    body: {
      type: 'about:blank',
      title: 'Problem',
      status,
      code,
      detail,
      errors,
    },
    options: { status, statusText: 'Problem' },
  };
}

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('learns who is signed in from the start-up probe, which never fails for a visitor', () => {
    expect(store.status()).toBe('unknown');

    store.resolveStatus().subscribe();
    http.expectOne('/api/v1/auth/session').flush({ user: ADA });

    expect(store.status()).toBe('signed-in');
    expect(store.user()?.displayName).toBe('Ada Lovelace');
  });

  it('is signed out, with nothing to show, when the probe says nobody is signed in', () => {
    const statuses: string[] = [];
    store.resolveStatus().subscribe((status) => statuses.push(status));
    http.expectOne('/api/v1/auth/session').flush({ user: null });

    expect(statuses).toEqual(['signed-out']);
    expect(store.user()).toBeNull();
    expect(store.problem()).toBeNull();
  });

  it('remembers that the server ended a session it knew, but not for a first visit', () => {
    store.loadSession().subscribe();
    http.expectOne('/api/v1/auth/session').flush({ user: null });
    expect(store.sessionEnded()).toBe(false);

    store.signIn({ email: 'ada@example.com', password: 'x' }).subscribe();
    http.expectOne('/api/v1/auth/login').flush(ADA);
    store.confirmSession(0).subscribe();
    http.expectOne('/api/v1/auth/session').flush({ user: null });

    expect(store.status()).toBe('signed-out');
    expect(store.sessionEnded()).toBe(true);

    store.signIn({ email: 'ada@example.com', password: 'x' }).subscribe();
    http.expectOne('/api/v1/auth/login').flush(ADA);
    expect(store.sessionEnded()).toBe(false);
  });

  it('explains when the server cannot say who is signed in', () => {
    store.loadSession().subscribe();
    http
      .expectOne('/api/v1/auth/session')
      .error(new ProgressEvent('error'), { status: 0 });

    expect(store.status()).toBe('signed-out');
    expect(store.problem()?.message).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
  });

  it('shows a saved name at once, but never signs anyone in by it', () => {
    const renamed = { ...ADA, displayName: 'Ada King' };
    store.updateUser(renamed);
    expect(store.user()).toBeNull();

    store.loadSession().subscribe();
    http.expectOne('/api/v1/auth/session').flush({ user: ADA });
    store.updateUser(renamed);

    expect(store.user()?.displayName).toBe('Ada King');
  });

  it('knows who is signed in once the session is confirmed', () => {
    expect(store.status()).toBe('unknown');

    store.loadMe().subscribe();
    http.expectOne('/api/v1/auth/me').flush(ADA);

    expect(store.status()).toBe('signed-in');
    expect(store.user()?.displayName).toBe('Ada Lovelace');
  });

  it('is signed out, without an error to show, when there is no session', () => {
    store.loadMe().subscribe();
    const { body, options } = problem(401, 'unauthenticated');
    http.expectOne('/api/v1/auth/me').flush(body, options);

    expect(store.status()).toBe('signed-out');
    expect(store.user()).toBeNull();
    expect(store.problem()).toBeNull();
  });

  it('asks the server once when several callers want the status at the same time', () => {
    const statuses: string[] = [];
    store.resolveStatus().subscribe((status) => statuses.push(status));
    store.resolveStatus().subscribe((status) => statuses.push(status));

    http.expectOne('/api/v1/auth/session').flush({ user: ADA });

    expect(statuses).toEqual(['signed-in', 'signed-in']);
    store.resolveStatus().subscribe((status) => statuses.push(status));
    http.expectNone('/api/v1/auth/session');
    expect(statuses).toHaveLength(3);
  });

  it('signs in and shows the person’s name', () => {
    const signedIn: UserDto[] = [];
    store
      .signIn({ email: 'ada@example.com', password: 'analytical engine' })
      .subscribe((user) => signedIn.push(user));
    expect(store.pending()).toBe(true);

    const request = http.expectOne('/api/v1/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      email: 'ada@example.com',
      password: 'analytical engine',
    });
    request.flush(ADA);

    expect(signedIn).toHaveLength(1);
    expect(store.user()?.displayName).toBe('Ada Lovelace');
    expect(store.pending()).toBe(false);
  });

  it('explains wrong credentials in plain words and stays signed out', () => {
    const signedIn: UserDto[] = [];
    store.clear();
    store
      .signIn({ email: 'ada@example.com', password: 'wrong password' })
      .subscribe((user) => signedIn.push(user));
    const { body, options } = problem(
      401,
      'invalid_credentials',
      'Invalid email or password',
    );
    http.expectOne('/api/v1/auth/login').flush(body, options);

    expect(signedIn).toEqual([]);
    expect(store.status()).toBe('signed-out');
    expect(store.problem()?.message).toBe(
      'The email or password is not right.',
    );
    expect(store.pending()).toBe(false);
  });

  it('puts "email taken" next to the email field when signing up', () => {
    store
      .signUp({
        email: 'ada@example.com',
        password: 'analytical engine',
        displayName: 'Ada',
      })
      .subscribe();
    const { body, options } = problem(
      409,
      'email_taken',
      'This email is already registered.',
    );
    http.expectOne('/api/v1/auth/register').flush(body, options);

    expect(store.problem()?.fieldErrors['email']).toBe(
      'An account already uses this email address. Sign in instead.',
    );
  });

  it('keeps the server’s own words for each invalid field', () => {
    store
      .signUp({
        email: 'ada@example.com',
        password: 'short',
        displayName: 'Ada',
      })
      .subscribe();
    const { body, options } = problem(
      400,
      'validation_failed',
      'Invalid input',
      [
        {
          field: 'password',
          message: 'Password must be at least 10 characters long.',
        },
      ],
    );
    http.expectOne('/api/v1/auth/register').flush(body, options);

    expect(store.problem()?.fieldErrors).toEqual({
      password: 'Password must be at least 10 characters long.',
    });
  });

  it('forgets the person on sign-out, even when the server cannot be reached', () => {
    store.loadMe().subscribe();
    http.expectOne('/api/v1/auth/me').flush(ADA);

    let done = false;
    store.signOut().subscribe({ complete: () => (done = true) });
    http
      .expectOne('/api/v1/auth/logout')
      .error(new ProgressEvent('error'), { status: 0 });

    expect(done).toBe(true);
    expect(store.user()).toBeNull();
    expect(store.status()).toBe('signed-out');
  });
});

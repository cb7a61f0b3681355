import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@orca/shared/contracts';
import { AccountStore } from './account-store';
import { AuthStore } from './auth-store';

const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

const problem = (
  status: number,
  code: string,
  detail: string,
  errors: { field: string; message: string }[] = [],
) =>
  [
    { type: 'about:blank', title: 'Problem', status, code, detail, errors },
    { status, statusText: 'Problem' },
  ] as const;

describe('AccountStore', () => {
  let store: AccountStore;
  let auth: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        AccountStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(AccountStore);
    auth = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
    auth.loadSession().subscribe();
    http.expectOne('/api/v1/auth/session').flush({ user: ADA });
  });

  afterEach(() => http.verify());

  it('saves the name, and the whole app shows it at once', () => {
    store.saveProfile({ displayName: 'Ada King' }).subscribe();
    expect(store.savingProfile()).toBe(true);
    const request = http.expectOne('/api/v1/auth/me');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ displayName: 'Ada King' });
    request.flush({ ...ADA, displayName: 'Ada King' });

    expect(auth.user()?.displayName).toBe('Ada King');
    expect(store.savedProfile()?.displayName).toBe('Ada King');
    expect(store.savingProfile()).toBe(false);
  });

  it('puts "email taken" next to the email, and keeps the old name in the top bar', () => {
    store
      .saveProfile({
        email: 'taken@example.com',
        currentPassword: 'analytical engine',
      })
      .subscribe();
    http
      .expectOne('/api/v1/auth/me')
      .flush(
        ...problem(
          409,
          'email_taken',
          'Another account uses this email address. Nothing was changed.',
        ),
      );

    expect(store.profileProblem()?.fieldErrors['email']).toBe(
      'Another account already uses this email address.',
    );
    expect(store.savedProfile()).toBeNull();
    expect(auth.user()?.email).toBe('ada@example.com');
  });

  it('keeps the server’s words for a wrong current password, on that field', () => {
    store
      .saveProfile({ email: 'new@example.com', currentPassword: 'nope' })
      .subscribe();
    http.expectOne('/api/v1/auth/me').flush(
      ...problem(
        400,
        'wrong_password',
        'Nothing was changed. Type your current password again.',
        [
          {
            field: 'currentPassword',
            message: 'This is not your current password.',
          },
        ],
      ),
    );

    expect(store.profileProblem()).toMatchObject({
      code: 'wrong_password',
      fieldErrors: { currentPassword: 'This is not your current password.' },
    });
    expect(auth.status()).toBe('signed-in');
  });

  it('changes the password and says how many other sessions were signed out', () => {
    const results: number[] = [];
    store
      .changePassword({
        currentPassword: 'analytical engine',
        newPassword: 'difference engine no. 2',
      })
      .subscribe(({ signedOut }) => results.push(signedOut));
    expect(store.changingPassword()).toBe(true);
    http.expectOne('/api/v1/auth/password').flush({ signedOut: 2 });

    expect(results).toEqual([2]);
    expect(store.passwordChanged()).toEqual({ signedOut: 2 });
    expect(store.changingPassword()).toBe(false);
  });

  it('says why the password was not changed, and emits nothing', () => {
    const results: unknown[] = [];
    store
      .changePassword({ currentPassword: 'x', newPassword: 'short' })
      .subscribe((result) => results.push(result));
    http.expectOne('/api/v1/auth/password').flush(
      ...problem(400, 'validation_failed', 'newPassword: too short', [
        {
          field: 'newPassword',
          message: 'Password must be at least 10 characters long.',
        },
      ]),
    );

    expect(results).toEqual([]);
    expect(store.passwordChanged()).toBeNull();
    expect(store.passwordProblem()?.fieldErrors).toEqual({
      newPassword: 'Password must be at least 10 characters long.',
    });
  });
});

import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { AuthStore } from '@orca/web/data-access-auth';
import { ProfilePage } from './profile-page';
import { ADA, byTestId, problem, signInAda, type } from '../../testing/account-pages';

describe('ProfilePage', () => {
  let fixture: ComponentFixture<ProfilePage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let auth: AuthStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    auth = signInAda(http);
    fixture = TestBed.createComponent(ProfilePage);
    page = fixture.nativeElement as HTMLElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    page.remove();
  });

  const save = async () => {
    byTestId<HTMLButtonElement>(page, 'profile-save')?.click();
    await fixture.whenStable();
  };

  it('shows the saved name and email, with nothing to save until something changes', () => {
    expect(
      byTestId<HTMLInputElement>(page, 'profile-display-name')?.value,
    ).toBe('Ada Lovelace');
    expect(byTestId<HTMLInputElement>(page, 'profile-email')?.value).toBe(
      'ada.lovelace@example.com',
    );
    expect(byTestId<HTMLButtonElement>(page, 'profile-save')?.disabled).toBe(
      true,
    );
    expect(byTestId(page, 'profile-current-password')).toBeNull();
  });

  it('renames the person without asking for a password, and says it is saved', async () => {
    type(page, 'profile-display-name', '  Ada King ');
    await fixture.whenStable();
    await save();

    const request = http.expectOne('/api/v1/auth/me');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ displayName: 'Ada King' });
    request.flush({ ...ADA, displayName: 'Ada King' });
    await fixture.whenStable();

    expect(byTestId(page, 'profile-saved')?.textContent?.trim()).toBe(
      'Profile saved.',
    );
    expect(auth.user()?.displayName).toBe('Ada King');
    expect(byTestId<HTMLButtonElement>(page, 'profile-save')?.disabled).toBe(
      true,
    );

    type(page, 'profile-display-name', 'Ada K.');
    await fixture.whenStable();
    expect(byTestId(page, 'profile-saved')).toBeNull();
  });

  it('asks for the current password before a new email is sent, and puts the focus there', async () => {
    type(page, 'profile-email', 'ada@engine.example');
    await fixture.whenStable();
    expect(byTestId(page, 'profile-current-password')).not.toBeNull();

    await save();

    http.expectNone('/api/v1/auth/me');
    expect(
      byTestId(page, 'profile-current-password-error')?.textContent?.trim(),
    ).toBe('Enter your current password to change your email.');
    expect(document.activeElement).toBe(
      byTestId(page, 'profile-current-password'),
    );
  });

  it('shows a wrong current password next to that field, with the focus on it', async () => {
    type(page, 'profile-email', 'ada@engine.example');
    await fixture.whenStable();
    type(page, 'profile-current-password', 'not my password');
    await fixture.whenStable();
    await save();

    const request = http.expectOne('/api/v1/auth/me');
    expect(request.request.body).toEqual({
      email: 'ada@engine.example',
      currentPassword: 'not my password',
    });
    request.flush(
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
    await fixture.whenStable();

    expect(
      byTestId(page, 'profile-current-password-error')?.textContent?.trim(),
    ).toBe('This is not your current password.');
    expect(byTestId(page, 'profile-problem')?.textContent).toContain(
      'Nothing was changed.',
    );
    expect(document.activeElement).toBe(
      byTestId(page, 'profile-current-password'),
    );
    expect(auth.user()?.email).toBe('ada.lovelace@example.com');
  });

  it('moves the account to a new email and says to sign in with it', async () => {
    type(page, 'profile-email', 'Ada@Engine.example');
    await fixture.whenStable();
    type(page, 'profile-current-password', 'analytical engine');
    await fixture.whenStable();
    await save();

    http
      .expectOne('/api/v1/auth/me')
      .flush({ ...ADA, email: 'ada@engine.example' });
    await fixture.whenStable();

    expect(byTestId(page, 'profile-saved')?.textContent).toContain(
      'Sign in with ada@engine.example from now on.',
    );
    expect(byTestId(page, 'profile-current-password')).toBeNull();
    expect(auth.user()?.email).toBe('ada@engine.example');
  });
});

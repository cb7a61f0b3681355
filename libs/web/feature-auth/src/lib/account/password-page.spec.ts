import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PasswordPage } from './password-page';
import { byTestId, problem, signInAda, type } from '../../testing/account-pages';

describe('PasswordPage', () => {
  let fixture: ComponentFixture<PasswordPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAda(http);
    fixture = TestBed.createComponent(PasswordPage);
    page = fixture.nativeElement as HTMLElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    page.remove();
  });

  async function fill(current: string, next: string, confirm = next) {
    type(page, 'password-current', current);
    type(page, 'password-new', next);
    type(page, 'password-confirm', confirm);
    await fixture.whenStable();
    byTestId<HTMLButtonElement>(page, 'password-submit')?.click();
    await fixture.whenStable();
  }

  const errorOf = (fieldId: string) =>
    byTestId(page, `${fieldId}-error`)?.textContent?.trim();

  it('says when the two new passwords differ, and sends nothing', async () => {
    await fill(
      'analytical engine',
      'difference engine 2',
      'difference engine 3',
    );

    http.expectNone('/api/v1/auth/password');
    expect(errorOf('password-confirm')).toBe(
      'The two new passwords are not the same.',
    );
  });

  it('applies the password policy before sending, email included', async () => {
    await fill('analytical engine', 'short');
    expect(errorOf('password-new')).toBe(
      'Password must be at least 10 characters long.',
    );

    await fill('analytical engine', 'my ada.lovelace password');
    expect(errorOf('password-new')).toBe(
      'Password must not contain your email address.',
    );

    await fill('analytical engine', 'analytical engine');
    expect(errorOf('password-new')).toBe(
      'Choose a password different from your current one.',
    );
    http.expectNone('/api/v1/auth/password');
  });

  it('shows a wrong current password on its field, with the focus there', async () => {
    await fill('not my password', 'difference engine no. 2');
    http.expectOne('/api/v1/auth/password').flush(
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

    expect(errorOf('password-current')).toBe(
      'This is not your current password.',
    );
    expect(document.activeElement).toBe(byTestId(page, 'password-current'));
    expect(byTestId(page, 'password-changed')).toBeNull();
  });

  it('changes the password, says the other sessions were signed out, and clears the form', async () => {
    await fill('analytical engine', 'difference engine no. 2');
    const request = http.expectOne('/api/v1/auth/password');
    expect(request.request.body).toEqual({
      currentPassword: 'analytical engine',
      newPassword: 'difference engine no. 2',
    });
    request.flush({ signedOut: 2 });
    await fixture.whenStable();

    const changed = byTestId(page, 'password-changed')?.textContent ?? '';
    expect(changed).toContain('You stay signed in here.');
    expect(changed).toContain('Your 2 other sessions were signed out.');
    expect(byTestId<HTMLInputElement>(page, 'password-new')?.value).toBe('');
    expect(errorOf('password-new')).toBeUndefined();
  });
});

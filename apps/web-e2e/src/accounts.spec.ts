import { expect, test } from '@playwright/test';
import {
  capture,
  newPerson,
  signIn,
  signUp,
  watchConsole,
  watchConsoleStrictly,
} from './support/workspace';

const NEW_PASSWORD = 'relationships before screens';

test('one person on two browsers: profile, sessions, a new password, and signing out everywhere', async ({
  browser,
}) => {
  const ada = newPerson('Ada Lovelace');
  const laptop = await browser.newContext({
    viewport: { width: 1280, height: 860 },
  });
  const phone = await browser.newContext({
    viewport: { width: 1024, height: 800 },
  });
  const a = await laptop.newPage();
  const b = await phone.newPage();
  const consoleErrors: string[] = [];
  watchConsole(a, consoleErrors);
  watchConsole(b, consoleErrors);

  await test.step('a signed-out visitor’s first page logs nothing at all', async () => {
    const strict = watchConsoleStrictly(a);
    const probe = a.waitForResponse((response) =>
      response.url().endsWith('/api/v1/auth/session'),
    );
    await a.goto('/account');
    expect((await probe).status()).toBe(200);
    await expect(a).toHaveURL(/\/sign-in\?returnUrl=%2Faccount%2Fprofile$/);
    await expect(a.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await a.getByTestId('go-to-sign-up').click();
    await expect(
      a.getByRole('heading', { name: 'Create your account' }),
    ).toBeVisible();
    strict.stop();
    expect(strict.errors).toEqual([]);
  });

  await test.step('Ada signs up on her laptop and signs in on her phone', async () => {
    await signUp(a, ada);
    await expect(a).toHaveURL(/\/account\/profile$/);
    await expect(a.getByTestId('current-user-name')).toHaveText(
      ada.displayName,
    );

    await b.goto('/sign-in');
    await signIn(b, ada);
    await expect(b).toHaveURL(/\/projects$/);
    await expect(b.getByTestId('current-user-name')).toHaveText(
      ada.displayName,
    );
  });

  await test.step('on the laptop, she renames herself and the top bar follows at once', async () => {
    await a.getByTestId('nav-account').click();
    await expect(a).toHaveURL(/\/account\/profile$/);
    await expect(a).toHaveTitle('Profile · ORCA Project Builder');
    await expect(a.getByTestId('profile-email')).toHaveValue(ada.email);
    await expect(a.getByTestId('profile-save')).toBeDisabled();
    await capture(a, 'account-01-profile');

    await a.getByTestId('profile-display-name').fill('Ada King');
    await a.getByTestId('profile-save').click();
    await expect(a.getByTestId('profile-saved')).toHaveText('Profile saved.');
    await expect(a.getByTestId('current-user-name')).toHaveText('Ada King');
    await capture(a, 'account-02-profile-saved');

    await a.reload();
    await expect(a.getByTestId('profile-display-name')).toHaveValue('Ada King');
  });

  await test.step('a new email needs her current password', async () => {
    await a.getByTestId('profile-email').fill(`king-${ada.email}`);
    await expect(a.getByTestId('profile-current-password')).toBeVisible();
    await a.getByTestId('profile-save').click();
    await expect(a.getByTestId('profile-current-password-error')).toHaveText(
      'Enter your current password to change your email.',
    );
    await expect(a.getByTestId('profile-current-password')).toBeFocused();
    await capture(a, 'account-03-profile-email-needs-password');
    // She thinks better of it: back to the email she signs in with.
    await a.getByTestId('profile-email').fill(ada.email);
    await expect(a.getByTestId('profile-current-password')).toHaveCount(0);
  });

  await test.step('the sessions page lists both browsers, this one marked', async () => {
    await a.getByTestId('account-nav-sessions').click();
    await expect(a).toHaveTitle('Sessions · ORCA Project Builder');
    const rows = a.getByTestId('session-row');
    await expect(rows).toHaveCount(2);
    await expect(
      a.locator('[data-testid="session-row"][data-current="true"]'),
    ).toHaveCount(1);
    await expect(
      a.locator('[data-testid="session-row"][data-current="true"]'),
    ).toContainText('This device');
    await expect(rows.first()).toContainText(/Chrome on (Linux|Windows)/);
    await capture(a, 'account-04-sessions');
    // On a phone, the navigation turns into tabs and the table keeps the essentials.
    await a.setViewportSize({ width: 390, height: 844 });
    await expect(a.getByTestId('sign-out-session')).toBeVisible();
    await capture(a, 'account-04-sessions-narrow');
    await a.setViewportSize({ width: 1280, height: 860 });
  });

  await test.step('a wrong current password is refused on its field, nothing else changes', async () => {
    await a.getByTestId('account-nav-password').click();
    await expect(a).toHaveTitle('Change password · ORCA Project Builder');
    await a.getByTestId('password-current').fill('not my password at all');
    await a.getByTestId('password-new').fill(NEW_PASSWORD);
    await a.getByTestId('password-confirm').fill(NEW_PASSWORD);
    await a.getByTestId('password-submit').click();
    await expect(a.getByTestId('password-current-error')).toHaveText(
      'This is not your current password.',
    );
    await expect(a.getByTestId('password-current')).toBeFocused();
    await expect(a.getByTestId('password-changed')).toHaveCount(0);
    await capture(a, 'account-05-password-wrong');
  });

  await test.step('with the right one, the password changes and the phone is signed out', async () => {
    await a.getByTestId('password-current').fill(ada.password);
    await a.getByTestId('password-submit').click();
    await expect(a.getByTestId('password-changed')).toContainText(
      'Your 1 other session was signed out.',
    );
    await capture(a, 'account-06-password-changed');

    // The phone's next step in the app finds its session gone.
    await b.getByTestId('nav-account').click();
    await expect(b).toHaveURL(/\/sign-in\?returnUrl=%2Faccount%2Fprofile$/);
    await expect(b.getByTestId('current-user-name')).toHaveCount(0);
    await expect(b.getByTestId('sign-in-session-ended')).toContainText(
      'You were signed out',
    );
    await capture(b, 'account-07-phone-signed-out');

    // The laptop carries on.
    await a.getByTestId('account-nav-sessions').click();
    await expect(a.getByTestId('session-row')).toHaveCount(1);
    await expect(a.getByTestId('sign-out-others')).toBeDisabled();
  });

  await test.step('the phone signs in again with the new password; the laptop signs it out by hand', async () => {
    await signIn(b, { email: ada.email, password: ada.password });
    await expect(b.getByTestId('sign-in-problem')).toContainText(
      'The email or password is not right.',
    );
    await signIn(b, { email: ada.email, password: NEW_PASSWORD });
    await expect(b).toHaveURL(/\/account\/profile$/);
    await expect(b.getByTestId('current-user-name')).toHaveText('Ada King');

    await a.reload();
    await expect(a.getByTestId('session-row')).toHaveCount(2);
    await a
      .locator('[data-testid="session-row"][data-current="false"]')
      .getByTestId('sign-out-session')
      .click();
    await expect(a.getByTestId('sessions-notice')).toContainText('Signed out');
    await expect(a.getByTestId('session-row')).toHaveCount(1);

    // On a full page load, the start-up probe says "nobody": sign-in, with no failed request.
    await b.reload();
    await expect(b).toHaveURL(/\/sign-in\?returnUrl=%2Faccount%2Fprofile$/);
  });

  await test.step('the API tokens page lives in the account too', async () => {
    await a.getByTestId('account-nav-tokens').click();
    await expect(a).toHaveURL(/\/account\/tokens$/);
    await expect(a.getByRole('heading', { name: 'API tokens' })).toBeVisible();
    await expect(a.getByTestId('account-nav-tokens')).toHaveAttribute(
      'aria-current',
      'page',
    );
    await capture(a, 'account-08-tokens');
  });

  await test.step('"Sign out everywhere" asks first, then signs out here too', async () => {
    await signIn(b, { email: ada.email, password: NEW_PASSWORD });
    await expect(b).toHaveURL(/\/account\/profile$/);

    await a.getByTestId('account-nav-sessions').click();
    await expect(a.getByTestId('session-row')).toHaveCount(2);
    await a.getByTestId('sign-out-everywhere').click();
    await expect(a.getByRole('alertdialog')).toContainText('this one included');
    await capture(a, 'account-09-sign-out-everywhere');
    await a.getByTestId('confirm-dialog-confirm').click();

    await expect(a).toHaveURL(/\/sign-in$/);
    await expect(a.getByTestId('current-user-name')).toHaveCount(0);
    await a.goto('/account/sessions');
    await expect(a).toHaveURL(/\/sign-in\?returnUrl=%2Faccount%2Fsessions$/);
    // The phone's next request to the API is refused: it is sent to sign in.
    await b.getByRole('link', { name: 'Projects' }).click();
    await expect(b).toHaveURL(/\/sign-in\?returnUrl=%2Fprojects$/);
  });

  await laptop.close();
  await phone.close();
  await test.step('nothing went wrong in either browser console', async () => {
    expect(consoleErrors).toEqual([]);
  });
});

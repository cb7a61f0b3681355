import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { watchConsoleStrictly } from './support/workspace';

interface Person {
  email: string;
  displayName: string;
  password: string;
}

const run = Date.now();
const ada: Person = {
  email: `ada-${run}@example.com`,
  displayName: 'Ada Facilitator',
  password: 'objects come first, screens later',
};
const bob: Person = {
  email: `b-${run}@example.com`,
  displayName: 'Bob Contributor',
  password: 'nested objects all the way down',
};
const projectName = `Course catalogue ${run}`;

/** Saves a full-page picture of a main view under apps/web-e2e/screenshots/. */
async function capture(page: Page, name: string): Promise<void> {
  const folder = resolve(test.info().project.testDir, '..', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({
    path: resolve(folder, `${name}.png`),
    fullPage: true,
  });
}

async function fillSignUp(page: Page, person: Person): Promise<void> {
  await page.getByTestId('sign-up-email').fill(person.email);
  await page.getByTestId('sign-up-display-name').fill(person.displayName);
  await page.getByTestId('sign-up-password').fill(person.password);
}

/**
 * Fails the test on any browser console error: a blocked stylesheet or script (Content Security
 * Policy), a failed chunk load or an uncaught exception is something a person would notice.
 * 4xx answers the page handles (a wrong password) are not; the signed-out first page is checked
 * with no filter at all.
 */
function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/status of 40[0-9]/.test(text)) return;
    errors.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) =>
    errors.push(`${page.url()}: ${error.message}`),
  );
}

function projectCard(page: Page) {
  return page.getByTestId('project-card').filter({ hasText: projectName });
}

test('a facilitator founds a project and a contributor joins it by invitation', async ({
  browser,
}) => {
  const adaContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const adaPage = await adaContext.newPage();
  const bobPage = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobPage, consoleErrors);
  let acceptPath = '';

  await test.step('Ada is sent to sign in, and signs up instead', async () => {
    // Being signed out is a normal state: the first page makes no failing request at all.
    const firstPage = watchConsoleStrictly(adaPage);
    const probe = adaPage.waitForResponse((response) =>
      response.url().endsWith('/api/v1/auth/session'),
    );
    await adaPage.goto('/');
    expect((await probe).status()).toBe(200);
    await expect(adaPage).toHaveURL(/\/sign-in\?returnUrl=%2Fprojects$/);
    await expect(
      adaPage.getByRole('heading', { name: 'Sign in' }),
    ).toBeVisible();
    firstPage.stop();
    expect(firstPage.errors).toEqual([]);
    await capture(adaPage, '01-sign-in');

    await adaPage.getByTestId('go-to-sign-up').click();
    await expect(
      adaPage.getByRole('heading', { name: 'Create your account' }),
    ).toBeVisible();
    await adaPage.getByTestId('sign-up-password').fill('short');
    await adaPage.getByTestId('sign-up-email').focus();
    await expect(adaPage.locator('#sign-up-password-error')).toHaveText(
      'Password must be at least 10 characters long.',
    );
    await fillSignUp(adaPage, ada);
    await capture(adaPage, '02-sign-up');
    await adaPage.getByTestId('sign-up-submit').click();

    await expect(adaPage).toHaveURL(/\/projects$/);
    await expect(adaPage.getByTestId('current-user-name')).toHaveText(
      ada.displayName,
    );
  });

  await test.step('Ada creates a project and becomes its facilitator', async () => {
    await adaPage.getByTestId('project-name-input').fill(projectName);
    await adaPage
      .getByTestId('project-description-input')
      .fill('Learners, courses and instructors.');
    await adaPage.getByTestId('create-project-submit').click();

    await expect(projectCard(adaPage).getByTestId('project-role')).toHaveText(
      'facilitator',
    );
    await capture(adaPage, '03-projects');
  });

  await test.step('Ada invites Bob as a contributor and reads the accept link', async () => {
    await projectCard(adaPage).getByTestId('project-settings-link').click();
    await expect(adaPage).toHaveURL(/\/projects\/[^/]+\/settings$/);
    await expect(adaPage.getByTestId('project-title')).toHaveText(projectName);

    await adaPage.getByTestId('invite-email').fill(bob.email);
    await adaPage
      .getByTestId('invite-role')
      .selectOption({ label: 'contributor' });
    await adaPage.getByTestId('invite-submit').click();

    const link = adaPage.getByTestId('invitation-accept-url');
    await expect(link).toHaveValue(/\/invitations\/.+/);
    // The link carries the server's public origin; follow its path on the origin under test.
    acceptPath = new URL(await link.inputValue()).pathname;
    await expect(
      adaPage.getByTestId('invitation-row').filter({ hasText: bob.email }),
    ).toBeVisible();
    await capture(adaPage, '04-project-settings');
  });

  await test.step('Bob opens the link, signs up, comes back and accepts', async () => {
    await bobPage.goto(acceptPath);
    await expect(bobPage.getByTestId('invitation-project-name')).toHaveText(
      projectName,
    );
    await expect(bobPage.getByTestId('invitation-role')).toHaveText(
      'contributor',
    );
    await capture(bobPage, '05-invitation');

    await bobPage.getByTestId('invitation-sign-up').click();
    await expect(bobPage.getByTestId('sign-up-email')).toHaveValue(bob.email);
    await fillSignUp(bobPage, bob);
    await bobPage.getByTestId('sign-up-submit').click();

    await expect(bobPage).toHaveURL(new RegExp(`${acceptPath}$`));
    await bobPage.getByTestId('accept-invitation').click();

    await expect(bobPage).toHaveURL(/\/projects$/);
    await expect(bobPage.getByTestId('projects-notice')).toContainText(
      projectName,
    );
    await expect(projectCard(bobPage).getByTestId('project-role')).toHaveText(
      'contributor',
    );
    await capture(bobPage, '06-projects-after-accepting');
  });

  await test.step('Ada sees Bob among the members, with no invitation pending', async () => {
    await adaPage.reload();
    const bobRow = adaPage
      .getByTestId('member-row')
      .filter({ hasText: bob.email });
    await expect(bobRow.getByTestId('member-role-select')).toHaveValue(
      'contributor',
    );
    await expect(adaPage.getByTestId('invitation-row')).toHaveCount(0);
  });

  await test.step('Bob, a contributor, cannot manage members', async () => {
    await projectCard(bobPage).getByTestId('project-settings-link').click();
    await expect(bobPage.getByTestId('members-table')).toBeVisible();
    await expect(bobPage.getByTestId('member-role-select')).toHaveCount(0);
    await expect(bobPage.getByTestId('invite-email')).toHaveCount(0);
  });

  await test.step('Ada creates an API token and sees its secret once', async () => {
    await adaPage.getByRole('link', { name: 'Account' }).click();
    await adaPage.getByRole('link', { name: 'API tokens' }).click();
    await adaPage.getByTestId('token-name-input').fill('CI export');
    await adaPage.getByTestId('create-token-submit').click();
    await expect(adaPage.getByTestId('api-token-secret')).not.toHaveValue('');
    await capture(adaPage, '07-api-tokens');
    await adaPage.getByTestId('api-token-secret-done').click();
    await expect(adaPage.getByTestId('api-token-secret')).toHaveCount(0);
    await expect(adaPage.getByTestId('token-row')).toHaveCount(1);
  });

  await test.step('Ada signs out and signs in again', async () => {
    await adaPage.getByTestId('sign-out').click();
    await expect(adaPage).toHaveURL(/\/sign-in$/);
    await expect(adaPage.getByTestId('current-user-name')).toHaveCount(0);

    await adaPage.getByTestId('sign-in-email').fill(ada.email);
    await adaPage.getByTestId('sign-in-password').fill('not the password');
    await adaPage.getByTestId('sign-in-submit').click();
    await expect(adaPage.getByTestId('sign-in-problem')).toContainText(
      'The email or password is not right.',
    );

    await adaPage.getByTestId('sign-in-password').fill(ada.password);
    await adaPage.getByTestId('sign-in-submit').click();
    await expect(adaPage).toHaveURL(/\/projects$/);
    await expect(adaPage.getByTestId('current-user-name')).toHaveText(
      ada.displayName,
    );
    await expect(projectCard(adaPage)).toBeVisible();
  });

  await adaContext.close();
  await bobContext.close();
  await test.step('nothing went wrong in either browser console', async () => {
    expect(consoleErrors).toEqual([]);
  });
});

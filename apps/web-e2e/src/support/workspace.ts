import { type Locator, type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Someone who signs up in a spec. */
export interface Person {
  email: string;
  displayName: string;
  password: string;
}

let people = 0;

/** A fresh account for this run: a unique address, a readable name. */
export function newPerson(displayName: string): Person {
  const handle = displayName.split(' ')[0].toLowerCase();
  return {
    email: `${handle}-${Date.now()}-${++people}-${test.info().workerIndex}@example.com`,
    displayName,
    password: 'objects come first, screens later',
  };
}

/** The shared fixtures sit beside the repository (../shared/fixtures). */
export function fixturePath(name: string): string {
  return resolve(
    test.info().project.testDir,
    '..',
    '..',
    '..',
    '..',
    'shared',
    'fixtures',
    name,
  );
}

/** Saves a full-page picture of a view under apps/web-e2e/screenshots/ (git-ignored). */
export async function capture(page: Page, name: string): Promise<void> {
  const folder = resolve(test.info().project.testDir, '..', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({
    path: resolve(folder, `${name}.png`),
    fullPage: true,
  });
}

/**
 * Collects every browser console error and uncaught exception: a blocked stylesheet or script
 * (Content Security Policy), a failed chunk load or a crash in a view is something a person would
 * notice. 4xx answers the page handles (a wrong password, a session signed out elsewhere) are not;
 * a signed-out visitor makes no failing request at all (see `watchConsoleStrictly`).
 */
export function watchConsole(page: Page, errors: string[]): void {
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

/**
 * Collects every console error with no exceptions, not even for 4xx answers: for pages that must
 * not make a single failing request (a signed-out visitor's first page). Call `stop()` when done.
 */
export function watchConsoleStrictly(page: Page): {
  errors: string[];
  stop: () => void;
} {
  const errors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error')
      errors.push(`${page.url()}: ${message.text()}`);
  };
  const onPageError = (error: Error) =>
    errors.push(`${page.url()}: ${error.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  return {
    errors,
    stop: () => {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
    },
  };
}

/** Fills and sends the sign-in form (the page must show it). */
export async function signIn(
  page: Page,
  person: Pick<Person, 'email' | 'password'>,
): Promise<void> {
  await page.getByTestId('sign-in-email').fill(person.email);
  await page.getByTestId('sign-in-password').fill(person.password);
  await page.getByTestId('sign-in-submit').click();
}

/** Fills and sends the sign-up form (the page must show it). */
export async function signUp(page: Page, person: Person): Promise<void> {
  await page.getByTestId('sign-up-email').fill(person.email);
  await page.getByTestId('sign-up-display-name').fill(person.displayName);
  await page.getByTestId('sign-up-password').fill(person.password);
  await page.getByTestId('sign-up-submit').click();
}

/**
 * Imports a model from the project list, as a person does (the file picker), and waits until its
 * workspace is open and live. Returns the workspace's path, `/projects/<id>`.
 */
export async function importProject(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<string> {
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
    'data-status',
    'live',
  );
  return new URL(page.url()).pathname;
}

/** Signs a new person up and imports the learning-platform fixture; returns the workspace path. */
export async function signUpWithLearningPlatform(
  page: Page,
  person: Person,
): Promise<string> {
  await page.goto('/sign-up');
  await signUp(page, person);
  return importProject(page, fixturePath('learning-platform.orca.json'));
}

/** The catalog row of an object, by name. */
export function objectRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="object-row"][data-object-name="${name}"]`);
}

/**
 * From a workspace the facilitator has open: invites `guest` with `role` on the settings page,
 * then the guest opens the link, signs up from it and accepts, landing on their project list.
 * Specs about the invitation flow itself (foundation, workspace) spell these steps out instead.
 */
export async function inviteToProject(
  facilitatorPage: Page,
  guestPage: Page,
  guest: Person,
  role: 'viewer' | 'contributor' | 'facilitator' = 'contributor',
): Promise<void> {
  await facilitatorPage.getByTestId('nav-settings').click();
  await facilitatorPage.getByTestId('invite-email').fill(guest.email);
  await facilitatorPage
    .getByTestId('invite-role')
    .selectOption({ label: role });
  await facilitatorPage.getByTestId('invite-submit').click();
  const link = facilitatorPage.getByTestId('invitation-accept-url');
  await expect(link).toHaveValue(/\/invitations\/.+/);
  const acceptPath = new URL(await link.inputValue()).pathname;

  await guestPage.goto(acceptPath);
  await guestPage.getByTestId('invitation-sign-up').click();
  await signUp(guestPage, guest);
  await guestPage.getByTestId('accept-invitation').click();
  await expect(guestPage).toHaveURL(/\/projects$/);
}

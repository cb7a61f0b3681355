import { type Page, expect, test } from '@playwright/test';
import {
  type Person,
  capture,
  fixturePath,
  objectRow,
  signUp,
  watchConsole,
} from './support/workspace';

const run = Date.now();
const ada: Person = {
  email: `ada-ws-${run}@example.com`,
  displayName: 'Ada Facilitator',
  password: 'objects come first, screens later',
};
const bob: Person = {
  email: `bob-ws-${run}@example.com`,
  displayName: 'Bob Contributor',
  password: 'nested objects all the way down',
};

async function renameInCatalog(
  page: Page,
  from: string,
  to: string,
): Promise<void> {
  await objectRow(page, from)
    .getByTestId('object-name')
    .getByRole('button')
    .click();
  const field = objectRow(page, from)
    .getByTestId('object-name')
    .locator('input');
  await field.fill(to);
  await field.press('Enter');
}

test('a workshop runs in the workspace: catalog, checks and two people live', async ({
  browser,
}) => {
  const adaContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
  });
  const bobContext = await browser.newContext({
    viewport: { width: 1024, height: 800 },
  });
  const adaPage = await adaContext.newPage();
  const bobPage = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobPage, consoleErrors);
  let workspaceUrl = '';

  await test.step('Ada signs up and imports the learning-platform model', async () => {
    await adaPage.goto('/sign-up');
    await signUp(adaPage, ada);
    await expect(adaPage).toHaveURL(/\/projects$/);

    await adaPage
      .getByTestId('import-file')
      .setInputFiles(fixturePath('learning-platform.orca.json'));

    await expect(adaPage).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    workspaceUrl = new URL(adaPage.url()).pathname;
    await expect(adaPage.getByTestId('workspace-project-name')).toHaveText(
      'Learning platform',
    );
    await expect(adaPage.getByTestId('connection-indicator')).toHaveAttribute(
      'data-status',
      'live',
    );
    await expect(adaPage.getByTestId('orca-step')).toHaveCount(15);
    await expect(adaPage.getByTestId('activity-entry').first()).toContainText(
      'imported the project',
    );
    await capture(adaPage, 'workspace-01-dashboard-guided');

    await adaPage.getByTestId('mode-freeform').click();
    await expect(adaPage.getByTestId('freeform')).toBeVisible();
    await capture(adaPage, 'workspace-02-dashboard-freeform');
    await adaPage.getByTestId('mode-guided').click();
  });

  await test.step('Ada edits the catalog: renames one object, adds another', async () => {
    await adaPage.getByTestId('nav-objects').click();
    await expect(adaPage.getByTestId('object-row')).toHaveCount(9);
    await capture(adaPage, 'workspace-03-objects');

    await renameInCatalog(adaPage, 'Certificate', 'Completion Certificate');
    await expect(objectRow(adaPage, 'Completion Certificate')).toBeVisible();

    await adaPage.getByTestId('new-object-name').fill('Quiz');
    await adaPage.getByTestId('new-object-name').press('Enter');
    await expect(objectRow(adaPage, 'Quiz')).toBeVisible();
    await expect(adaPage.getByTestId('new-object-name')).toHaveValue('');

    // Search finds an object by one of its synonyms.
    await adaPage.getByTestId('object-search').fill('tutor');
    await expect(adaPage.getByTestId('object-row')).toHaveCount(1);
    await expect(objectRow(adaPage, 'Instructor Profile')).toBeVisible();
    await adaPage.getByTestId('object-search').fill('');

    // What was typed reached the server: it is still there after a reload.
    await adaPage.reload();
    await expect(objectRow(adaPage, 'Completion Certificate')).toBeVisible();
    await expect(objectRow(adaPage, 'Quiz')).toBeVisible();
  });

  await test.step('a missing definition is a check until Ada writes one', async () => {
    await adaPage.getByTestId('nav-checks').click();
    const quizDefinition = adaPage
      .getByTestId('finding')
      .filter({ hasText: 'Quiz has no definition.' });
    await expect(quizDefinition).toBeVisible();
    await capture(adaPage, 'workspace-04-checks');

    await quizDefinition.getByTestId('finding-fix').click();
    await expect(adaPage).toHaveURL(
      /\/objects\/[0-9a-f-]{36}\?focus=definition$/,
    );
    const editor = adaPage.getByTestId('definition-editor').locator('textarea');
    await expect(editor).toBeFocused();
    await editor.fill('A short **test** at the end of a lesson.');
    await expect(adaPage.getByTestId('definition-rendered')).toContainText(
      'A short test at the end of a lesson.',
    );
    await expect(
      adaPage.getByTestId('definition-rendered').locator('strong'),
    ).toHaveText('test');
    await editor.blur();
    await capture(adaPage, 'workspace-05-object-page');

    await adaPage.getByTestId('nav-checks').click();
    await expect(
      adaPage
        .getByTestId('finding')
        .filter({ hasText: 'Quiz has no definition.' }),
    ).toHaveCount(0);
  });

  await test.step('Ada invites Bob from the workspace settings', async () => {
    await adaPage.getByTestId('nav-settings').click();
    await expect(adaPage.getByTestId('project-title')).toHaveText(
      'Learning platform',
    );
    await adaPage.getByTestId('invite-email').fill(bob.email);
    await adaPage
      .getByTestId('invite-role')
      .selectOption({ label: 'contributor' });
    await adaPage.getByTestId('invite-submit').click();
    const link = adaPage.getByTestId('invitation-accept-url');
    await expect(link).toHaveValue(/\/invitations\/.+/);
    const acceptPath = new URL(await link.inputValue()).pathname;
    await capture(adaPage, 'workspace-06-settings');

    await bobPage.goto(acceptPath);
    await bobPage.getByTestId('invitation-sign-up').click();
    await signUp(bobPage, bob);
    await expect(bobPage).toHaveURL(new RegExp(`${acceptPath}$`));
    await bobPage.getByTestId('accept-invitation').click();
    await expect(bobPage).toHaveURL(/\/projects$/);
  });

  await test.step('both see each other, and each other’s edits, live', async () => {
    await adaPage.goto(`${workspaceUrl}/objects`);
    await bobPage
      .getByTestId('project-card')
      .filter({ hasText: 'Learning platform' })
      .getByTestId('project-open-link')
      .click();
    await expect(bobPage).toHaveURL(new RegExp(`${workspaceUrl}$`));
    await bobPage.getByTestId('nav-objects').click();

    await expect(
      adaPage.locator(
        `[data-testid="presence-avatar"][data-user-name="${bob.displayName}"]`,
      ),
    ).toBeVisible();
    await expect(
      bobPage.locator(
        `[data-testid="presence-avatar"][data-user-name="${ada.displayName}"]`,
      ),
    ).toBeVisible();

    // Ada renames; Bob's table follows without a reload.
    await renameInCatalog(adaPage, 'Review', 'Course Review');
    await expect(objectRow(bobPage, 'Course Review')).toBeVisible();

    // Bob adds; Ada's table follows.
    await bobPage.getByTestId('new-object-name').fill('Learning Path');
    await bobPage.getByTestId('new-object-name').press('Enter');
    await expect(objectRow(adaPage, 'Learning Path')).toBeVisible();

    // Bob looks at an object: Ada's avatar of him says where he is.
    await objectRow(bobPage, 'Lesson').getByTestId('open-object').click();
    await expect(
      adaPage.locator(
        `[data-testid="presence-avatar"][data-user-name="${bob.displayName}"]`,
      ),
    ).toHaveAttribute('aria-label', `${bob.displayName}: Looking at Lesson`);
    await capture(adaPage, 'workspace-07-objects-two-people');
    await capture(bobPage, 'workspace-08-object-page-bob-tablet');
  });

  await test.step('every artifact view opens inside the workspace', async () => {
    for (const [view, path] of [
      ['nav-nom', 'nom'],
      ['nav-ctas', 'ctas'],
      ['nav-attributes', 'attributes'],
      ['nav-priorities', 'priorities'],
    ] as const) {
      await adaPage.getByTestId(view).click();
      await expect(adaPage).toHaveURL(new RegExp(`${workspaceUrl}/${path}$`));
      await expect(adaPage.getByTestId(view)).toHaveAttribute(
        'aria-current',
        'page',
      );
      await capture(adaPage, `workspace-09-${path}`);
    }
  });

  await adaContext.close();
  await bobContext.close();
  await test.step('nothing went wrong in either browser console', async () => {
    expect(consoleErrors).toEqual([]);
  });
});

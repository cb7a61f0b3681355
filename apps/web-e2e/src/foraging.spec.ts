import { type Locator, type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { contrastProblems } from './support/accessibility';
import {
  capture,
  fixturePath,
  inviteToProject,
  newPerson,
  objectRow,
  signUp,
  watchConsole,
} from './support/workspace';

/**
 * Noun foraging as a team does it: the facilitator pastes an interview, the candidates come back
 * ranked with their sentences, a second text she forages (and removes) appears (and goes) on the
 * contributor's foraging page without a reload, and each promotion (object, synonym, attribute)
 * reaches the contributor's browser live — in the Object Guide and as "in the model" on the
 * candidates — and Undo takes the last one back. Nothing is done through the API by hand.
 */

function candidateRow(page: Page, name: string): Locator {
  return page.locator(
    `[data-testid="foraging-candidate"][data-candidate-name="${name}"]`,
  );
}

async function selectCandidate(page: Page, name: string) {
  await candidateRow(page, name).locator('button.pick').click();
  await expect(page.getByTestId('candidate-detail')).toHaveAttribute(
    'data-candidate-name',
    name,
  );
}

async function live(page: Page) {
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
    'data-status',
    'live',
  );
}

test('a facilitator forages an interview and promotes candidates; a contributor sees each live', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ada = newPerson('Ada Facilitator');
  const bob = newPerson('Bob Contributor');
  const adaContext = await browser.newContext({
    viewport: { width: 1440, height: 960 },
  });
  const bobContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const adaPage = await adaContext.newPage();
  const bobForaging = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobForaging, consoleErrors);
  let workspace = '';

  await test.step('Ada starts a project and invites Bob as a contributor', async () => {
    await adaPage.goto('/sign-up');
    await signUp(adaPage, ada);
    await expect(adaPage).toHaveURL(/\/projects$/);
    await adaPage.getByTestId('project-name-input').fill('Community garden');
    await adaPage.getByTestId('create-project-submit').click();
    await adaPage
      .getByTestId('project-card')
      .filter({ hasText: 'Community garden' })
      .getByTestId('project-open-link')
      .click();
    await expect(adaPage).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    workspace = new URL(adaPage.url()).pathname;
    await inviteToProject(adaPage, bobForaging, bob);
  });

  await test.step('Ada pastes the interview; the candidates come back ranked, with their sentences', async () => {
    await adaPage.getByTestId('nav-foraging').click();
    await expect(adaPage).toHaveURL(`${workspace}/foraging`);
    await live(adaPage);
    await expect(adaPage.getByTestId('foraging-no-sources')).toBeVisible();
    await expect(adaPage.locator('#foraging-limit')).toContainText(
      'up to 1.0 MB',
    );

    // A file the server would refuse is refused before upload, and says why.
    await adaPage.getByTestId('foraging-file').setInputFiles({
      name: 'interview.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });
    await expect(adaPage.getByTestId('foraging-problem')).toContainText(
      'interview.pdf is not a .txt or .md file',
    );

    await adaPage
      .getByTestId('foraging-text')
      .fill(readFileSync(fixturePath('interview-notes.txt'), 'utf8'));
    await adaPage.getByTestId('foraging-submit').click();
    await expect(adaPage.getByTestId('foraging-source')).toHaveCount(1);
    await expect(adaPage.getByTestId('foraging-source')).toContainText(
      'Interview 3 — community garden coordinator',
    );
    await expect(adaPage.getByTestId('foraging-problem')).toHaveCount(0);
    const names = await adaPage
      .getByTestId('foraging-candidate')
      .evaluateAll((rows) =>
        rows.slice(0, 25).map((row) => row.getAttribute('data-candidate-name')),
      );
    for (const name of [
      'Plot',
      'Gardener',
      'Waiting List entry',
      'Tool',
      'Comment',
    ])
      expect(names).toContain(name);
    expect(names).not.toContain('Week');
    await expect(candidateRow(adaPage, 'Week')).toHaveClass(/demoted/);

    await selectCandidate(adaPage, 'Plot');
    const detail = adaPage.getByTestId('candidate-detail');
    await expect(
      detail.getByTestId('candidate-sentence').first(),
    ).toContainText('Most of my week is plots.');
    await expect(detail.locator('mark').first()).toHaveText('plots');
    await capture(adaPage, 'foraging-01-candidates');
  });

  const bobObjects = await bobContext.newPage();
  watchConsole(bobObjects, consoleErrors);
  await test.step('Bob opens the same research, and his Object Guide in another tab', async () => {
    await bobObjects.goto(`${workspace}/objects`);
    await live(bobObjects);
    await bobForaging.goto(`${workspace}/foraging`);
    await live(bobForaging);
    await expect(candidateRow(bobForaging, 'Plot')).toHaveAttribute(
      'data-in-model',
      'false',
    );
  });
  await test.step('Ada forages a second text: Bob sees the source and its candidates appear, then go', async () => {
    await expect(candidateRow(bobForaging, 'Waiver')).toHaveCount(0);
    await adaPage.getByTestId('foraging-name').fill('Volunteer notes');
    await adaPage
      .getByTestId('foraging-text')
      .fill(
        'Volunteers sign a waiver before their first work day. The waiver names an emergency contact, and the coordinator files every waiver in the shed.',
      );
    await adaPage.getByTestId('foraging-submit').click();
    await expect(adaPage.getByTestId('foraging-source')).toHaveCount(2);

    // No reload on Bob's side: the socket says a source was added, the page reads it.
    const bobSources = bobForaging.getByTestId('foraging-source');
    await expect(bobSources).toHaveCount(2);
    await expect(bobSources.nth(1)).toHaveAttribute(
      'data-source-name',
      'Volunteer notes',
    );
    await expect(bobForaging.getByTestId('foraging-live-note')).toHaveText(
      'Ada Facilitator added “Volunteer notes”.',
    );
    await expect(candidateRow(bobForaging, 'Waiver')).toBeVisible();
    await capture(bobForaging, 'foraging-05-bob-sees-a-new-source');

    await adaPage
      .locator(
        '[data-testid="foraging-source"][data-source-name="Volunteer notes"]',
      )
      .getByTestId('foraging-source-remove')
      .click();
    await adaPage.getByTestId('confirm-dialog-confirm').click();
    await expect(adaPage.getByTestId('foraging-source')).toHaveCount(1);
    await expect(bobSources).toHaveCount(1);
    await expect(bobForaging.getByTestId('foraging-live-note')).toHaveText(
      'Ada Facilitator removed “Volunteer notes”.',
    );
    await expect(candidateRow(bobForaging, 'Waiver')).toHaveCount(0);
    await selectCandidate(adaPage, 'Plot');
  });
  await test.step('Ada promotes Plot to an object: Bob sees it in both tabs at once', async () => {
    await adaPage.getByTestId('promote-object').click();
    await expect(adaPage.getByTestId('promotion-status')).toHaveText(
      'Plot is now an object.',
    );
    await expect(objectRow(bobObjects, 'Plot')).toBeVisible();
    await expect(candidateRow(bobForaging, 'Plot')).toHaveAttribute(
      'data-in-model',
      'true',
    );
    await expect(
      candidateRow(bobForaging, 'Plot').getByTestId('in-model-link'),
    ).toHaveAttribute('href', /\/objects\/[0-9a-f-]{36}$/);
    await expect(adaPage.getByTestId('promote-object')).toBeDisabled();
  });

  await test.step('Ada promotes Bed as a synonym of Plot, and Fee as an attribute of Plot', async () => {
    await objectRow(bobObjects, 'Plot').getByTestId('open-object').click();
    await expect(bobObjects.getByTestId('object-page-name')).toContainText(
      'Plot',
    );

    await selectCandidate(adaPage, 'Bed');
    await adaPage.getByTestId('promote-synonym').click();
    await expect(adaPage.getByTestId('promote-target')).toHaveValue(
      /[0-9a-f-]{36}/,
    );
    await adaPage.getByTestId('promote-target').selectOption({ label: 'Plot' });
    await adaPage.getByTestId('promote-confirm').click();
    await expect(adaPage.getByTestId('promotion-status')).toHaveText(
      '“Bed” is now a synonym of Plot.',
    );
    await expect(bobObjects.locator('#section-synonyms')).toContainText('Bed');
    await expect(candidateRow(bobForaging, 'Bed')).toHaveAttribute(
      'data-in-model',
      'true',
    );

    await selectCandidate(adaPage, 'Fee');
    await adaPage.getByTestId('promote-attribute').click();
    await adaPage.getByTestId('promote-target').selectOption({ label: 'Plot' });
    await adaPage.getByTestId('promote-confirm').click();
    await expect(adaPage.getByTestId('promotion-status')).toHaveText(
      'Plot now has the attribute Fee.',
    );
    await expect(bobObjects.locator('#section-attributes')).toContainText(
      'Fee',
    );
    await capture(adaPage, 'foraging-02-promoted');
    await capture(bobObjects, 'foraging-03-bob-sees-plot');
    await capture(bobForaging, 'foraging-04-bob-in-the-model');
  });

  await test.step('Undo takes back the last promotion only', async () => {
    await adaPage.getByTestId('undo').click();
    await expect(bobObjects.locator('#section-attributes')).not.toContainText(
      'Fee',
    );
    await expect(bobObjects.locator('#section-synonyms')).toContainText('Bed');
    await expect(candidateRow(adaPage, 'Plot')).toHaveAttribute(
      'data-in-model',
      'true',
    );
  });

  await test.step('the page reads well: no contrast problems, keyboard moves through candidates', async () => {
    expect(await contrastProblems(adaPage, 'orca-foraging-page')).toEqual([]);
    const order = await adaPage
      .getByTestId('foraging-candidate')
      .evaluateAll((rows) =>
        rows.map((row) => row.getAttribute('data-candidate-name')),
      );
    await candidateRow(adaPage, 'Plot').locator('button.pick').focus();
    await adaPage.keyboard.press('ArrowDown');
    await expect(adaPage.getByTestId('candidate-detail')).toHaveAttribute(
      'data-candidate-name',
      order[order.indexOf('Plot') + 1] ?? '',
    );
    await expect(adaPage.locator('button.pick:focus')).toHaveCount(1);
  });

  expect(consoleErrors).toEqual([]);
  await adaContext.close();
  await bobContext.close();
});

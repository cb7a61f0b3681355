import { type Locator, type Page, expect, test } from '@playwright/test';
import {
  capture,
  newPerson,
  objectRow,
  inviteToProject,
  signUp,
  watchConsole,
} from './support/workspace';

/**
 * A workshop as a team runs it, two people at once in two browsers, from an empty project to a
 * prioritised model of the learning platform: the Discovery round (objects, definitions,
 * synonyms, the NOM), the Requirements round (roles, CTAs, attributes) and the Prioritization
 * round (Now / Next / Later, "Now only"). Nobody touches the API by hand; at the end both
 * browsers, reloaded, hold everything either person typed.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function nomCell(page: Page, from: string, to: string): Locator {
  return page
    .getByTestId('nom-grid')
    .locator(`[role="gridcell"][aria-label^="${from} → ${to}:"]`);
}

function ctaCell(page: Page, role: string, object: string): Locator {
  return page
    .getByTestId('cta-grid')
    .locator(`td[role="gridcell"][aria-label^="${role} on ${object}:"]`);
}

async function addObjects(page: Page, names: readonly string[]) {
  for (const name of names) {
    await page.getByTestId('new-object-name').fill(name);
    await page.getByTestId('new-object-name').press('Enter');
    await expect(objectRow(page, name)).toBeVisible();
  }
}

async function openObject(page: Page, name: string) {
  await page.getByTestId('nav-objects').click();
  await objectRow(page, name).getByTestId('open-object').click();
  await expect(page.getByTestId('object-page-name')).toContainText(name);
}

async function fillNomCell(
  page: Page,
  from: string,
  to: string,
  label: string,
  cardinality: RegExp,
) {
  await nomCell(page, from, to).click();
  const editor = page.getByTestId('nom-editor');
  await expect(editor.locator('h3')).toHaveText(
    new RegExp(`${from}\\s*→\\s*${to}`),
  );
  await editor.getByLabel('Label', { exact: true }).fill(label);
  await editor.getByRole('radio', { name: cardinality }).check();
  await editor.getByTestId('nom-editor-done').click();
  await expect(editor).toBeHidden();
}

async function addCta(page: Page, role: string, object: string, verb: string) {
  await ctaCell(page, role, object).click();
  const panel = page.getByTestId('cta-panel');
  await expect(panel.getByTestId('cta-add')).toBeFocused();
  await page.keyboard.type(verb);
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('cta-add')).toHaveValue('');
  // The CTA just added is the last of the cell's (its verb is an input's value, not text).
  const item = panel.locator('li.cta').last();
  await expect(item.getByLabel(/^Verb of CTA/)).toHaveValue(verb);
  await item.getByTestId('cta-primary').click();
  await expect(item.getByTestId('cta-primary')).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByTestId('cta-panel-close').click();
}

test('a workshop runs Discovery, Requirements and Prioritization with two people at once', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const ada = newPerson('Ada Facilitator');
  const bob = newPerson('Bob Contributor');
  const adaContext = await browser.newContext({
    viewport: { width: 1366, height: 900 },
  });
  const bobContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const adaPage = await adaContext.newPage();
  const bobPage = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobPage, consoleErrors);
  const pages = [adaPage, bobPage] as const;
  let workspace = '';

  await test.step('Ada starts an empty project and invites Bob', async () => {
    await adaPage.goto('/sign-up');
    await signUp(adaPage, ada);
    await expect(adaPage).toHaveURL(/\/projects$/);
    await adaPage.getByTestId('project-name-input').fill('Learning platform');
    await adaPage.getByTestId('create-project-submit').click();
    await adaPage
      .getByTestId('project-card')
      .filter({ hasText: 'Learning platform' })
      .getByTestId('project-open-link')
      .click();
    await expect(adaPage).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    workspace = new URL(adaPage.url()).pathname;

    await inviteToProject(adaPage, bobPage, bob);
    for (const page of pages) {
      await page.goto(`${workspace}/objects`);
      await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
        'data-status',
        'live',
      );
    }
  });

  await test.step('Discovery: both name objects at the same time', async () => {
    await Promise.all([
      addObjects(adaPage, ['Course', 'Lesson', 'Enrollment']),
      addObjects(bobPage, ['Learner Profile', 'Review']),
    ]);
    for (const page of pages)
      await expect(page.getByTestId('object-row')).toHaveCount(5);
    await capture(adaPage, 'workshop-01-objects');
  });

  await test.step('Discovery: both write the Course definition at once, and Bob adds synonyms', async () => {
    await Promise.all([
      openObject(adaPage, 'Course'),
      openObject(bobPage, 'Course'),
    ]);
    for (const page of pages) await page.getByTestId('edit-definition').click();
    const adaEditor = adaPage
      .getByTestId('definition-editor')
      .locator('textarea');
    const bobEditor = bobPage
      .getByTestId('definition-editor')
      .locator('textarea');
    await adaEditor.click();
    await bobEditor.click();
    const adaWords = 'A structured sequence of lessons on one subject.';
    const bobWords = 'Owned by an instructor, taken by learners.';
    // Both type at once, each into the same field, each at their own pace.
    await Promise.all([
      adaEditor.pressSequentially(adaWords, { delay: 15 }),
      bobEditor.pressSequentially(` ${bobWords}`, { delay: 25 }),
    ]);
    for (const editor of [adaEditor, bobEditor]) {
      await expect(editor).toHaveValue(new RegExp(escape(adaWords)));
      await expect(editor).toHaveValue(new RegExp(escape(bobWords)));
    }
    // …and both see the same text.
    await expect
      .poll(
        async () =>
          (await adaEditor.inputValue()) === (await bobEditor.inputValue()),
      )
      .toBe(true);
    await adaEditor.blur();
    await bobEditor.blur();

    const synonyms = bobPage.getByRole('textbox', { name: 'Add a synonym' });
    for (const synonym of ['Class', 'Program']) {
      await synonyms.fill(synonym);
      await synonyms.press('Enter');
    }
    await expect(adaPage.locator('#section-synonyms')).toContainText('Class');
    await expect(adaPage.locator('#section-synonyms')).toContainText('Program');
    await capture(adaPage, 'workshop-02-definition-together');
  });

  await test.step('Discovery: the NOM filled both ways, one cell each, the mirror by one click', async () => {
    for (const page of pages) await page.getByTestId('nav-nom').click();
    await Promise.all([
      fillNomCell(adaPage, 'Course', 'Lesson', 'has', /^1:N/),
      fillNomCell(bobPage, 'Lesson', 'Course', 'belongs to', /^N:1/),
    ]);
    for (const page of pages) {
      await expect(nomCell(page, 'Course', 'Lesson')).toContainText('has');
      await expect(nomCell(page, 'Lesson', 'Course')).toContainText(
        'belongs to',
      );
      await expect(nomCell(page, 'Course', 'Lesson')).toHaveAttribute(
        'data-flag',
        'none',
      );
    }

    // Ada relates Course to Enrollment and fills the way back with the suggested cardinality;
    // a hurried double click makes one relationship, not a refusal.
    await nomCell(adaPage, 'Course', 'Enrollment').click();
    const editor = adaPage.getByTestId('nom-editor');
    await editor.getByLabel('Label', { exact: true }).fill('has');
    await editor.getByRole('radio', { name: /^1:N/ }).check();
    await editor.getByTestId('nom-editor-fill-mirror').dblclick();
    await expect(editor.getByTestId('nom-editor-mirror')).toContainText(
      'Enrollment → Course',
    );
    await editor.getByTestId('nom-editor-done').click();
    await expect(nomCell(bobPage, 'Enrollment', 'Course')).toContainText('N:1');
    await expect(adaPage.getByTestId('nom-summary')).toContainText(
      '4 of 25 cells filled',
    );
    await expect(adaPage.getByText('Not saved')).toHaveCount(0);
    await capture(bobPage, 'workshop-03-nom');
  });

  await test.step('Requirements: starter roles, then a CTA each at the same time', async () => {
    for (const page of pages) await page.getByTestId('nav-ctas').click();
    await adaPage.getByTestId('role-starter-set').click();
    await expect(bobPage.locator('input[data-role-name]')).toHaveCount(3);
    await Promise.all([
      addCta(adaPage, 'Member', 'Course', 'Enroll in'),
      addCta(bobPage, 'Member', 'Review', 'Write'),
    ]);
    for (const page of pages) {
      await expect(
        ctaCell(page, 'Member', 'Course').locator('.chip', {
          hasText: 'Enroll in',
        }),
      ).toHaveClass(/primary/);
      await expect(
        ctaCell(page, 'Member', 'Review').locator('.chip', {
          hasText: 'Write',
        }),
      ).toHaveClass(/primary/);
    }
    await capture(adaPage, 'workshop-04-ctas');
  });

  await test.step('Requirements: Bob pastes Course attributes while Ada types Lesson ones', async () => {
    for (const page of pages) await page.getByTestId('nav-attributes').click();
    const pick = (page: Page, name: string) =>
      page.getByRole('navigation', { name: 'Objects' }).getByRole('button', {
        name: new RegExp(`^${name}`),
      });
    await pick(bobPage, 'Course').click();
    await pick(adaPage, 'Lesson').click();
    await Promise.all([
      (async () => {
        await bobPage.getByTestId('attribute-bulk-open').click();
        await bobPage
          .getByTestId('attribute-bulk-text')
          .fill(
            'Title: text\nSummary: text\nLevel: list (Beginner, Intermediate, Advanced)\n',
          );
        await expect(
          bobPage.getByTestId('attribute-bulk-preview').locator('tbody tr'),
        ).toHaveCount(3);
        await bobPage.getByTestId('attribute-bulk-confirm').click();
      })(),
      (async () => {
        for (const name of ['Title', 'Video', 'Position']) {
          await adaPage.getByTestId('attribute-add').fill(name);
          await adaPage.getByTestId('attribute-add').press('Enter');
          await expect(adaPage.getByTestId('attribute-add')).toHaveValue('');
        }
      })(),
    ]);
    const names = (page: Page) =>
      page
        .locator('.row input[data-field="name"]')
        .evaluateAll((inputs) =>
          inputs.map((input) => (input as HTMLInputElement).value),
        );
    await expect
      .poll(() => names(bobPage))
      .toEqual(['Title', 'Summary', 'Level']);
    await expect
      .poll(() => names(adaPage))
      .toEqual(['Title', 'Video', 'Position']);
    await pick(adaPage, 'Course').click();
    await expect
      .poll(() => names(adaPage))
      .toEqual(['Title', 'Summary', 'Level']);
    await capture(bobPage, 'workshop-05-attributes');
  });

  await test.step('Prioritization: Ada sorts objects into Now / Next / Later; Bob sees it and filters', async () => {
    for (const page of pages) await page.getByTestId('nav-priorities').click();
    const card = (page: Page, title: string) =>
      page.locator('[data-card-kind="object"]', { hasText: title });
    for (const [title, phase] of [
      ['Course', 'now'],
      ['Lesson', 'now'],
      ['Enrollment', 'now'],
      ['Learner Profile', 'next'],
      ['Review', 'later'],
    ] as const) {
      await card(adaPage, title).first().locator('select').selectOption(phase);
    }
    await expect(
      bobPage
        .locator('section[data-column="later"]')
        .locator('[data-card-kind="object"]', { hasText: 'Review' }),
    ).toBeVisible();
    await capture(bobPage, 'workshop-06-priorities');

    await bobPage.getByTestId('now-only-toggle').click();
    await bobPage.getByTestId('nav-objects').click();
    await expect(bobPage.getByTestId('object-row')).toHaveCount(3);
    await expect(objectRow(bobPage, 'Review')).toHaveCount(0);
    await bobPage.getByTestId('now-only-toggle').click();
    await expect(bobPage.getByTestId('object-row')).toHaveCount(5);
  });

  await test.step('nothing anyone typed was lost: both browsers, reloaded, hold it all', async () => {
    for (const page of pages) {
      await page.goto(`${workspace}/objects`);
      await expect(page.getByTestId('object-row')).toHaveCount(5);
      await openObject(page, 'Course');
      const definition = page.getByTestId('definition-rendered');
      await expect(definition).toContainText(
        'A structured sequence of lessons on one subject.',
      );
      await expect(definition).toContainText(
        'Owned by an instructor, taken by learners.',
      );
      await expect(page.locator('#section-synonyms')).toContainText('Program');
      await expect(page.getByTestId('object-history')).toContainText(
        'Bob Contributor',
      );
      await page.getByTestId('nav-nom').click();
      await expect(nomCell(page, 'Lesson', 'Course')).toContainText(
        'belongs to',
      );
      await expect(nomCell(page, 'Enrollment', 'Course')).toContainText('N:1');
    }
    await capture(adaPage, 'workshop-07-course-after-reload');
  });

  await test.step('Hand-off: a snapshot, a change, the difference, the downloads, a restore', async () => {
    await adaPage.getByTestId('nav-handoff').click();
    await adaPage.getByTestId('snapshot-name').fill('After the workshop');
    await adaPage.getByTestId('take-snapshot').click();
    await expect(adaPage.getByTestId('snapshot-list')).toContainText(
      'After the workshop',
    );

    // Bob goes on working: the snapshot keeps the model as it was.
    await bobPage.getByTestId('nav-objects').click();
    await objectRow(bobPage, 'Review')
      .getByTestId('object-name')
      .getByRole('button')
      .click();
    const name = objectRow(bobPage, 'Review')
      .getByTestId('object-name')
      .locator('input');
    await name.fill('Course Review');
    await name.press('Enter');
    await adaPage.getByTestId('compare-After the workshop').click();
    await expect(adaPage.getByTestId('snapshot-diff')).toContainText(
      'name: Review → Course Review',
    );

    // The project's workbook, and the snapshot as a bundle, download with their names.
    const [workbook] = await Promise.all([
      adaPage.waitForEvent('download'),
      adaPage.getByTestId('export-xlsx').click(),
    ]);
    expect(workbook.suggestedFilename()).toMatch(
      /^learning-platform-rev\d+\.xlsx$/,
    );
    await expect(adaPage.getByTestId('export-status-xlsx')).toContainText(
      'Downloaded',
    );
    const [bundle] = await Promise.all([
      adaPage.waitForEvent('download'),
      adaPage.getByTestId('export-snapshot-After the workshop').click(),
    ]);
    expect(bundle.suggestedFilename()).toMatch(
      /^learning-platform-rev\d+-snapshot-after-the-workshop\.zip$/,
    );
    await capture(adaPage, 'workshop-08-handoff');

    // Restored as a new project: the snapshot's model, the project left as it is.
    await adaPage
      .getByRole('button', { name: 'Restore as a new project' })
      .click();
    await expect(adaPage).not.toHaveURL(new RegExp(`${workspace}$`));
    await expect(adaPage.getByTestId('workspace-project-name')).toContainText(
      'restored After the workshop',
    );
    await adaPage.getByTestId('nav-objects').click();
    await expect(objectRow(adaPage, 'Review')).toBeVisible();
    await expect(adaPage.getByTestId('object-row')).toHaveCount(5);
  });

  await adaContext.close();
  await bobContext.close();
  expect(consoleErrors, 'browser console errors').toEqual([]);
});

import { type Locator, type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { contrastProblems } from './support/accessibility';
import {
  capture,
  newPerson,
  inviteToProject,
  signUpWithLearningPlatform,
  watchConsole,
} from './support/workspace';

/** A close-up of one preview, beside the full-page captures (apps/web-e2e/screenshots/). */
async function captureElement(element: Locator, name: string): Promise<void> {
  const folder = resolve(test.info().project.testDir, '..', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await element.screenshot({ path: resolve(folder, `${name}.png`) });
}

function pick(page: Page, name: string): Locator {
  return page.locator(
    `[data-testid="preview-pick"][data-object-name="${name}"]`,
  );
}

/** The object id a picker entry links to (`?object=`). */
async function objectIdOf(page: Page, name: string): Promise<string> {
  const href = (await pick(page, name).getAttribute('href')) ?? '';
  return new URL(href, 'http://x').searchParams.get('object') ?? '';
}

/** The numbers a List's cards show for one metadata attribute, top to bottom. */
async function chipNumbers(
  list: Locator,
  attribute: string,
): Promise<number[]> {
  const texts = await list
    .locator(
      `[data-testid="cdll-card-metadata"][data-attribute="${attribute}"]`,
    )
    .allTextContents();
  return texts.map((t) => Number(t.replace(attribute, '').trim()));
}

test('CDLL previews: card, detail, list and landing from the model, gaps linked to their fix, Now only, and others’ edits live', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ada = newPerson('Ada Facilitator');
  const bob = newPerson('Bob Contributor');
  const adaContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const bobContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  const adaPage = await adaContext.newPage();
  const bobPage = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobPage, consoleErrors);
  let workspace = '';
  let courseId = '';

  await test.step('Ada imports the learning platform and opens the previews on its first object', async () => {
    workspace = await signUpWithLearningPlatform(adaPage, ada);
    await adaPage.getByTestId('nav-previews').click();
    await expect(adaPage).toHaveURL(new RegExp(`${workspace}/previews$`));
    await expect(pick(adaPage, 'Course')).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(adaPage.getByTestId('preview-object-name')).toContainText(
      'Course',
    );
    courseId = await objectIdOf(adaPage, 'Course');
    expect(courseId).toMatch(/^[0-9a-f-]{36}$/);
    await capture(adaPage, 'previews-01-course');
  });

  await test.step('the Card shows the name and the top core attributes', async () => {
    const card = adaPage.getByTestId('preview-card');
    // The Title is the name: it heads the card rather than repeating it.
    await expect(card.getByTestId('cdll-card-name')).toHaveText(
      'Intro to Watercolor',
    );
    await expect(card.getByTestId('cdll-card-name')).toHaveAttribute(
      'data-attribute',
      'Title',
    );
    await expect(card.getByTestId('cdll-card-attribute')).toHaveCount(2);
    await expect(
      card.locator(
        '[data-testid="cdll-card-attribute"][data-attribute="Summary"]',
      ),
    ).toContainText('Summary of Intro to Watercolor');
    await expect(
      card.getByRole('img', { name: 'Cover image of Intro to Watercolor' }),
    ).toBeVisible();
    // Metadata is for the List, not the card on its own.
    await expect(card.getByTestId('cdll-card-metadata')).toHaveCount(0);
    await captureElement(card, 'previews-02-card');
  });

  await test.step('the Detail shows all core content, nested objects as lists and primary CTAs as buttons', async () => {
    const detail = adaPage.getByTestId('preview-detail');
    await expect(detail.getByTestId('cdll-detail-name')).toHaveText(
      'Intro to Watercolor',
    );
    for (const attribute of ['Summary', 'Cover image'])
      await expect(
        detail.locator(
          `[data-testid="cdll-detail-core"][data-attribute="${attribute}"]`,
        ),
      ).toBeVisible();
    await expect(detail.getByTestId('cdll-detail-metadata')).toHaveCount(5);
    await expect(
      detail.locator(
        '[data-testid="cdll-nested"][data-object="Lesson"] [data-testid="cdll-nested-item"]',
      ),
    ).toHaveText(['Mixing colours', 'JOINs', 'Lesson 3']);
    await expect(
      detail.locator(
        '[data-testid="cdll-nested"][data-object="Instructor Profile"] [data-testid="cdll-nested-item"]',
      ),
    ).toHaveText(['Prof. Lee']);
    // Primary CTAs on a Course; Create makes a new one, so it is the List's and the Landing's.
    await expect(detail.getByTestId('cdll-primary-cta')).toHaveText([
      'Enroll in',
      'Publish',
    ]);
    for (const verb of ['Enroll in', 'Publish'])
      await expect(
        detail.getByRole('button', { name: verb, exact: true }),
      ).toBeVisible();

    await detail
      .getByRole('button', { name: 'Enroll in', exact: true })
      .click();
    await expect(detail.getByTestId('cdll-cta-note')).toContainText(
      'Learner can Enroll in a Course',
    );
    await expect(detail.getByTestId('cdll-cta-note')).toContainText(
      'Course is Published',
    );
    await captureElement(detail, 'previews-03-detail');
  });

  await test.step('the List sorts and filters by metadata', async () => {
    const list = adaPage.getByTestId('preview-list');
    const items = list.getByTestId('cdll-list-item');
    await expect(items).toHaveCount(6);
    await expect(list.getByTestId('cdll-list-count')).toHaveText('6 courses');
    await expect(list.getByTestId('cdll-list-cta')).toHaveText('Create');
    const suggested = await items.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-instance')),
    );
    expect(suggested[0]).toBe('Intro to Watercolor');

    await list
      .getByTestId('cdll-list-sort')
      .selectOption({ label: 'Price: low to high' });
    await expect(items.first()).not.toHaveAttribute(
      'data-instance',
      'Intro to Watercolor',
    );
    const ascending = await chipNumbers(list, 'Price');
    expect(ascending).toHaveLength(6);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await list
      .getByTestId('cdll-list-sort')
      .selectOption({ label: 'Price: high to low' });
    await expect
      .poll(() => chipNumbers(list, 'Price'))
      .toEqual([...ascending].reverse());

    await list
      .locator('[data-testid="cdll-list-filter"][data-attribute="Level"]')
      .selectOption({ label: 'Advanced' });
    await expect(list.getByTestId('cdll-list-count')).toHaveText(
      '2 of 6 courses',
    );
    await expect(items).toHaveCount(2);
    await expect(
      list.locator(
        '[data-testid="cdll-card-metadata"][data-attribute="Level"]',
      ),
    ).toHaveText(['Level Advanced', 'Level Advanced']);
    await expect(list.getByTestId('cdll-address')).toHaveText(
      '/courses/all?level=advanced&sort=price-high-to-low',
    );
    await captureElement(list, 'previews-04-list-filtered');

    await list.getByTestId('cdll-list-clear').click();
    await expect(items).toHaveCount(6);
  });

  await test.step('the Landing shows', async () => {
    const landing = adaPage.getByTestId('preview-landing');
    await expect(landing.getByTestId('cdll-landing-title')).toHaveText(
      'Courses',
    );
    await expect(landing.getByTestId('cdll-landing-intro')).toHaveText(
      'A structured sequence of lessons that teaches one subject, owned by an instructor.',
    );
    await expect(landing.getByTestId('cdll-landing-cta')).toHaveText('Create');
    await expect(landing.getByTestId('cdll-landing-browse')).toHaveText([
      'Beginner',
      'Intermediate',
      'Advanced',
    ]);
    await expect(landing.getByTestId('cdll-card')).toHaveCount(3);
    await captureElement(landing, 'previews-05-landing');
    // Every text of the previews, sketches included, reads at WCAG AA.
    expect(await contrastProblems(adaPage, 'orca-previews-page')).toEqual([]);
  });

  await test.step('an object without metadata says so, and the warning leads to the fix', async () => {
    await pick(adaPage, 'Topic').click();
    await expect(adaPage.getByTestId('preview-object-name')).toContainText(
      'Topic',
    );
    const warning = adaPage.locator(
      '[data-testid="preview-warning"][data-code="no-metadata"]',
    );
    await expect(warning).toContainText(
      'No metadata: the list of Topics cannot be sorted or filtered.',
    );
    await expect(
      adaPage.getByTestId('preview-list').getByTestId('cdll-list-no-controls'),
    ).toBeVisible();
    await capture(adaPage, 'previews-06-topic-gaps');

    const topicId = await objectIdOf(adaPage, 'Topic');
    await warning.getByTestId('preview-warning-fix').click();
    await expect(adaPage).toHaveURL(
      new RegExp(`${workspace}/attributes\\?object=${topicId}$`),
    );
    await adaPage.getByTestId('attribute-add').fill('Courses: number metadata');
    await adaPage.getByTestId('attribute-add').press('Enter');
    await expect(
      adaPage.locator('[data-kind="metadata"] input[data-field="name"]'),
    ).toHaveValue('Courses');

    await adaPage.goBack();
    await expect(adaPage).toHaveURL(
      new RegExp(`${workspace}/previews\\?object=${topicId}$`),
    );
    await expect(
      adaPage.locator(
        '[data-testid="preview-warning"][data-code="no-metadata"]',
      ),
    ).toHaveCount(0);
    await expect(
      adaPage.getByTestId('preview-list').getByTestId('cdll-list-sort'),
    ).toContainText('Courses: low to high');
  });

  await test.step('“Now only” hides the previews of a Later object', async () => {
    await pick(adaPage, 'Certificate').click();
    await expect(adaPage.getByTestId('preview-object-name')).toContainText(
      'Certificate',
    );
    await expect(adaPage.getByTestId('preview-card')).toBeVisible();

    await adaPage.getByTestId('now-only-toggle').click();
    await expect(adaPage.getByTestId('preview-hidden')).toContainText(
      'Certificate is hidden by “Now only”',
    );
    await expect(adaPage.getByTestId('preview-card')).toHaveCount(0);
    await expect(pick(adaPage, 'Certificate')).toHaveCount(0);
    await expect(adaPage.getByTestId('preview-pick')).toHaveCount(5);
    await capture(adaPage, 'previews-07-now-only');

    await adaPage
      .getByTestId('preview-hidden')
      .getByRole('button', { name: 'Show all phases' })
      .click();
    await expect(adaPage.getByTestId('now-only-toggle')).toHaveAttribute(
      'aria-checked',
      'false',
    );
    await expect(adaPage.getByTestId('preview-card')).toBeVisible();
  });

  await test.step('Ada invites Bob', async () => {
    await inviteToProject(adaPage, bobPage, bob);
  });

  await test.step('a core attribute Bob adds appears in Ada’s previews without a reload', async () => {
    await adaPage.goto(`${workspace}/previews?object=${courseId}`);
    const detail = adaPage.getByTestId('preview-detail');
    await expect(detail.getByTestId('cdll-detail-name')).toHaveText(
      'Intro to Watercolor',
    );
    await expect(
      detail.locator(
        '[data-testid="cdll-detail-core"][data-attribute="Language"]',
      ),
    ).toHaveCount(0);

    await bobPage.goto(`${workspace}/attributes?object=${courseId}`);
    await expect(bobPage.getByTestId('connection-indicator')).toHaveAttribute(
      'data-status',
      'live',
    );
    await bobPage.getByTestId('attribute-add').fill('Language');
    await bobPage.getByTestId('attribute-add').press('Enter');

    await expect(
      detail.locator(
        '[data-testid="cdll-detail-core"][data-attribute="Language"]',
      ),
    ).toContainText('Language of Intro to Watercolor');

    // Bob comes to look too: Ada sees where he is.
    await bobPage.goto(`${workspace}/previews?object=${courseId}`);
    await expect(
      adaPage.locator(
        `[data-testid="presence-avatar"][data-user-name="${bob.displayName}"]`,
      ),
    ).toHaveAttribute('aria-label', `${bob.displayName}: On the CDLL previews`);
    await capture(adaPage, 'previews-08-live');
    await capture(bobPage, 'previews-09-bob');
  });

  await adaContext.close();
  await bobContext.close();
  await test.step('nothing went wrong in either browser console', async () => {
    expect(consoleErrors).toEqual([]);
  });
});

import { type Locator, type Page, expect, test } from '@playwright/test';
import {
  contrastProblems,
  stopsWithoutVisibleFocus,
} from './support/accessibility';
import {
  capture,
  importProject,
  newPerson,
  objectRow,
  signUpWithLearningPlatform,
  watchConsole,
} from './support/workspace';

/**
 * The four model views (NOM, CTA matrix, attributes, priorities) driven in Chromium as people use
 * them: by mouse and by keyboard, at desktop and tablet widths, on the learning-platform model.
 *
 * Headless Chromium hides scrollbars unless told otherwise; a desktop browser shows them, and they
 * take room from the matrices. So these specs run with them.
 */
test.use({
  viewport: { width: 1366, height: 900 },
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ],
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

const TABLET = { width: 820, height: 1180 };

let consoleErrors: string[] = [];
let workspace = '';

test.beforeEach(async ({ page }) => {
  consoleErrors = [];
  watchConsole(page, consoleErrors);
  workspace = await signUpWithLearningPlatform(
    page,
    newPerson('Ada Facilitator'),
  );
});

test.afterEach(() => {
  expect(consoleErrors, 'browser console errors').toEqual([]);
});

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

async function pressTimes(page: Page, key: string, times: number) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;

/** Where the element is on the page; it must be laid out. */
async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not laid out`);
  return box;
}

/** Presses the mouse on `from`, moves in small steps as a hand does, and lets go on `to`. */
async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y - 10, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

/** Horizontal distance between two elements' left edges, to compare a column head with a cell. */
async function leftOffset(a: Locator, b: Locator): Promise<number> {
  return Math.abs((await boxOf(a)).x - (await boxOf(b)).x);
}

/** True when the element is wholly inside the visible part of the container it scrolls in. */
function whollyVisible(element: Locator, scroller: string): Promise<boolean> {
  return element.evaluate((item, selector) => {
    const container = item.closest(selector);
    if (!container) throw new Error(`Not inside ${selector}`);
    const box = container.getBoundingClientRect();
    const left = box.left + container.clientLeft;
    const top = box.top + container.clientTop;
    const inner = item.getBoundingClientRect();
    return (
      inner.left >= left - 0.5 &&
      inner.right <= left + container.clientWidth + 0.5 &&
      inner.top >= top - 0.5 &&
      inner.bottom <= top + container.clientHeight + 0.5
    );
  }, scroller);
}

const NOM_SCROLLER = 'cdk-virtual-scroll-viewport';
const CTA_SCROLLER = '.scroll';

/** Thirty objects in a chain, each nesting the next: wide enough to scroll both matrices. */
function thirtyObjects(): Buffer {
  const names = [
    'Course',
    'Lesson',
    'Learner',
    'Enrollment',
    'Instructor',
    'Review',
    'Certificate',
    'Topic',
    'Post',
    'Quiz',
    'Question',
    'Answer',
    'Badge',
    'Cohort',
    'Schedule',
    'Session',
    'Assignment',
    'Submission',
    'Grade',
    'Rubric',
    'Message',
    'Thread',
    'Notification',
    'Invoice',
    'Payment',
    'Coupon',
    'Organisation',
    'Team',
    'Resource',
    'Transcript',
  ];
  const objects = names.map((name, i) => ({
    key: `o${i}`,
    name,
    definition: `A ${name.toLowerCase()}.`,
  }));
  const relationships = names.slice(1).flatMap((_, i) => [
    {
      from: `o${i}`,
      to: `o${i + 1}`,
      label: 'has',
      cardinality: 'one-to-many',
    },
    {
      from: `o${i + 1}`,
      to: `o${i}`,
      label: 'belongs to',
      cardinality: 'many-to-one',
    },
  ]);
  const model = {
    format: 'orca-project',
    version: 1,
    project: { name: 'Thirty objects', description: 'A wide matrix.' },
    roles: [
      { key: 'learner', name: 'Learner' },
      { key: 'instructor', name: 'Instructor' },
    ],
    objects,
    relationships,
    attributes: [],
    ctas: names.map((_, i) => ({
      role: 'learner',
      object: `o${i}`,
      verb: 'View',
      crud: 'read',
      primary: true,
    })),
  };
  return Buffer.from(JSON.stringify(model));
}

test('NOM: a cell filled one way by mouse and back by keyboard loses its one-way mark', async ({
  page,
}) => {
  await page.getByTestId('nav-nom').click();
  const grid = page.getByTestId('nom-grid');
  const summary = page.getByTestId('nom-summary');
  const editor = page.getByTestId('nom-editor');
  const viewport = page.getByTestId('nom-viewport');
  await expect(summary).toContainText('16 of 81 cells filled');
  await expect(summary).toContainText('2 one-way');

  await test.step('all nine rows show without scrolling inside the matrix', async () => {
    await expect(page.locator('orca-nom-row')).toHaveCount(9);
    expect(
      await viewport.evaluate((v) => v.scrollHeight - v.clientHeight),
    ).toBeLessThanOrEqual(0);
    expect(
      await whollyVisible(
        nomCell(page, 'Discussion Post', 'Course'),
        NOM_SCROLLER,
      ),
    ).toBe(true);
    await capture(page, 'matrices-01-nom');
  });

  await test.step('by mouse: Lesson → Topic, a label and N:M', async () => {
    await nomCell(page, 'Lesson', 'Topic').click();
    await expect(editor.locator('h3')).toHaveText(/Lesson\s*→\s*Topic/);
    await editor.getByLabel('Label', { exact: true }).fill('is tagged with');
    await editor.getByRole('radio', { name: /^N:M/ }).check();
    await editor.getByTestId('nom-editor-done').click();
    await expect(editor).toBeHidden();

    await expect(nomCell(page, 'Lesson', 'Topic')).toContainText(
      'is tagged with',
    );
    await expect(nomCell(page, 'Lesson', 'Topic')).toContainText('N:M');
    await expect(nomCell(page, 'Lesson', 'Topic')).toHaveAttribute(
      'data-flag',
      'one-way',
    );
    await expect(nomCell(page, 'Topic', 'Lesson')).toHaveAttribute(
      'data-flag',
      'gap',
    );
    await expect(summary).toContainText('3 one-way');
  });

  await test.step('by keyboard: arrows to Topic → Lesson, Enter, a label, the cardinality', async () => {
    // Done gave the focus back to the matrix, on the cell just edited.
    await expect(grid).toBeFocused();
    await pressTimes(page, 'ArrowDown', 6);
    await pressTimes(page, 'ArrowLeft', 6);
    await expect(nomCell(page, 'Topic', 'Lesson')).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(editor.getByLabel('Label', { exact: true })).toBeFocused();
    await page.keyboard.type('tags');
    await page.keyboard.press('Tab');
    // The empty mirror of an N:M cell starts as N:M.
    const manyToMany = editor.getByRole('radio', { name: /^N:M/ });
    await expect(manyToMany).toBeFocused();
    await expect(manyToMany).toBeChecked();

    await page.keyboard.press('ArrowUp');
    await expect(editor.getByRole('radio', { name: /^N:1/ })).toBeChecked();
    await expect(nomCell(page, 'Topic', 'Lesson')).toHaveAttribute(
      'data-flag',
      'contradiction',
    );
    await expect(editor.getByTestId('nom-editor-flag')).toContainText(
      'Topic → Lesson',
    );
    await capture(page, 'matrices-02-nom-editor-contradiction');

    await page.keyboard.press('ArrowDown');
    await expect(nomCell(page, 'Topic', 'Lesson')).toHaveAttribute(
      'data-flag',
      'none',
    );
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    await expect(grid).toBeFocused();
  });

  await test.step('both directions are saved: no one-way mark after a reload', async () => {
    await expect(summary).toContainText('2 one-way');
    await page.reload();
    await expect(nomCell(page, 'Topic', 'Lesson')).toContainText('tags');
    await expect(nomCell(page, 'Topic', 'Lesson')).toContainText('N:M');
    await expect(nomCell(page, 'Lesson', 'Topic')).toContainText(
      'is tagged with',
    );
    await expect(nomCell(page, 'Lesson', 'Topic')).toHaveAttribute(
      'data-flag',
      'none',
    );
    await expect(summary).toContainText('18 of 81 cells filled');
  });
});

test('NOM and CTA matrix at thirty objects scroll sideways with their headers in step', async ({
  page,
}) => {
  await page.goto('/projects');
  const thirty = await importProject(page, {
    name: 'thirty.orca.json',
    mimeType: 'application/json',
    buffer: thirtyObjects(),
  });
  await page.goto(`${thirty}/nom`);
  const grid = page.getByTestId('nom-grid');
  const activeCell = grid.locator('[role="gridcell"].active');
  const activeHead = grid.locator('.column-head.active');

  for (const size of [{ width: 1366, height: 900 }, TABLET]) {
    await test.step(`NOM at ${size.width} px: to the far corner and back`, async () => {
      await page.setViewportSize(size);
      await grid.focus();
      await page.keyboard.press('Control+End');
      await expect(activeCell).toHaveAttribute(
        'aria-label',
        /^Transcript → Transcript/,
      );
      // The rows of the new range are drawn on the next frame.
      await expect
        .poll(() => whollyVisible(activeCell, NOM_SCROLLER))
        .toBe(true);
      // The column head sits over its column even with the vertical scrollbar beside the rows.
      await expect
        .poll(() => leftOffset(activeHead, activeCell))
        .toBeLessThan(1);
      await expect(activeHead).toHaveText('Transcript');
      await capture(page, `matrices-03-nom-30-columns-${size.width}`);

      await page.keyboard.press('Control+Home');
      await expect(activeCell).toHaveAttribute(
        'aria-label',
        /^Course → Course/,
      );
      // The rows of the new range are drawn on the next frame.
      await expect
        .poll(() => whollyVisible(activeCell, NOM_SCROLLER))
        .toBe(true);
      await expect
        .poll(() => leftOffset(activeHead, activeCell))
        .toBeLessThan(1);
    });
  }

  await test.step('CTA matrix on a tablet: the role column and the corner stay put', async () => {
    await page.getByTestId('nav-ctas').click();
    const ctaGrid = page.getByTestId('cta-grid');
    await ctaGrid.focus();
    await page.keyboard.press('End');
    const active = ctaGrid.locator('td.active');
    await expect(active).toHaveAttribute(
      'aria-label',
      /^Learner on Transcript/,
    );
    await expect.poll(() => whollyVisible(active, CTA_SCROLLER)).toBe(true);
    // What is painted at the corner is the corner itself, not an object head scrolled under it.
    const box = await boxOf(ctaGrid.locator('th.corner'));
    const painted = await page.evaluate(
      ({ x, y }) =>
        document.elementFromPoint(x, y)?.closest('th')?.className ?? '',
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(painted).toContain('corner');
    await capture(page, 'matrices-04-cta-30-columns-820');
  });
});

test('CTA matrix: a CTA added by verb and Enter, starred, its conditions opened; starter roles', async ({
  page,
}) => {
  await page.getByTestId('nav-ctas').click();
  const panel = page.getByTestId('cta-panel');

  await test.step('by mouse: Learner × Learner Profile gets "Edit"', async () => {
    await ctaCell(page, 'Learner', 'Learner Profile').click();
    const add = panel.getByTestId('cta-add');
    await expect(add).toBeFocused();
    await page.keyboard.type('Edit');
    await expect(panel).toContainText('Will be added as Update');
    await page.keyboard.press('Enter');
    await expect(add).toHaveValue('');

    const chip = ctaCell(page, 'Learner', 'Learner Profile').locator('.chip', {
      hasText: 'Edit',
    });
    await expect(chip.locator('.crud')).toHaveText('U');
    const item = panel.locator('li.cta').last();
    await item.getByTestId('cta-primary').click();
    await expect(item.getByTestId('cta-primary')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(chip).toHaveClass(/primary/);
    await expect(chip.locator('.star')).toHaveText('★');

    await item.getByTestId('cta-expand').click();
    await expect(item.getByTestId('cta-expand')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await item.getByLabel('Preconditions').fill('The learner is signed in');
    await item.getByLabel('Postconditions').focus();
    await capture(page, 'matrices-05-cta-panel');
  });

  await test.step('by keyboard: Admin × Review gets "Remove"', async () => {
    await page.getByTestId('cta-panel-close').click();
    const grid = page.getByTestId('cta-grid');
    await expect(grid).toBeFocused();
    // From Learner × Learner Profile (row 0, column 2) to Admin × Review (row 2, column 5).
    await pressTimes(page, 'ArrowDown', 2);
    await pressTimes(page, 'ArrowRight', 3);
    await expect(ctaCell(page, 'Admin', 'Review')).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('cta-add')).toBeFocused();
    await page.keyboard.type('Remove');
    await page.keyboard.press('Enter');
    await expect(
      ctaCell(page, 'Admin', 'Review')
        .locator('.chip', { hasText: 'Remove' })
        .locator('.crud'),
    ).toHaveText('D');
    await page.keyboard.press('Escape');
    await expect(grid).toBeFocused();
  });

  await test.step('what was typed reached the server', async () => {
    await page.reload();
    const chip = ctaCell(page, 'Learner', 'Learner Profile').locator('.chip', {
      hasText: 'Edit',
    });
    await expect(chip).toHaveClass(/primary/);
    await ctaCell(page, 'Learner', 'Learner Profile').click();
    const item = panel.locator('li.cta').last();
    await item.getByTestId('cta-expand').click();
    await expect(item.getByLabel('Preconditions')).toHaveValue(
      'The learner is signed in',
    );
  });

  await test.step('an empty project starts its roles with the starter set', async () => {
    await page.goto('/projects');
    await page.getByTestId('project-name-input').fill('Empty workshop');
    await page.getByTestId('create-project-submit').click();
    await page
      .getByTestId('project-card')
      .filter({ hasText: 'Empty workshop' })
      .getByTestId('project-open-link')
      .click();
    await page.getByTestId('nav-ctas').click();
    await expect(page.getByText('Add objects first')).toBeVisible();
    const starter = page.getByTestId('role-starter-set');
    await expect(starter).toHaveClass(/btn-primary/);
    await starter.click();
    const roles = page.locator('input[data-role-name]');
    await expect(roles).toHaveCount(3);
    await expect(roles.nth(0)).toHaveValue('Visitor');
    await expect(roles.nth(1)).toHaveValue('Member');
    await expect(roles.nth(2)).toHaveValue('Admin');
    await capture(page, 'matrices-06-cta-starter-roles');
  });
});

test('attributes: ranked by drag and by keyboard, bulk-added by pasting, kept after a reload', async ({
  page,
  context,
}) => {
  await page.getByTestId('nav-attributes').click();
  const names = page.locator('.row input[data-field="name"]');
  const rank = () =>
    names.evaluateAll((inputs) =>
      inputs.map((i) => (i as HTMLInputElement).value),
    );
  await expect(page.locator('h3')).toHaveText(/Attributes of\s*Course/);
  await expect(names).toHaveCount(8);

  await test.step('drag "Duration (hours)" by its handle above "Summary"', async () => {
    const handle = page
      .locator('[data-attribute-id]')
      .nth(4)
      .locator('.handle');
    const target = page.locator('[data-attribute-id]').nth(1);
    const from = await boxOf(handle);
    const to = await boxOf(target);
    await drag(
      page,
      { x: from.x + from.width / 2, y: from.y + from.height / 2 },
      { x: from.x + from.width / 2, y: to.y + to.height / 2 },
    );
    await expect
      .poll(rank)
      .toEqual([
        'Title',
        'Duration (hours)',
        'Summary',
        'Cover image',
        'Level',
        'Price',
        'Published on',
        'Average rating',
      ]);
  });

  await test.step('press "Move Price up" twice from the keyboard', async () => {
    const up = page.getByRole('button', { name: 'Move Price up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect(up).toBeFocused();
    await page.keyboard.press('Enter');
    await expect
      .poll(rank)
      .toEqual([
        'Title',
        'Duration (hours)',
        'Summary',
        'Price',
        'Cover image',
        'Level',
        'Published on',
        'Average rating',
      ]);
  });

  await test.step('paste three lines into the add field: preview, then add all three', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() =>
      navigator.clipboard.writeText(
        'Language: list (English, French, German)\nSubtitles: boolean\nTrailer: url\n',
      ),
    );
    await page.getByTestId('attribute-add').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByTestId('attribute-bulk-text')).toBeFocused();
    const preview = page
      .getByTestId('attribute-bulk-preview')
      .locator('tbody tr');
    await expect(preview).toHaveCount(3);
    await expect(preview.nth(0)).toContainText('English, French, German');
    await capture(page, 'matrices-07-attributes-paste');
    await page.getByTestId('attribute-bulk-confirm').click();
    await expect(names).toHaveCount(11);
  });

  await test.step('the order and the new attributes are still there after a reload', async () => {
    await page.reload();
    await expect(names).toHaveCount(11);
    expect(await rank()).toEqual([
      'Title',
      'Duration (hours)',
      'Summary',
      'Price',
      'Cover image',
      'Level',
      'Published on',
      'Average rating',
      'Language',
      'Subtitles',
      'Trailer',
    ]);
    await page.setViewportSize(TABLET);
    await capture(page, 'matrices-08-attributes-820');
  });
});

test('priorities: Review dragged to Now, and "Now only" leaves the others out of the catalog', async ({
  page,
}) => {
  await page.getByTestId('nav-priorities').click();
  const column = (phase: string) =>
    page.locator(`section[data-column="${phase}"]`);
  const card = (phase: string, title: string) =>
    column(phase).locator('[data-card-kind="object"]', { hasText: title });

  await test.step('drag the Review card from Next to Now', async () => {
    await expect(card('next', 'Review')).toBeVisible();
    const from = await boxOf(card('next', 'Review').locator('.title'));
    const to = await boxOf(column('now').locator('ul'));
    await drag(
      page,
      { x: from.x + 10, y: from.y + from.height / 2 },
      { x: to.x + to.width / 2, y: to.y + to.height - 20 },
    );
    await expect(card('now', 'Review')).toBeVisible();
    await expect(card('next', 'Review')).toHaveCount(0);
    await expect(card('now', 'Review').locator('select')).toHaveValue('now');
    await capture(page, 'matrices-09-priorities');
  });

  await test.step('"Now only" hides what is not planned for Now from the catalog', async () => {
    await page.getByTestId('now-only-toggle').click();
    await expect(page.getByTestId('now-only-toggle')).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(page.getByTestId('now-only-banner')).toContainText(
      '3 objects are hidden',
    );
    // The board itself shows every phase, to move things back.
    await expect(card('later', 'Certificate')).toBeVisible();

    await page.getByTestId('nav-objects').click();
    await expect(page.getByTestId('object-row')).toHaveCount(6);
    await expect(objectRow(page, 'Review')).toBeVisible();
    await expect(objectRow(page, 'Certificate')).toHaveCount(0);
    await expect(objectRow(page, 'Instructor Profile')).toHaveCount(0);
    await capture(page, 'matrices-10-catalog-now-only');

    await page.getByTestId('now-only-toggle').click();
    await expect(page.getByTestId('object-row')).toHaveCount(9);
  });
});

test('checks: a one-way relationship is fixed from its link into the NOM, and the check goes', async ({
  page,
}) => {
  const oneWay =
    'Review → Learner Profile is filled but Learner Profile → Review is empty.';
  await page.getByTestId('nav-checks').click();
  const finding = page.getByTestId('finding').filter({ hasText: oneWay });
  await expect(finding).toHaveCount(1);
  await expect(page.getByTestId('nav-checks')).toContainText('10');

  await finding.getByTestId('finding-fix').click();
  await expect(page).toHaveURL(/\/nom\?focus=[0-9a-f-]{36}$/);
  const editor = page.getByTestId('nom-editor');
  await expect(editor.locator('h3')).toHaveText(/Review\s*→\s*Learner Profile/);
  await expect(editor.getByTestId('nom-editor-flag')).toContainText(oneWay);
  await expect(editor.getByLabel('Label', { exact: true })).toBeFocused();
  await capture(page, 'matrices-11-nom-from-checks');

  await editor.getByTestId('nom-editor-fill-mirror').click();
  await expect(nomCell(page, 'Learner Profile', 'Review')).toContainText('1:N');
  await expect(nomCell(page, 'Review', 'Learner Profile')).toHaveAttribute(
    'data-flag',
    'none',
  );

  await page.getByTestId('nav-checks').click();
  await expect(
    page.getByTestId('finding').filter({ hasText: oneWay }),
  ).toHaveCount(0);
  await expect(page.getByTestId('nav-checks')).toContainText('9');
  await capture(page, 'matrices-12-checks-after-fix');
});

/** Each view, and how to open the editor it has, so the editor's text is measured too. */
const VIEWS: ReadonlyArray<readonly [string, (page: Page) => Promise<void>]> = [
  ['nom', (page) => nomCell(page, 'Course', 'Lesson').click()],
  ['ctas', (page) => ctaCell(page, 'Learner', 'Course').click()],
  ['attributes', (page) => page.getByTestId('attribute-bulk-open').click()],
  ['priorities', (page) => page.getByRole('tab', { name: /^CTAs/ }).click()],
];

test('every view reads well: AA contrast and a visible focus at each stop, desktop and tablet', async ({
  page,
}) => {
  for (const size of [{ width: 1366, height: 900 }, TABLET]) {
    await page.setViewportSize(size);
    for (const [view, openEditor] of VIEWS) {
      await test.step(`${view} at ${size.width} px`, async () => {
        await page.goto(`${workspace}/${view}`);
        await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
          'data-status',
          'live',
        );
        await openEditor(page);
        expect(await contrastProblems(page, 'orca-workspace-shell')).toEqual(
          [],
        );

        await page.locator('h1').click();
        expect(await stopsWithoutVisibleFocus(page, 30)).toEqual([]);
        await capture(page, `matrices-13-${view}-${size.width}`);
      });
    }
  }
});

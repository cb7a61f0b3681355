import {
  type Download,
  type Locator,
  type Page,
  expect,
  test,
} from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  capture,
  newPerson,
  inviteToProject,
  signUpWithLearningPlatform,
  watchConsole,
} from './support/workspace';

/**
 * The Object Map and the system graph of the learning platform, with two people: Ada (the
 * facilitator) moves a node and Bob (a contributor, in another browser) sees it move; both pages
 * zoom and pan, and download as SVG and PNG made in the browser.
 */

const OBJECTS = [
  'Course',
  'Lesson',
  'Learner Profile',
  'Enrollment',
  'Instructor Profile',
  'Review',
  'Certificate',
  'Topic',
  'Discussion Post',
];
const NOW_OBJECTS = [
  'Course',
  'Lesson',
  'Learner Profile',
  'Enrollment',
  'Topic',
];

function graphNode(page: Page, name: string): Locator {
  return page.locator(`[data-testid="graph-node"][data-name="${name}"]`);
}

async function centreOf(node: Locator): Promise<{ x: number; y: number }> {
  return {
    x: Number(await node.getAttribute('data-x')),
    y: Number(await node.getAttribute('data-y')),
  };
}

async function scaleOf(canvas: Locator): Promise<number> {
  return Number(await canvas.getAttribute('data-scale'));
}

/** A drag with the mouse in small steps, as a hand does it. */
async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** Parses the SVG in the browser as an image viewer would; returns what a reader finds in it. */
async function readSvg(page: Page, download: Download) {
  const svg = readFileSync(await download.path(), 'utf8');
  return page.evaluate((text) => {
    const document = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = document.documentElement;
    return {
      wellFormed: document.getElementsByTagName('parsererror').length === 0,
      root: root.tagName,
      namespace: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      title: document.querySelector('title')?.textContent ?? '',
      texts: [...document.querySelectorAll('text')].map(
        (t) => t.textContent ?? '',
      ),
      scripts: document.querySelectorAll('script, foreignObject').length,
    };
  }, svg);
}

/** The PNG signature and the size its IHDR chunk declares. */
function readPng(file: string): {
  signature: string;
  width: number;
  height: number;
} {
  const bytes = readFileSync(file);
  return {
    signature: bytes.subarray(0, 8).toString('hex'),
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
  };
}

async function downloadBoth(page: Page, name: string) {
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-svg').click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe(`learning-platform-${name}.svg`);
  const svg = await readSvg(page, svgDownload);
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-png').click(),
  ]);
  expect(pngDownload.suggestedFilename()).toBe(`learning-platform-${name}.png`);
  const png = readPng(await pngDownload.path());
  return { svg, png };
}

test('the Object Map and the system graph: live, movable, zoomable, downloadable', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ada = newPerson('Ada Facilitator');
  const bob = newPerson('Bob Contributor');
  const adaContext = await browser.newContext({
    viewport: { width: 1440, height: 960 },
    acceptDownloads: true,
  });
  const bobContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const adaPage = await adaContext.newPage();
  const bobPage = await bobContext.newPage();
  const consoleErrors: string[] = [];
  watchConsole(adaPage, consoleErrors);
  watchConsole(bobPage, consoleErrors);
  let workspace = '';

  await test.step('Ada imports the learning platform and invites Bob as a contributor', async () => {
    workspace = await signUpWithLearningPlatform(adaPage, ada);
    await inviteToProject(adaPage, bobPage, bob);
  });

  await test.step('the Object Map: a column per object in model order, in the OOUX colours', async () => {
    await adaPage.getByTestId('nav-map').click();
    await expect(adaPage).toHaveURL(new RegExp(`${workspace}/map$`));
    const columns = adaPage.getByTestId('map-column');
    await expect(columns).toHaveCount(OBJECTS.length);
    expect(
      await columns.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-name')),
      ),
    ).toEqual(OBJECTS);
    const fill = (kind: string) =>
      adaPage
        .locator(
          `[data-testid="map-column"][data-name="Course"] [data-kind="${kind}"] .box`,
        )
        .first()
        .getAttribute('fill');
    expect((await fill('core'))?.toUpperCase()).toBe('#FFF2CC');
    expect((await fill('metadata'))?.toUpperCase()).toBe('#F4CCCC');
    expect((await fill('nested'))?.toUpperCase()).toBe('#DDEBF7');
    expect((await fill('cta'))?.toUpperCase()).toBe('#D9EAD3');
    expect((await fill('object'))?.toUpperCase()).toBe('#2D6DB3');
    await expect(
      adaPage.locator(
        '[data-testid="map-column"][data-name="Course"] [data-kind="cta"][data-primary="true"]',
      ),
    ).toHaveCount(3);
    await capture(adaPage, 'diagrams-01-object-map');
  });

  await test.step('"Now only" leaves the later objects off the map', async () => {
    await adaPage.getByTestId('now-only-toggle').click();
    const columns = adaPage.getByTestId('map-column');
    await expect(columns).toHaveCount(NOW_OBJECTS.length);
    expect(
      await columns.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-name')),
      ),
    ).toEqual(NOW_OBJECTS);
    await expect(
      adaPage.locator('[data-testid="map-note"][data-text="Discussion Post"]'),
    ).toHaveCount(0);
    await capture(adaPage, 'diagrams-02-object-map-now-only');
    await adaPage.getByTestId('now-only-toggle').click();
    await expect(columns).toHaveCount(OBJECTS.length);
  });

  await test.step('the Object Map zooms and pans, and a note opens its object', async () => {
    const canvas = adaPage.getByTestId('map-canvas');
    const before = await scaleOf(canvas);
    await adaPage.getByTestId('zoom-in').click();
    await expect.poll(() => scaleOf(canvas)).toBeCloseTo(before * 1.25, 2);
    await adaPage.getByTestId('zoom-fit').click();
    await expect.poll(() => scaleOf(canvas)).toBeCloseTo(before, 2);
    const group = canvas.locator(':scope > g');
    const panBefore = await group.getAttribute('transform');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map has no box');
    // From the empty strip above the notes.
    await drag(
      adaPage,
      { x: box.x + box.width - 12, y: box.y + 10 },
      { x: box.x + box.width - 212, y: box.y + 90 },
    );
    await expect(group).not.toHaveAttribute('transform', panBefore ?? '');
    await adaPage.getByTestId('zoom-fit').click();
    await adaPage
      .locator(
        '[data-testid="map-column"][data-name="Course"] [data-kind="nested"][data-text="Review"]',
      )
      .click();
    await expect(adaPage).toHaveURL(
      new RegExp(`${workspace}/objects/[0-9a-f-]{36}$`),
    );
    await expect(adaPage.getByTestId('object-page-name')).toContainText(
      'Review',
    );
    await adaPage.goBack();
    await expect(adaPage.getByTestId('map-column')).toHaveCount(OBJECTS.length);
  });

  await test.step('the Object Map downloads as SVG and PNG holding every object', async () => {
    const { svg, png } = await downloadBoth(adaPage, 'object-map');
    expect(svg.wellFormed).toBe(true);
    expect(svg.root).toBe('svg');
    expect(svg.namespace).toBe('http://www.w3.org/2000/svg');
    expect(svg.scripts).toBe(0);
    expect(svg.title).toBe('Learning platform: Object Map');
    for (const name of OBJECTS) expect(svg.texts).toContain(name);
    expect(svg.texts).toContain('Learner: Enroll in');
    expect(png.signature).toBe('89504e470d0a1a0a');
    expect(png.width).toBe(svg.width * 2);
    expect(png.height).toBe(svg.height * 2);
  });

  await test.step('both open the system graph; one-way relationships stand out', async () => {
    await adaPage.getByTestId('nav-graph').click();
    await bobPage.goto(`${workspace}/graph`);
    for (const page of [adaPage, bobPage]) {
      await expect(page.getByTestId('connection-indicator')).toHaveAttribute(
        'data-status',
        'live',
      );
      await expect(page.getByTestId('graph-node')).toHaveCount(OBJECTS.length);
      await expect(page.getByTestId('graph-edge')).toHaveCount(16);
    }
    const oneWay = adaPage.locator(
      '[data-testid="graph-edge"][data-tone="one-way"]',
    );
    await expect(oneWay).toHaveCount(2);
    await expect(oneWay.first().locator('path')).toHaveAttribute(
      'stroke-dasharray',
      /\S/,
    );
    await expect(
      adaPage.locator('.labels text', { hasText: 'one way only' }),
    ).toHaveCount(2);
    await capture(adaPage, 'diagrams-03-system-graph');
  });

  await test.step('Ada drags Lesson; Bob sees it move there, and it stays after a reload', async () => {
    const canvas = adaPage.getByTestId('graph-canvas');
    const scale = await scaleOf(canvas);
    const lesson = graphNode(adaPage, 'Lesson');
    const before = await centreOf(lesson);
    const bobBefore = await centreOf(graphNode(bobPage, 'Lesson'));
    const bobTransform = await graphNode(bobPage, 'Lesson').getAttribute(
      'transform',
    );
    expect(bobBefore).toEqual(before);
    const box = await lesson.boundingBox();
    if (!box) throw new Error('Lesson has no box');
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await drag(adaPage, from, { x: from.x + 160, y: from.y + 110 });
    const expected = { x: before.x + 160 / scale, y: before.y + 110 / scale };
    await expect
      .poll(async () => centreOf(graphNode(adaPage, 'Lesson')))
      .toEqual({ x: Math.round(expected.x), y: Math.round(expected.y) });
    // Bob's copy follows through the live connection.
    await expect
      .poll(async () => {
        const at = await centreOf(graphNode(bobPage, 'Lesson'));
        return (
          Math.abs(at.x - expected.x) <= 2 && Math.abs(at.y - expected.y) <= 2
        );
      })
      .toBe(true);
    await expect(graphNode(bobPage, 'Lesson')).not.toHaveAttribute(
      'transform',
      bobTransform ?? '',
    );
    const bobAfter = await centreOf(graphNode(bobPage, 'Lesson'));
    expect(bobAfter.x - bobBefore.x).toBeCloseTo(160 / scale, 0);
    expect(bobAfter.y - bobBefore.y).toBeCloseTo(110 / scale, 0);
    // The other nodes did not move.
    expect(await centreOf(graphNode(bobPage, 'Course'))).toEqual(
      await centreOf(graphNode(adaPage, 'Course')),
    );
    await capture(bobPage, 'diagrams-04-system-graph-moved-seen-by-bob');

    await bobPage.reload();
    await expect(bobPage.getByTestId('graph-node')).toHaveCount(OBJECTS.length);
    expect(await centreOf(graphNode(bobPage, 'Lesson'))).toEqual(bobAfter);
  });

  await test.step('the graph zooms with the wheel and the buttons, and pans by its background', async () => {
    const canvas = adaPage.getByTestId('graph-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the graph has no box');
    const start = await scaleOf(canvas);
    await adaPage.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await adaPage.mouse.wheel(0, -300);
    await expect.poll(async () => scaleOf(canvas)).toBeGreaterThan(start);
    await adaPage.getByTestId('zoom-out').click();
    await adaPage.getByTestId('zoom-out').click();
    await adaPage.getByTestId('zoom-out').click();
    await expect.poll(async () => scaleOf(canvas)).toBeLessThan(start);
    const group = canvas.locator(':scope > g');
    const before = await group.getAttribute('transform');
    const nodeBefore = await centreOf(graphNode(adaPage, 'Course'));
    await drag(
      adaPage,
      { x: box.x + 8, y: box.y + 8 },
      { x: box.x + 128, y: box.y + 68 },
    );
    await expect(group).not.toHaveAttribute('transform', before ?? '');
    // Panning moves the view, not the model.
    expect(await centreOf(graphNode(adaPage, 'Course'))).toEqual(nodeBefore);
    await adaPage.getByTestId('zoom-fit').click();
  });

  await test.step('the graph downloads as SVG and PNG holding every object, as placed', async () => {
    const { svg, png } = await downloadBoth(adaPage, 'system-graph');
    expect(svg.wellFormed).toBe(true);
    expect(svg.scripts).toBe(0);
    expect(svg.title).toBe('Learning platform: System graph');
    for (const name of OBJECTS) expect(svg.texts).toContain(name);
    expect(svg.texts).toContain('one way only');
    expect(png.signature).toBe('89504e470d0a1a0a');
    expect(png.width).toBe(svg.width * 2);
    expect(png.height).toBe(svg.height * 2);
    expect(svg.width).toBeGreaterThan(600);
  });

  expect(consoleErrors).toEqual([]);
  await adaContext.close();
  await bobContext.close();
});

import type { Page } from '@playwright/test';

/** Text whose colour does not stand out enough from what is behind it (WCAG 2.2, 1.4.3). */
export interface ContrastProblem {
  readonly text: string;
  readonly ratio: number;
  readonly needed: number;
  readonly color: string;
  readonly background: string;
}

/**
 * Measures the contrast of every visible piece of text under `root` (text nodes, field values and
 * placeholders) against the background the browser actually paints behind it, and returns what
 * falls short of AA: 4.5:1, or 3:1 for large text. Disabled controls are exempt, as WCAG says.
 */
export function contrastProblems(
  page: Page,
  root: string,
): Promise<ContrastProblem[]> {
  return page.evaluate((rootSelector) => {
    interface Rgba {
      r: number;
      g: number;
      b: number;
      a: number;
    }
    const parse = (color: string): Rgba | null => {
      const match = /rgba?\(([^)]+)\)/.exec(color);
      if (!match) return null;
      const [r, g, b, a] = match[1]
        .split(/[,\s/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a: a ?? 1 };
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }: Rgba): number => {
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const layer = parse(getComputedStyle(e).backgroundColor);
        if (layer && layer.a > 0) {
          layers.push(layer);
          if (layer.a >= 1) break;
        }
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), {
        r: 255,
        g: 255,
        b: 255,
        a: 1,
      });
    };
    const opacityOf = (element: Element): number => {
      let opacity = 1;
      for (let e: Element | null = element; e; e = e.parentElement)
        opacity *= Number(getComputedStyle(e).opacity);
      return opacity;
    };
    const problems: ContrastProblem[] = [];
    const measure = (element: Element, text: string, color: string) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1)
        return;
      if (
        element.closest(
          ':disabled, [aria-disabled="true"], .visually-hidden, .cdk-visually-hidden',
        )
      )
        return;
      const background = backgroundOf(element);
      const ink = parse(color);
      if (!ink) return;
      const shown = over({ ...ink, a: ink.a * opacityOf(element) }, background);
      const [light, dark] = [luminance(shown), luminance(background)].sort(
        (a, b) => b - a,
      );
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large =
        size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
      const needed = large ? 3 : 4.5;
      if (ratio < needed)
        problems.push({
          text: text.slice(0, 60),
          ratio: Math.round(ratio * 100) / 100,
          needed,
          color,
          background: `rgb(${[background.r, background.g, background.b].map(Math.round).join(', ')})`,
        });
    };
    const rootElement = document.querySelector(rootSelector);
    if (!rootElement) throw new Error(`Nothing matches ${rootSelector}`);
    const walker = document.createTreeWalker(rootElement, NodeFilter.SHOW_TEXT);
    const measured = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || text === '' || measured.has(parent)) continue;
      measured.add(parent);
      measure(parent, text, getComputedStyle(parent).color);
    }
    for (const field of rootElement.querySelectorAll<
      HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement
    >('input:not([type=checkbox]):not([type=radio]), textarea, select')) {
      if (field.value)
        measure(field, field.value, getComputedStyle(field).color);
      else if ('placeholder' in field && field.placeholder)
        measure(
          field,
          field.placeholder,
          getComputedStyle(field, '::placeholder').color,
        );
    }
    return problems;
  }, root);
}

/**
 * Tabs through `stops` focus stops from wherever the focus is, and returns those that showed no
 * focus indicator (an outline of at least 2px or a box shadow), as "tag: label".
 */
export async function stopsWithoutVisibleFocus(
  page: Page,
  stops: number,
): Promise<string[]> {
  const invisible: string[] = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const outlined =
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return {
        visible: outlined || style.boxShadow !== 'none',
        name: `${element.tagName.toLowerCase()}: ${
          element.getAttribute('aria-label') ??
          element.textContent?.trim().slice(0, 30) ??
          ''
        }`,
      };
    });
    if (stop && !stop.visible) invisible.push(stop.name);
  }
  return invisible;
}

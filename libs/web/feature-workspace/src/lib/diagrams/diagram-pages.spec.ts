import { deserialize, serialize } from 'node:v8';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { emptyModel } from '@orca/shared/domain';
import { openWorkspace, press } from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

// jsdom hides Node's structuredClone, which dagre uses: the same algorithm, through v8.
globalThis.structuredClone ??= <T>(value: T): T =>
  deserialize(serialize(value)) as T;

function node(page: HTMLElement, name: string): SVGGElement {
  const found = page.querySelector<SVGGElement>(
    `[data-testid="graph-node"][data-name="${name}"]`,
  );
  if (!found) throw new Error(`No node ${name}`);
  return found;
}

describe('diagram pages', () => {
  beforeEach(() => localStorage.clear());

  describe('SystemGraphPage', () => {
    it('saves a node moved with the keyboard for everyone, and moves a node someone else moved', async () => {
      const { page, server, settle } = await openWorkspace('graph');
      expect(server.lastSocket).toBeDefined();
      const x = Number(node(page(), 'Course').getAttribute('data-x'));
      const y = Number(node(page(), 'Course').getAttribute('data-y'));
      press(node(page(), 'Course'), 'ArrowRight', { shiftKey: true });
      await settle();
      expect(server.model.objects[testId('o-course')]?.position).toEqual({
        x: Math.round(x + 50),
        y: Math.round(y),
      });
      expect(Number(node(page(), 'Course').getAttribute('data-x'))).toBe(
        Math.round(x + 50),
      );

      server.commitFromElsewhere({
        kind: 'object.update',
        id: testId('o-lesson'),
        patch: { position: { x: 640, y: -120 } },
      });
      await settle();
      expect(node(page(), 'Lesson').getAttribute('data-x')).toBe('640');
      expect(node(page(), 'Lesson').getAttribute('data-y')).toBe('-120');
    });

    it('lets a viewer look but not move anything', async () => {
      const { page, server, settle } = await openWorkspace('graph', {
        role: 'viewer',
      });
      const before = server.rev;
      press(node(page(), 'Course'), 'ArrowRight');
      await settle();
      expect(server.rev).toBe(before);
      expect(page().querySelector('.canvas.editable')).toBeNull();
      // Downloads are for everyone.
      expect(
        page().querySelector('[data-testid="download-svg"]'),
      ).not.toBeNull();
    });

    it('opens the object of a node on Enter', async () => {
      const { page, settle } = await openWorkspace('graph');
      press(node(page(), 'Lesson'), 'Enter');
      await settle();
      expect(TestBed.inject(Router).url).toBe(
        `/projects/p-1/objects/${testId('o-lesson')}`,
      );
    });
  });

  describe('ObjectMapPage', () => {
    it('draws a column per object and opens the object page from a note', async () => {
      const { page, settle } = await openWorkspace('map');
      const columns = [
        ...page().querySelectorAll('[data-testid="map-column"]'),
      ];
      expect(columns.map((c) => c.getAttribute('data-name'))).toEqual([
        'Course',
        'Lesson',
      ]);
      const nested = page().querySelector(
        '[data-testid="map-column"][data-name="Course"] [data-kind="nested"][data-text="Lesson"]',
      );
      nested?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await settle();
      expect(TestBed.inject(Router).url).toBe(
        `/projects/p-1/objects/${testId('o-lesson')}`,
      );
    });

    it('says what to do when there is nothing to draw', async () => {
      const { page } = await openWorkspace('map', { model: emptyModel() });
      expect(
        page().querySelector('[data-testid="diagram-empty"]')?.textContent,
      ).toContain('No objects yet');
      expect(page().querySelector('[data-testid="download-svg"]')).toBeNull();
    });
  });
});

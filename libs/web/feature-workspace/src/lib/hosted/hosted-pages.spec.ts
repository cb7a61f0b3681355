import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { LockResponse, PresenceFocus } from '@orca/shared/contracts';
import { relationshipBetween } from '@orca/shared/domain';
import { FakeCollabSocket } from '@orca/web/data-access-workspace/testing';
import {
  type OpenWorkspace,
  openWorkspace,
  press,
  textOf,
  type,
} from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

/** Someone else on the project, asking for a soft lock the way the gateway is asked. */
function bobAsksForLock(
  workspace: OpenWorkspace,
  target: PresenceFocus,
): LockResponse {
  const bob = new FakeCollabSocket(
    workspace.server,
    { userId: 'u-bob', displayName: 'Bob' },
    'c-bob',
  );
  return workspace.server.handle(bob, 'lock:acquire', {
    projectId: 'p-1',
    target,
  }) as LockResponse;
}

function cell(page: HTMLElement, from: string, to: string): HTMLElement {
  const found = page.querySelector<HTMLElement>(
    `[role="gridcell"][aria-label^="${from} → ${to}:"]`,
  );
  if (!found) throw new Error(`No NOM cell ${from} → ${to}`);
  return found;
}

const LESSON_TO_LESSON: PresenceFocus = {
  kind: 'nom-cell',
  row: testId('o-lesson'),
  column: testId('o-lesson'),
};

describe('hosted model views', () => {
  beforeEach(() => localStorage.clear());

  describe('NomPage', () => {
    it('sends an edit made in the grid through the live store to the server', async () => {
      const workspace = await openWorkspace('nom');
      const { page, server, settle } = workspace;

      cell(page(), 'Lesson', 'Lesson').click();
      await settle();
      const label = page().querySelector('[data-testid="nom-editor"] input');
      type(label, 'follows');
      press(label, 'Enter');
      await settle();

      const saved = relationshipBetween(
        server.model,
        testId('o-lesson'),
        testId('o-lesson'),
      );
      expect(saved?.label).toBe('follows');
      expect(textOf(cell(page(), 'Lesson', 'Lesson'))).toContain('follows');
      // Enter saved and closed the editor, which gave its lock back.
      expect(bobAsksForLock(workspace, LESSON_TO_LESSON).ok).toBe(true);
    });

    it('holds the lock of the open cell, and gives it back when the view closes', async () => {
      const workspace = await openWorkspace('nom');
      const { page, settle, harness } = workspace;

      cell(page(), 'Lesson', 'Lesson').click();
      await settle();
      const whileOpen = bobAsksForLock(workspace, LESSON_TO_LESSON);
      expect(whileOpen.ok).toBe(false);
      expect(whileOpen.ok ? null : whileOpen.holder?.displayName).toBe(
        'Ada Lovelace',
      );

      await harness.navigateByUrl('/projects/p-1/objects');
      await settle();

      expect(page().querySelector('[data-testid="nom-grid"]')).toBeNull();
      expect(bobAsksForLock(workspace, LESSON_TO_LESSON).ok).toBe(true);
    });

    it('opens the cell a link names in ?focus=, as the checks link to it', async () => {
      const { page } = await openWorkspace(
        `nom?focus=${testId('r-course-lesson')}`,
      );

      const editor = page().querySelector('[data-testid="nom-editor"]');
      expect(textOf(editor?.querySelector('h3'))).toMatch(
        /^Course\s*→\s*Lesson$/,
      );
      expect(
        (page().ownerDocument.activeElement as HTMLElement).dataset['field'],
      ).toBe('label');
    });
  });

  describe('CtaMatrixPage', () => {
    it('adds the starter roles through the bulk endpoint, and says so when that fails', async () => {
      const { page, http, settle } = await openWorkspace('ctas');

      const starter = () =>
        page().querySelector<HTMLButtonElement>(
          '[data-testid="role-starter-set"]',
        );
      starter()?.click();
      http
        .expectOne({
          method: 'POST',
          url: '/api/v1/projects/p-1/roles/starter-set',
        })
        .flush({ rev: 6, created: 3 });
      await settle();
      expect(textOf(page())).not.toContain('could not be added');

      starter()?.click();
      http
        .expectOne('/api/v1/projects/p-1/roles/starter-set')
        .flush(
          { title: 'Forbidden', status: 403 },
          { status: 403, statusText: 'Forbidden' },
        );
      await settle();
      expect(textOf(page())).toContain('The starter roles could not be added.');
    });

    it('opens the cell of the CTA a link names in ?focus=', async () => {
      const { page } = await openWorkspace(
        `ctas?focus=${testId('cta-enroll')}`,
      );

      const panel = page().querySelector('[data-testid="cta-panel"]');
      expect(textOf(panel?.querySelector('h3'))).toMatch(
        /^Learner\s*on\s*Course$/,
      );
      expect(page().ownerDocument.activeElement).toBe(
        panel?.querySelector(`[data-cta-id="${testId('cta-enroll')}"] .verb`),
      );
    });
  });

  describe('AttributesPage', () => {
    it('puts the picked object in the address, so a reload shows it again', async () => {
      const { page, settle } = await openWorkspace('attributes');

      page()
        .querySelector<HTMLButtonElement>(
          `.pick[data-object-id="${testId('o-lesson')}"]`,
        )
        ?.click();
      await settle();

      expect(TestBed.inject(Router).url).toBe(
        `/projects/p-1/attributes?object=${testId('o-lesson')}`,
      );
      expect(textOf(page().querySelector('h3'))).toBe('Attributes of Lesson');
    });
  });

  describe('PrioritiesPage', () => {
    it.each([
      ['priorities', 'Objects'],
      ['priorities?kind=cta', 'CTAs'],
      ['priorities?kind=attribute', 'Attributes'],
      ['priorities?kind=nonsense', 'Objects'],
    ])('%s opens the board on %s', async (path, tab) => {
      const { page } = await openWorkspace(path);

      const selected = page().querySelector(
        '[role="tab"][aria-selected="true"]',
      );
      expect(textOf(selected)).toMatch(new RegExp(`^${tab} \\d+$`));
      expect(page().querySelectorAll('[data-column]')).toHaveLength(4);
    });
  });
});

import { openWorkspace, textOf } from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DashboardPage', () => {
  beforeEach(() => localStorage.clear());

  async function openDashboard() {
    const workspace = await openWorkspace();
    await wait(450);
    const request = workspace.http.expectOne(
      (r) => r.url === '/api/v1/projects/p-1/changes',
    );
    request.flush({
      rev: 5,
      hasMore: false,
      changes: [
        {
          rev: 5,
          actorId: 'u-bob',
          actorName: 'Bob Stone',
          clientId: 'c-2',
          mutationId: 'm-2',
          kind: 'object.update',
          change: {
            kind: 'object.update',
            id: testId('o-course'),
            patch: { synonyms: ['Class'] },
          },
          effects: [],
          createdAt: new Date().toISOString(),
        },
      ],
    });
    await workspace.settle();
    return workspace;
  }

  it('shows progress per ORCA round from the checks’ completeness', async () => {
    const { page } = await openDashboard();

    const rounds = [
      ...page().querySelectorAll('[data-testid="round-progress"]'),
    ];
    expect(rounds.map((r) => r.getAttribute('data-round'))).toEqual([
      'discovery',
      'requirements',
      'prioritization',
      'representation',
    ]);
    const discovery = rounds[0].querySelector('[role="progressbar"]');
    expect(Number(discovery?.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(textOf(rounds[0].querySelector('h3'))).toBe('Discovery');
    expect(textOf(rounds[0].querySelector('.percent'))).toBe(
      `${discovery?.getAttribute('aria-valuenow')}%`,
    );
  });

  it('guides through the fifteen steps, each marked done or not, with a way there', async () => {
    const { page } = await openDashboard();

    const steps = [...page().querySelectorAll('[data-testid="orca-step"]')];
    expect(steps).toHaveLength(15);
    expect(textOf(steps[0].querySelector('.mark'))).toBe('✓');
    expect(textOf(steps[2])).toContain('3. CTA discovery (1 of 2)');
    expect(steps[2].querySelector('.mark')?.getAttribute('aria-label')).toBe(
      'Not done',
    );
    expect(steps[2].classList).toContain('current');
    expect(
      page()
        .querySelector('[data-testid="next-step-go"]')
        ?.getAttribute('href'),
    ).toBe('/projects/p-1/ctas');
  });

  it('in freeform mode, warns of gaps until I proceed anyway', async () => {
    const { page, settle } = await openDashboard();

    (
      page().querySelector('[data-testid="mode-freeform"]') as HTMLButtonElement
    ).click();
    await settle();

    expect(page().querySelector('[data-testid="guided-steps"]')).toBeNull();
    const banners = () => [
      ...page().querySelectorAll('[data-testid="gap-banner"]'),
    ];
    expect(textOf(banners()[0])).toContain('Discovery has gaps');
    const count = banners().length;
    (
      banners()[0].querySelector(
        '[data-testid="proceed-anyway"]',
      ) as HTMLButtonElement
    ).click();
    await settle();
    expect(banners()).toHaveLength(count - 1);
    expect(localStorage.getItem('orca.dashboard.mode')).toBe('freeform');
  });

  it('shows who is here, what changed lately and the open gaps', async () => {
    const { page } = await openDashboard();

    expect(
      textOf(page().querySelector('[data-testid="members-online"]')),
    ).toContain('Ada Lovelace (you)');
    const entry = page().querySelector('[data-testid="activity-entry"]');
    expect(textOf(entry?.querySelector('span'))).toBe(
      'Bob Stone edited the synonyms of “Course”',
    );
    expect(textOf(entry?.querySelector('time'))).toBe('just now');
    const gaps = page().querySelector('[data-testid="open-gaps"]');
    expect(textOf(gaps)).toContain('Lesson has no definition');
  });
});

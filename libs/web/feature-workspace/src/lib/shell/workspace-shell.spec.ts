import { openWorkspace, textOf } from '../../testing/open-workspace';
import { inkOn, initialsOf } from './presence-avatars';
import { testId } from '@orca/shared/domain/testing';

describe('WorkspaceShell', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('shows the project, my role, the live connection and the navigation', async () => {
    const { page } = await openWorkspace();

    expect(
      textOf(page().querySelector('[data-testid="workspace-project-name"]')),
    ).toBe('Learning platform');
    expect(textOf(page().querySelector('orca-role-badge'))).toBe('facilitator');
    expect(
      page()
        .querySelector('[data-testid="connection-indicator"]')
        ?.getAttribute('data-status'),
    ).toBe('live');
    const nav = [...page().querySelectorAll('nav[aria-label="Project"] a')].map(
      (a) =>
        textOf(a)
          .replace(/\d+ ?$/, '')
          .trim(),
    );
    expect(nav).toEqual([
      'Dashboard',
      'Noun foraging',
      'Objects',
      'Nested objects (NOM)',
      'Calls to action',
      'Attributes',
      'Priorities',
      'Object Map',
      'System graph',
      'CDLL previews',
      'Checks',
      'Hand-off',
      'Settings',
    ]);
    expect(
      page().querySelector('[data-testid="nav-objects"]')?.getAttribute('href'),
    ).toBe('/projects/p-1/objects');
  });

  it('shows who else is here, in their colour, and what they look at', async () => {
    const { page, server, settle } = await openWorkspace();
    server.factoryFor({
      userId: 'u-bob',
      displayName: 'Bob Stone',
      color: '#17becf',
    })('bob-1');
    const bob = server.lastSocket;
    bob.connect();
    bob.emit('project:join', { projectId: 'p-1' }, () => undefined);
    bob.emit('presence:update', {
      projectId: 'p-1',
      focus: { kind: 'object', id: testId('o-course') },
    });
    await settle();

    const avatar = page().querySelector(
      '[data-testid="presence-avatar"]',
    ) as HTMLElement;
    expect(avatar.getAttribute('data-user-name')).toBe('Bob Stone');
    expect(textOf(avatar.querySelector('[aria-hidden="true"]'))).toBe('BS');
    expect(avatar.getAttribute('aria-label')).toBe(
      'Bob Stone: Looking at Course',
    );
    // Ada herself is not among the avatars.
    expect(
      page().querySelectorAll('[data-testid="presence-avatar"]'),
    ).toHaveLength(1);

    bob.drop();
    await settle();
    expect(
      page().querySelectorAll('[data-testid="presence-avatar"]'),
    ).toHaveLength(0);
  });

  it('says when the connection is lost and keeps my work', async () => {
    const { page, server, settle } = await openWorkspace();

    server.sockets[0].drop();
    await settle();

    expect(
      page()
        .querySelector('[data-testid="connection-indicator"]')
        ?.getAttribute('data-status'),
    ).toBe('offline');
    expect(
      textOf(page().querySelector('[data-testid="offline-banner"]')),
    ).toContain('your changes are kept');

    server.sockets[0].connect();
    await settle();
    expect(page().querySelector('[data-testid="offline-banner"]')).toBeNull();
  });

  it('filters everything to Now with one switch, and says what is hidden', async () => {
    const { page, settle } = await openWorkspace();
    const toggle = page().querySelector(
      '[data-testid="now-only-toggle"]',
    ) as HTMLButtonElement;
    expect(toggle.getAttribute('aria-checked')).toBe('false');

    toggle.click();
    await settle();

    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(
      textOf(page().querySelector('[data-testid="now-only-banner"]')),
    ).toContain('1 object is hidden, not deleted');
    expect(localStorage.getItem('orca.nowOnly.p-1')).toBe('true');
  });

  it('shows a refused change as a notice that can be dismissed', async () => {
    const { page, server, settle } = await openWorkspace('objects');
    server.refuse = () => ({
      code: 'insufficient_role',
      message: 'You need the contributor role.',
    });
    const rename = page().querySelector(
      '[data-testid="object-name"] button',
    ) as HTMLButtonElement;
    rename.click();
    await settle();
    const input = page().querySelector(
      '[data-testid="object-name"] input',
    ) as HTMLInputElement;
    input.value = 'Programme';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle();

    const notice = page().querySelector('[data-testid="workspace-notice"]');
    expect(textOf(notice)).toContain(
      'Undone: you renamed an object to “Programme”',
    );
    expect(textOf(notice)).toContain('You need the contributor role.');
    expect(
      [...page().querySelectorAll('[data-testid="object-row"]')].map((row) =>
        row.getAttribute('data-object-name'),
      ),
    ).toEqual(['Course', 'Lesson']);

    (notice?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(page().querySelector('[data-testid="workspace-notice"]')).toBeNull();
  });

  it('says so when the project is not mine to see', async () => {
    const { page, http, server, settle } = await openWorkspace('', {
      answerRest: false,
    });
    server.unknownProjects.add('p-1');
    http
      .expectOne('/api/v1/projects/p-1')
      .flush(
        { status: 404, title: 'Not Found', code: 'project_not_found' },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush(null, { status: 404, statusText: 'Not Found' });
    await settle();

    expect(textOf(page())).toContain('Project not found');
    expect(page().querySelector('orca-dashboard-page')).toBeNull();
  });
});

describe('presence avatars', () => {
  it('takes initials from the first and last name', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  bob ')).toBe('B');
    expect(initialsOf('Jean-Luc de la Tour')).toBe('JT');
  });

  it('writes in black or white, whichever reads on the colour', () => {
    expect(inkOn('#1f77b4')).toBe('#ffffff');
    expect(inkOn('#bcbd22')).toBe('#000000');
    expect(inkOn('#17becf')).toBe('#000000');
  });
});

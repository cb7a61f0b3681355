import { openWorkspace, textOf } from '../../testing/open-workspace';
import { testId } from '@orca/shared/domain/testing';

describe('ChecksPage', () => {
  beforeEach(() => localStorage.clear());

  it('groups every finding by severity, each with a way to fix it', async () => {
    const { page } = await openWorkspace('checks');

    const groups = [
      ...page().querySelectorAll('[data-testid="check-group"]'),
    ].map((g) => g.getAttribute('data-severity'));
    expect(groups).toEqual(['warning']);
    const missing = page().querySelector(
      `[data-rule="object-missing-definition"][data-target="${testId('o-lesson')}"]`,
    );
    expect(textOf(missing)).toContain('Object without a definition');
    expect(
      missing
        ?.querySelector('[data-testid="finding-fix"]')
        ?.getAttribute('href'),
    ).toBe(`/projects/p-1/objects/${testId('o-lesson')}?focus=definition`);
  });

  it('drops a finding as soon as its gap is filled, by anyone', async () => {
    const { page, server, settle } = await openWorkspace('checks');
    const missingDefinition = () =>
      page().querySelector('[data-rule="object-missing-definition"]');
    expect(missingDefinition()).not.toBeNull();

    server.commitFromElsewhere({
      kind: 'text.edit',
      target: {
        itemKind: 'object',
        id: testId('o-lesson'),
        field: 'definition',
      },
      ops: [{ insert: 'One unit of a course.' }],
    });
    await settle();

    expect(missingDefinition()).toBeNull();
  });

  it('leaves out the rules the project switched off, and says so', async () => {
    const { page } = await openWorkspace('checks', {
      disabledRules: ['object-missing-definition'],
    });

    expect(
      page().querySelector('[data-rule="object-missing-definition"]'),
    ).toBeNull();
    expect(textOf(page())).toContain(
      'Switched off for this project: Object without a definition.',
    );
  });
});

import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MemberDto } from '@orca/shared/contracts';
import { MemberRoleChange, ProjectMembersTable } from './project-members-table';

const MEMBERS: MemberDto[] = [
  {
    userId: 'u-ada',
    email: 'ada@example.com',
    displayName: 'Ada',
    role: 'facilitator',
    joinedAt: '2025-01-01T00:00:00.000Z',
  },
  {
    userId: 'u-bob',
    email: 'bob@example.com',
    displayName: 'Bob',
    role: 'contributor',
    joinedAt: '2025-01-02T00:00:00.000Z',
  },
];

describe('ProjectMembersTable', () => {
  let fixture: ComponentFixture<ProjectMembersTable>;
  let table: HTMLElement;

  async function render(canManage: boolean): Promise<void> {
    fixture = TestBed.createComponent(ProjectMembersTable);
    fixture.componentRef.setInput('members', MEMBERS);
    fixture.componentRef.setInput('canManage', canManage);
    fixture.componentRef.setInput('currentUserId', 'u-ada');
    table = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  function row(email: string): HTMLElement {
    return table.querySelector(`[data-member-email="${email}"]`) as HTMLElement;
  }

  it('shows roles as plain labels to people who are not facilitators', async () => {
    await render(false);

    expect(table.querySelectorAll('select')).toHaveLength(0);
    expect(
      table.querySelectorAll('[data-testid="remove-member"]'),
    ).toHaveLength(0);
    expect(row('bob@example.com').textContent).toContain('contributor');
    expect(row('ada@example.com').textContent).toContain('(you)');
  });

  it('gives facilitators a labelled role picker per member and a remove button for others', async () => {
    await render(true);

    const picker = row('bob@example.com').querySelector(
      'select',
    ) as HTMLSelectElement;
    expect(picker.value).toBe('contributor');
    expect(
      table.querySelector(`label[for="${picker.id}"]`)?.textContent,
    ).toContain('Role of Bob');
    expect(
      row('bob@example.com')
        .querySelector('[data-testid="remove-member"]')
        ?.getAttribute('aria-label'),
    ).toBe('Remove Bob from the project');
    expect(
      row('ada@example.com').querySelector('[data-testid="remove-member"]'),
    ).toBeNull();
  });

  it('asks for the chosen role and keeps showing the saved one until it changes', async () => {
    await render(true);
    const changes: MemberRoleChange[] = [];
    fixture.componentInstance.roleChange.subscribe((change) =>
      changes.push(change),
    );

    const picker = row('bob@example.com').querySelector(
      'select',
    ) as HTMLSelectElement;
    picker.value = 'viewer';
    picker.dispatchEvent(new Event('change'));
    await fixture.whenStable();

    expect(
      changes.map(({ member, role }) => `${member.displayName}:${role}`),
    ).toEqual(['Bob:viewer']);
    expect(picker.value).toBe('contributor');

    fixture.componentRef.setInput('members', [
      MEMBERS[0],
      { ...MEMBERS[1], role: 'viewer' },
    ]);
    await fixture.whenStable();
    expect(
      (row('bob@example.com').querySelector('select') as HTMLSelectElement)
        .value,
    ).toBe('viewer');
  });
});

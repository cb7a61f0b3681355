import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MemberDto, ProjectDto } from '@orca/shared/contracts';
import type { ProjectRole } from '@orca/shared/domain';
import { AuthStore } from '@orca/web/data-access-auth';
import { ProjectSettingsPage } from './project-settings-page';

const BASE = '/api/v1/projects/p-1';

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

function project(role: ProjectRole): ProjectDto {
  return {
    id: 'p-1',
    name: 'Course catalogue',
    description: 'Learners and courses',
    role,
    rev: 1,
    memberCount: 2,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('ProjectSettingsPage', () => {
  let fixture: ComponentFixture<ProjectSettingsPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function openAs(role: ProjectRole, userId: string): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).loadMe().subscribe();
    http
      .expectOne('/api/v1/auth/me')
      .flush({
        id: userId,
        email: `${userId}@example.com`,
        displayName: userId,
        createdAt: '2025-01-01T00:00:00.000Z',
      });

    fixture = TestBed.createComponent(ProjectSettingsPage);
    fixture.componentRef.setInput('projectId', 'p-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(BASE).flush(project(role));
    http.expectOne(`${BASE}/members`).flush(MEMBERS);
    if (role === 'facilitator') {
      http.expectOne(`${BASE}/invitations`).flush([]);
    }
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  function byTestId<T extends HTMLElement>(testId: string): T | null {
    return page.querySelector<T>(`[data-testid="${testId}"]`);
  }

  it('shows a contributor the project read-only, without member controls or invitations', async () => {
    await openAs('contributor', 'u-bob');

    expect(byTestId('project-title')?.textContent).toBe('Course catalogue');
    expect(byTestId<HTMLInputElement>('project-details-name')?.value).toBe(
      'Course catalogue',
    );
    expect(byTestId<HTMLInputElement>('project-details-name')?.disabled).toBe(
      true,
    );
    expect(byTestId('save-project-details')).toBeNull();
    expect(byTestId('member-role-select')).toBeNull();
    expect(byTestId('invite-email')).toBeNull();
    expect(byTestId('delete-project')).toBeNull();
    expect(byTestId('leave-project')).not.toBeNull();
  });

  it('lets a facilitator invite someone and hand over the accept link', async () => {
    await openAs('facilitator', 'u-ada');

    const email = byTestId<HTMLInputElement>('invite-email');
    if (!email) throw new Error('no invite field');
    email.value = 'cleo@example.com';
    email.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('invite-submit')?.click();
    await fixture.whenStable();

    const request = http.expectOne(`${BASE}/invitations`);
    expect(request.request.body).toEqual({
      email: 'cleo@example.com',
      role: 'contributor',
    });
    request.flush({
      id: 'i-1',
      email: 'cleo@example.com',
      role: 'contributor',
      status: 'pending',
      invitedBy: { id: 'u-ada', displayName: 'Ada' },
      createdAt: '2025-01-03T00:00:00.000Z',
      expiresAt: '2025-01-10T00:00:00.000Z',
      acceptUrl: 'http://orca.test/invitations/tok-1',
    });
    await fixture.whenStable();

    expect(byTestId<HTMLInputElement>('invitation-accept-url')?.value).toBe(
      'http://orca.test/invitations/tok-1',
    );
    expect(byTestId('invitation-created')?.textContent).toContain(
      'Send this link to the person',
    );
    expect(
      page.querySelectorAll('[data-testid="invitation-row"]'),
    ).toHaveLength(1);
    expect(email.value).toBe('');
  });

  it('refuses an invalid invitation email before asking the server', async () => {
    await openAs('facilitator', 'u-ada');

    const email = byTestId<HTMLInputElement>('invite-email');
    if (!email) throw new Error('no invite field');
    email.value = 'not an email';
    email.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('invite-submit')?.click();
    await fixture.whenStable();

    expect(page.querySelector('#invite-email-error')?.textContent).toContain(
      'Enter an email address such as name@example.com.',
    );
    http.expectNone(`${BASE}/invitations`);
  });
});

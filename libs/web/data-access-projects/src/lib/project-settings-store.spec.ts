import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type {
  InvitationDto,
  MemberDto,
  ProjectDto,
} from '@orca/shared/contracts';
import type { ProjectRole } from '@orca/shared/domain';
import { ProjectSettingsStore } from './project-settings-store';

const BASE = '/api/v1/projects/p-1';

function project(role: ProjectRole): ProjectDto {
  return {
    id: 'p-1',
    name: 'Course catalogue',
    description: 'Learners, courses, instructors',
    role,
    rev: 3,
    memberCount: 2,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-02T00:00:00.000Z',
  };
}

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

const INVITATION: InvitationDto = {
  id: 'i-1',
  email: 'cleo@example.com',
  role: 'contributor',
  status: 'pending',
  invitedBy: { id: 'u-ada', displayName: 'Ada' },
  createdAt: '2025-01-03T00:00:00.000Z',
  expiresAt: '2025-01-10T00:00:00.000Z',
  acceptUrl: 'http://orca.test/invitations/tok-1',
};

function problem(status: number, code: string, detail?: string) {
  return [
    { type: 'about:blank', title: 'Problem', status, code, detail },
    { status, statusText: 'Problem' },
  ] as const;
}

describe('ProjectSettingsStore', () => {
  let store: ProjectSettingsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ProjectSettingsStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(ProjectSettingsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function loadAs(role: ProjectRole, invitations: InvitationDto[] = []): void {
    store.load('p-1').subscribe();
    http.expectOne(BASE).flush(project(role));
    http.expectOne(`${BASE}/members`).flush(MEMBERS);
    if (role === 'facilitator') {
      http.expectOne(`${BASE}/invitations`).flush(invitations);
    }
  }

  it('shows a facilitator the members and the pending invitations', () => {
    loadAs('facilitator', [INVITATION]);

    expect(store.status()).toBe('ready');
    expect(store.canManage()).toBe(true);
    expect(store.members().map(({ displayName }) => displayName)).toEqual([
      'Ada',
      'Bob',
    ]);
    expect(store.invitations().map(({ email }) => email)).toEqual([
      'cleo@example.com',
    ]);
  });

  it('does not ask for invitations on behalf of a contributor', () => {
    loadAs('contributor');

    expect(store.canManage()).toBe(false);
    expect(store.invitations()).toEqual([]);
    http.expectNone(`${BASE}/invitations`);
  });

  it('says the project is not found for a non-member (404)', () => {
    store.load('p-1').subscribe();
    http
      .expectOne(BASE)
      .flush(...problem(404, 'project_not_found', 'Project not found'));

    expect(store.status()).toBe('not-found');
  });

  it('keeps the accept link of a new invitation to hand it over', () => {
    loadAs('facilitator');

    store
      .invite({ email: 'cleo@example.com', role: 'contributor' })
      .subscribe();
    const request = http.expectOne(`${BASE}/invitations`);
    expect(request.request.body).toEqual({
      email: 'cleo@example.com',
      role: 'contributor',
    });
    request.flush(INVITATION);

    expect(store.lastInvitation()?.acceptUrl).toBe(
      'http://orca.test/invitations/tok-1',
    );
    expect(store.invitations()).toHaveLength(1);
  });

  it('drops a revoked invitation and its link', () => {
    loadAs('facilitator');
    store
      .invite({ email: 'cleo@example.com', role: 'contributor' })
      .subscribe();
    http.expectOne(`${BASE}/invitations`).flush(INVITATION);

    store.revokeInvitation('i-1').subscribe();
    http
      .expectOne(`${BASE}/invitations/i-1`)
      .flush(null, { status: 204, statusText: 'No Content' });

    expect(store.invitations()).toEqual([]);
    expect(store.lastInvitation()).toBeNull();
  });

  it('explains why the last facilitator cannot step down', () => {
    loadAs('facilitator');

    store.changeRole('u-ada', 'viewer').subscribe();
    http
      .expectOne(`${BASE}/members/u-ada`)
      .flush(...problem(409, 'last_facilitator'));

    expect(store.membersProblem()?.message).toBe(
      'A project needs at least one facilitator. Make someone else a facilitator first.',
    );
    expect(store.members()[0].role).toBe('facilitator');
    expect(store.busyMemberIds()).toEqual([]);
  });

  it('shows a new role, and re-reads my own role afterwards', () => {
    loadAs('facilitator', [INVITATION]);

    store.changeRole('u-bob', 'facilitator').subscribe();
    const patch = http.expectOne(`${BASE}/members/u-bob`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ role: 'facilitator' });
    patch.flush({ ...MEMBERS[1], role: 'facilitator' });
    http.expectOne(BASE).flush(project('facilitator'));

    expect(store.members().find(({ userId }) => userId === 'u-bob')?.role).toBe(
      'facilitator',
    );
    expect(store.canManage()).toBe(true);
    expect(store.invitations()).toHaveLength(1);
  });

  it('removes a member from the table and the count', () => {
    loadAs('facilitator');

    store.removeMember('u-bob').subscribe();
    http
      .expectOne(`${BASE}/members/u-bob`)
      .flush(null, { status: 204, statusText: 'No Content' });

    expect(store.members().map(({ userId }) => userId)).toEqual(['u-ada']);
    expect(store.project()?.memberCount).toBe(1);
  });

  it('saves new details', () => {
    loadAs('facilitator');

    store
      .saveDetails({ name: 'Course catalogue v2', description: '' })
      .subscribe();
    const request = http.expectOne(BASE);
    expect(request.request.method).toBe('PATCH');
    request.flush({ ...project('facilitator'), name: 'Course catalogue v2' });

    expect(store.project()?.name).toBe('Course catalogue v2');
    expect(store.savingDetails()).toBe(false);
  });
});

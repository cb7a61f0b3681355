import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { InvitationPreviewDto, ProjectDto } from '@orca/shared/contracts';
import { InvitationStore } from './invitation-store';

const PREVIEW: InvitationPreviewDto = {
  projectName: 'Course catalogue',
  role: 'contributor',
  invitedBy: 'Ada',
  email: 'bob@example.com',
  expiresAt: '2025-01-10T00:00:00.000Z',
  status: 'pending',
};

describe('InvitationStore', () => {
  let store: InvitationStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        InvitationStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(InvitationStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('shows what the invitation offers', () => {
    store.load('tok-1').subscribe();
    http.expectOne('/api/v1/invitations/tok-1').flush(PREVIEW);

    expect(store.preview()?.projectName).toBe('Course catalogue');
    expect(store.acceptable()).toBe(true);
  });

  it('tells an expired invitation apart (410)', () => {
    store.load('tok-1').subscribe();
    http
      .expectOne('/api/v1/invitations/tok-1')
      .flush(
        {
          type: 'about:blank',
          title: 'Gone',
          status: 410,
          code: 'invitation_expired',
        },
        { status: 410, statusText: 'Gone' },
      );

    expect(store.status()).toBe('failed');
    expect(store.problem()?.code).toBe('invitation_expired');
    expect(store.acceptable()).toBe(false);
  });

  it('joins the project on accept', () => {
    store.load('tok-1').subscribe();
    http.expectOne('/api/v1/invitations/tok-1').flush(PREVIEW);

    const joined: ProjectDto[] = [];
    store.accept().subscribe((project) => joined.push(project));
    const request = http.expectOne('/api/v1/invitations/tok-1/accept');
    expect(request.request.method).toBe('POST');
    request.flush({
      project: {
        id: 'p-1',
        name: 'Course catalogue',
        description: '',
        role: 'contributor',
        rev: 0,
        memberCount: 2,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
    });

    expect(joined.map(({ name, role }) => `${name}:${role}`)).toEqual([
      'Course catalogue:contributor',
    ]);
    expect(store.joinedProject()?.role).toBe('contributor');
  });

  it('keeps the reason when accepting fails', () => {
    store.load('tok-1').subscribe();
    http.expectOne('/api/v1/invitations/tok-1').flush(PREVIEW);

    store.accept().subscribe();
    http
      .expectOne('/api/v1/invitations/tok-1/accept')
      .flush(
        {
          type: 'about:blank',
          title: 'Gone',
          status: 410,
          code: 'invitation_used',
          detail: 'This invitation has already been used.',
        },
        { status: 410, statusText: 'Gone' },
      );

    expect(store.acceptProblem()?.message).toBe(
      'This invitation has already been used.',
    );
    expect(store.accepting()).toBe(false);
  });
});

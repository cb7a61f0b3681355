import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { InvitationPreviewDto, UserDto } from '@orca/shared/contracts';
import { AuthStore } from '@orca/web/data-access-auth';
import { InvitationPage } from './invitation-page';

@Component({ template: '' })
class BlankPage {}

const PREVIEW: InvitationPreviewDto = {
  projectName: 'Course catalogue',
  role: 'contributor',
  invitedBy: 'Ada',
  email: 'bob@example.com',
  expiresAt: '2025-01-10T00:00:00.000Z',
  status: 'pending',
};

const BOB: UserDto = {
  id: 'u-bob',
  email: 'bob@example.com',
  displayName: 'Bob',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('InvitationPage', () => {
  let fixture: ComponentFixture<InvitationPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(me: UserDto | null, answer: () => void): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).loadMe().subscribe();
    const probe = http.expectOne('/api/v1/auth/me');
    if (me) {
      probe.flush(me);
    } else {
      probe.flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    }
    fixture = TestBed.createComponent(InvitationPage);
    fixture.componentRef.setInput('token', 'tok-1');
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    answer();
    await fixture.whenStable();
  }

  const previewAnswer = () =>
    http.expectOne('/api/v1/invitations/tok-1').flush(PREVIEW);

  afterEach(() => http.verify());

  function byTestId<T extends HTMLElement>(testId: string): T | null {
    return page.querySelector<T>(`[data-testid="${testId}"]`);
  }

  it('offers a signed-out person to sign up or sign in, and to come back here', async () => {
    await open(null, previewAnswer);

    expect(byTestId('invitation-project-name')?.textContent).toBe(
      'Course catalogue',
    );
    expect(byTestId('invitation-role')?.textContent?.trim()).toBe(
      'contributor',
    );
    expect(byTestId('accept-invitation')).toBeNull();
    expect(byTestId('invitation-sign-in')?.getAttribute('href')).toBe(
      '/sign-in?returnUrl=%2Finvitations%2Ftok-1',
    );
    expect(byTestId('invitation-sign-up')?.getAttribute('href')).toBe(
      '/sign-up?returnUrl=%2Finvitations%2Ftok-1&email=bob@example.com',
    );
  });

  it('lets a signed-in person accept and takes them to their projects', async () => {
    await open(BOB, previewAnswer);

    byTestId<HTMLButtonElement>('accept-invitation')?.click();
    await fixture.whenStable();
    http.expectOne('/api/v1/invitations/tok-1/accept').flush({
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
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/projects');
  });

  it('says plainly when the invitation has expired', async () => {
    await open(BOB, () =>
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
        ),
    );

    expect(page.querySelector('h1')?.textContent).toBe(
      'This invitation has expired',
    );
    expect(byTestId('accept-invitation')).toBeNull();
  });
});

import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ApplicationRef, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SessionDto } from '@orca/shared/contracts';
import { SessionsPage } from './sessions-page';
import { byTestId, signInAda } from '../../testing/account-pages';

@Component({ template: '' })
class BlankPage {}

const session = (id: string, device: string, current = false): SessionDto => ({
  id,
  device,
  current,
  createdAt: '2025-03-01T09:00:00.000Z',
  lastSeenAt: '2025-03-02T10:00:00.000Z',
  expiresAt: '2025-03-15T09:00:00.000Z',
  userAgent: null,
  ip: '203.0.113.7',
});

describe('SessionsPage', () => {
  let fixture: ComponentFixture<SessionsPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAda(http);
    fixture = TestBed.createComponent(SessionsPage);
    page = fixture.nativeElement as HTMLElement;
    document.body.appendChild(page);
    fixture.detectChanges();
    http
      .expectOne('/api/v1/auth/sessions')
      .flush([
        session('s-here', 'Chrome on Linux', true),
        session('s-laptop', 'Firefox on Windows'),
      ]);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    document.body.innerHTML = '';
  });

  const rows = () => [
    ...page.querySelectorAll<HTMLElement>('[data-testid="session-row"]'),
  ];

  it('lists the sessions with this device marked, and no sign-out button on it', () => {
    const [here, laptop] = rows();
    expect(here?.textContent).toContain('Chrome on Linux');
    expect(here?.textContent).toContain('This device');
    expect(here?.textContent).toContain('Now');
    expect(byTestId(here as HTMLElement, 'sign-out-session')).toBeNull();
    expect(laptop?.textContent).toContain('Firefox on Windows');
    expect(laptop?.textContent).not.toContain('This device');
    expect(
      byTestId(laptop as HTMLElement, 'sign-out-session')?.getAttribute(
        'aria-label',
      ),
    ).toMatch(/^Sign out Firefox on Windows, signed in /);
  });

  it('signs one session out and says so', async () => {
    byTestId<HTMLButtonElement>(
      rows()[1] as HTMLElement,
      'sign-out-session',
    )?.click();
    http
      .expectOne('/api/v1/auth/sessions/s-laptop')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(rows()).toHaveLength(1);
    expect(byTestId(page, 'sessions-notice')?.textContent?.trim()).toBe(
      'Signed out Firefox on Windows.',
    );
    expect(byTestId<HTMLButtonElement>(page, 'sign-out-others')?.disabled).toBe(
      true,
    );
  });

  it('signs out everywhere after confirming, and lands on sign-in', async () => {
    byTestId<HTMLButtonElement>(page, 'sign-out-everywhere')?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('this one included');
    document
      .querySelector<HTMLButtonElement>(
        '[data-testid="confirm-dialog-confirm"]',
      )
      ?.click();

    http.expectOne('/api/v1/auth/sessions').flush({ signedOut: 1 });
    http
      .expectOne('/api/v1/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('does nothing when "sign out everywhere" is cancelled', async () => {
    byTestId<HTMLButtonElement>(page, 'sign-out-everywhere')?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    document
      .querySelector<HTMLButtonElement>('[data-testid="confirm-dialog-cancel"]')
      ?.click();
    await fixture.whenStable();

    http.expectNone('/api/v1/auth/sessions');
    expect(rows()).toHaveLength(2);
  });
});

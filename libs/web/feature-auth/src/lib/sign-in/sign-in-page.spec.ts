import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore } from '@orca/web/data-access-auth';
import { SignInPage } from './sign-in-page';

@Component({ template: '' })
class BlankPage {}

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
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
    fixture = TestBed.createComponent(SignInPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function signIn(email: string, password: string): Promise<void> {
    for (const [testId, value] of [
      ['sign-in-email', email],
      ['sign-in-password', password],
    ]) {
      const input = page.querySelector(
        `[data-testid="${testId}"]`,
      ) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    (
      page.querySelector('[data-testid="sign-in-submit"]') as HTMLButtonElement
    ).click();
    await fixture.whenStable();
  }

  it('tells the person when the email or password is not right', async () => {
    await signIn('ada@example.com', 'not my password');
    http
      .expectOne('/api/v1/auth/login')
      .flush(
        {
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          code: 'invalid_credentials',
        },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'The email or password is not right.',
    );
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('says why, when the person lands here because their session ended elsewhere', async () => {
    const auth = TestBed.inject(AuthStore);
    expect(
      page.querySelector('[data-testid="sign-in-session-ended"]'),
    ).toBeNull();

    auth.loadSession().subscribe();
    http.expectOne('/api/v1/auth/session').flush({
      user: {
        id: 'u-ada',
        email: 'ada@example.com',
        displayName: 'Ada Lovelace',
        createdAt: '2025-01-01T00:00:00.000Z',
      },
    });
    auth.sessionLost();
    await fixture.whenStable();

    expect(
      page.querySelector('[data-testid="sign-in-session-ended"]')?.textContent,
    ).toContain('You were signed out');
  });

  it('signs in and goes to the projects by default', async () => {
    await signIn('ada@example.com', 'analytical engine');
    http.expectOne('/api/v1/auth/login').flush({
      id: 'u-ada',
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()?.displayName).toBe('Ada Lovelace');
    expect(TestBed.inject(Router).url).toBe('/projects');
  });
});

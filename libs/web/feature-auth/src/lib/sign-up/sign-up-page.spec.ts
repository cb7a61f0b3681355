import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SignUpPage } from './sign-up-page';

@Component({ template: '' })
class BlankPage {}

describe('SignUpPage', () => {
  let fixture: ComponentFixture<SignUpPage>;
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
    fixture = TestBed.createComponent(SignUpPage);
    fixture.componentRef.setInput('returnUrl', '/invitations/tok-1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function field(testId: string): HTMLInputElement {
    return page.querySelector(`[data-testid="${testId}"]`) as HTMLInputElement;
  }

  async function type(testId: string, value: string): Promise<void> {
    const input = field(testId);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  async function fillValidForm(): Promise<void> {
    await type('sign-up-email', 'bob@example.com');
    await type('sign-up-display-name', 'Bob Builder');
    await type('sign-up-password', 'objects before screens');
  }

  async function submit(): Promise<void> {
    field('sign-up-submit').click();
    await fixture.whenStable();
  }

  it('states the password rule before anything is typed', () => {
    expect(page.querySelector('#sign-up-password-hint')?.textContent).toContain(
      'At least 10 characters',
    );
    expect(page.querySelector('#sign-up-password-error')).toBeNull();
  });

  it('says what is wrong with a short password once the field is left', async () => {
    await type('sign-up-password', 'short');

    expect(
      page.querySelector('#sign-up-password-error')?.textContent?.trim(),
    ).toBe('Password must be at least 10 characters long.');
    expect(field('sign-up-password').getAttribute('aria-invalid')).toBe('true');
  });

  it('points at every missing field on submit, without calling the server', async () => {
    await submit();

    expect(page.querySelector('#sign-up-email-error')?.textContent).toContain(
      'Email is required.',
    );
    expect(
      page.querySelector('#sign-up-display-name-error')?.textContent,
    ).toContain('Your name is required.');
    http.expectNone('/api/v1/auth/register');
  });

  it('shows "email taken" next to the email field', async () => {
    await fillValidForm();
    await submit();

    http
      .expectOne('/api/v1/auth/register')
      .flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'email_taken',
          detail: 'Email already registered.',
        },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(
      page.querySelector('#sign-up-email-error')?.textContent?.trim(),
    ).toBe('An account already uses this email address. Sign in instead.');
    expect(
      page.querySelector('[data-testid="sign-up-problem"]')?.textContent,
    ).toContain('Email already registered.');
  });

  it('creates the account and returns to the page that asked for it', async () => {
    await fillValidForm();
    await submit();

    const request = http.expectOne('/api/v1/auth/register');
    expect(request.request.body).toEqual({
      email: 'bob@example.com',
      displayName: 'Bob Builder',
      password: 'objects before screens',
    });
    request.flush({
      id: 'u-bob',
      email: 'bob@example.com',
      displayName: 'Bob Builder',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/invitations/tok-1');
  });
});

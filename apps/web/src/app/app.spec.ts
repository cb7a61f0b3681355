import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore } from '@orca/web/data-access-auth';
import { App } from './app';

@Component({ template: '<h1>Page</h1>' })
class BlankPage {}

describe('App', () => {
  let fixture: ComponentFixture<App>;
  let shell: HTMLElement;
  let http: HttpTestingController;

  async function start(signedIn: boolean): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: BlankPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(App);
    shell = fixture.nativeElement as HTMLElement;
    // The start-up probe answers 200 either way: a visitor is not an error.
    http.expectOne('/api/v1/auth/session').flush({
      user: signedIn
        ? {
            id: 'u-ada',
            email: 'ada@example.com',
            displayName: 'Ada Lovelace',
            createdAt: '2025-01-01T00:00:00.000Z',
          }
        : null,
    });
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('names the product in the top bar', async () => {
    await start(false);

    expect(shell.querySelector('.brand')?.textContent).toContain(
      'ORCA Project Builder',
    );
    expect(shell.querySelector('[data-testid="sign-out"]')).toBeNull();
  });

  it('links to the account, and shows a name saved there at once', async () => {
    await start(true);

    const account = shell.querySelector<HTMLAnchorElement>(
      '[data-testid="nav-account"]',
    );
    expect(account?.textContent?.trim()).toBe('Account');
    expect(account?.getAttribute('href')).toBe('/account');

    TestBed.inject(AuthStore).updateUser({
      id: 'u-ada',
      email: 'ada@example.com',
      displayName: 'Ada King',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    await fixture.whenStable();
    expect(
      shell.querySelector('[data-testid="current-user-name"]')?.textContent,
    ).toBe('Ada King');
  });

  it('shows who is signed in, and signs them out', async () => {
    await start(true);

    expect(
      shell.querySelector('[data-testid="current-user-name"]')?.textContent,
    ).toBe('Ada Lovelace');

    (
      shell.querySelector('[data-testid="sign-out"]') as HTMLButtonElement
    ).click();
    http
      .expectOne('/api/v1/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(shell.querySelector('[data-testid="current-user-name"]')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });
});

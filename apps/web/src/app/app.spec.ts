import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
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
    const probe = http.expectOne('/api/v1/auth/me');
    if (signedIn) {
      probe.flush({
        id: 'u-ada',
        email: 'ada@example.com',
        displayName: 'Ada Lovelace',
        createdAt: '2025-01-01T00:00:00.000Z',
      });
    } else {
      probe.flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    }
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

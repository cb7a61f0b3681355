import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from './app.routes';

describe('appRoutes', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function visit(url: string): Promise<RouterTestingHarness> {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    http
      .expectOne('/api/v1/auth/me')
      .flush(
        { status: 401, title: 'Unauthorized', code: 'unauthenticated' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await navigation;
    await harness.fixture.whenStable();
    return harness;
  }

  it('sends a signed-out visitor of / to sign in, to return to the projects', async () => {
    const harness = await visit('/');

    expect(TestBed.inject(Router).url).toBe('/sign-in?returnUrl=%2Fprojects');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Sign in',
    );
  });

  it('tells a visitor when a page does not exist', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page');

    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Page not found',
    );
  });
});

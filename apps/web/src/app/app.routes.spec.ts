import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Title } from '@angular/platform-browser';
import type { UserDto } from '@orca/shared/contracts';
import { appRoutes } from './app.routes';
import { OrcaTitleStrategy } from './title-strategy';

const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('appRoutes', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        { provide: TitleStrategy, useClass: OrcaTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function visit(
    url: string,
    user: UserDto | null = null,
  ): Promise<RouterTestingHarness> {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/v1/auth/session').flush({ user });
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

  it('opens the account on its profile page, with the account’s navigation', async () => {
    const harness = await visit('/account', ADA);

    expect(TestBed.inject(Router).url).toBe('/account/profile');
    const page = harness.routeNativeElement;
    expect(page?.querySelector('h1')?.textContent).toBe('Profile');
    expect(
      [...(page?.querySelectorAll('nav a') ?? [])].map((a) =>
        a.textContent?.trim(),
      ),
    ).toEqual(['Profile', 'Password', 'Sessions', 'API tokens']);
    expect(TestBed.inject(Title).getTitle()).toBe(
      'Profile · ORCA Project Builder',
    );
  });

  it('keeps /account/tokens, the API tokens page, where it was', async () => {
    const harness = await visit('/account/tokens', ADA);
    http.expectOne('/api/v1/auth/tokens').flush([]);
    await harness.fixture.whenStable();

    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'API tokens',
    );
    expect(
      harness.routeNativeElement
        ?.querySelector('nav a[aria-current="page"]')
        ?.textContent?.trim(),
    ).toBe('API tokens');
  });

  it('sends a signed-out visitor of the account to sign in first', async () => {
    await visit('/account/sessions');

    expect(TestBed.inject(Router).url).toBe(
      '/sign-in?returnUrl=%2Faccount%2Fsessions',
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

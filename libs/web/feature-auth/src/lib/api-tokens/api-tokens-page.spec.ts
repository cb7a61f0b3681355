import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ApiTokenDto } from '@orca/shared/contracts';
import { ApiTokensPage } from './api-tokens-page';

const LISTED: ApiTokenDto = {
  id: 't-1',
  name: 'CI export',
  prefix: 'orca_ab12',
  createdAt: '2025-03-01T00:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
};

describe('ApiTokensPage', () => {
  let fixture: ComponentFixture<ApiTokensPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApiTokensPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/auth/tokens').flush([LISTED]);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function byTestId<T extends HTMLElement>(testId: string): T | null {
    return page.querySelector<T>(`[data-testid="${testId}"]`);
  }

  it('lists the tokens by name and prefix, never a secret', () => {
    const rows = page.querySelectorAll('[data-testid="token-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('CI export');
    expect(rows[0].textContent).toContain('orca_ab12…');
    expect(byTestId('api-token-secret')).toBeNull();
  });

  it('shows a new token’s secret once, with a warning, until it is dismissed', async () => {
    const name = byTestId<HTMLInputElement>('token-name-input');
    if (!name) throw new Error('no name field');
    name.value = 'Nightly backup';
    name.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>('create-token-submit')?.click();
    await fixture.whenStable();

    const request = http.expectOne('/api/v1/auth/tokens');
    expect(request.request.body).toEqual({
      name: 'Nightly backup',
      expiresInDays: 90,
    });
    request.flush({
      ...LISTED,
      id: 't-2',
      name: 'Nightly backup',
      token: 'orca_cd34_secret',
    });
    await fixture.whenStable();

    expect(byTestId<HTMLInputElement>('api-token-secret')?.value).toBe(
      'orca_cd34_secret',
    );
    expect(byTestId('api-token-created')?.textContent).toContain(
      'This is the only time',
    );
    expect(page.querySelectorAll('[data-testid="token-row"]')).toHaveLength(2);

    byTestId<HTMLButtonElement>('api-token-secret-done')?.click();
    await fixture.whenStable();
    expect(byTestId('api-token-secret')).toBeNull();
  });
});

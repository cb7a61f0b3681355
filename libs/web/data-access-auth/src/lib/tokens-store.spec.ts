import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ApiTokenDto, CreatedApiTokenDto } from '@orca/shared/contracts';
import { TokensStore } from './tokens-store';

const CI_TOKEN: ApiTokenDto = {
  id: 't-1',
  name: 'CI export',
  prefix: 'orca_ab12',
  createdAt: '2025-03-01T00:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
};

describe('TokensStore', () => {
  let store: TokensStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [TokensStore, provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(TokensStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the tokens', () => {
    store.load().subscribe();
    expect(store.status()).toBe('loading');
    http.expectOne('/api/v1/auth/tokens').flush([CI_TOKEN]);

    expect(store.status()).toBe('ready');
    expect(store.tokens().map(({ name }) => name)).toEqual(['CI export']);
  });

  it('says so when the list cannot be loaded', () => {
    store.load().subscribe();
    http
      .expectOne('/api/v1/auth/tokens')
      .flush('oops', { status: 500, statusText: 'Server Error' });

    expect(store.status()).toBe('failed');
    expect(store.problem()?.message).toBe(
      'Something went wrong on the server. Try again in a moment.',
    );
  });

  it('shows a new token’s secret once, and never keeps it in the list', () => {
    const created: CreatedApiTokenDto = {
      ...CI_TOKEN,
      id: 't-2',
      name: 'Nightly backup',
      token: 'orca_cd34_secret',
    };
    store.create({ name: 'Nightly backup', expiresInDays: 90 }).subscribe();
    const request = http.expectOne('/api/v1/auth/tokens');
    expect(request.request.body).toEqual({
      name: 'Nightly backup',
      expiresInDays: 90,
    });
    request.flush(created);

    expect(store.createdToken()?.token).toBe('orca_cd34_secret');
    expect(store.tokens()[0]).not.toHaveProperty('token');
    expect(store.tokens()[0].name).toBe('Nightly backup');

    store.dismissSecret();
    expect(store.createdToken()).toBeNull();
  });

  it('removes a revoked token from the list', () => {
    store.load().subscribe();
    http.expectOne('/api/v1/auth/tokens').flush([CI_TOKEN]);

    store.revoke('t-1').subscribe();
    expect(store.revokingIds()).toEqual(['t-1']);
    const request = http.expectOne('/api/v1/auth/tokens/t-1');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });

    expect(store.tokens()).toEqual([]);
    expect(store.revokingIds()).toEqual([]);
  });
});

import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionDto } from '@orca/shared/contracts';
import { AuthStore } from './auth-store';
import { SessionsStore } from './sessions-store';

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

const HERE = session('s-here', 'Chrome on Linux', true);
const LAPTOP = session('s-laptop', 'Firefox on Windows');
const PHONE = session('s-phone', 'Safari on iPhone');

describe('SessionsStore', () => {
  let store: SessionsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        SessionsStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(SessionsStore);
    http = TestBed.inject(HttpTestingController);
    store.load().subscribe();
    http.expectOne('/api/v1/auth/sessions').flush([HERE, LAPTOP, PHONE]);
  });

  afterEach(() => http.verify());

  it('lists the sessions and knows which are elsewhere', () => {
    expect(store.status()).toBe('ready');
    expect(store.sessions().map(({ device }) => device)).toEqual([
      'Chrome on Linux',
      'Firefox on Windows',
      'Safari on iPhone',
    ]);
    expect(store.others().map(({ id }) => id)).toEqual(['s-laptop', 's-phone']);
  });

  it('signs one session out and says which', () => {
    store.end(LAPTOP).subscribe();
    expect(store.endingIds()).toEqual(['s-laptop']);
    const request = http.expectOne('/api/v1/auth/sessions/s-laptop');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });

    expect(store.sessions().map(({ id }) => id)).toEqual(['s-here', 's-phone']);
    expect(store.notice()).toBe('Signed out Firefox on Windows.');
    expect(store.endingIds()).toEqual([]);
  });

  it('drops a session that was already gone instead of showing an error', () => {
    store.end(PHONE).subscribe();
    http
      .expectOne('/api/v1/auth/sessions/s-phone')
      .flush(
        { status: 404, title: 'Session not found', code: 'session_not_found' },
        { status: 404, statusText: 'Not Found' },
      );

    expect(store.problem()).toBeNull();
    expect(store.sessions().map(({ id }) => id)).toEqual([
      's-here',
      's-laptop',
    ]);
  });

  it('signs out everywhere else, keeping this session', () => {
    const counts: number[] = [];
    store.endOthers().subscribe((count) => counts.push(count));
    expect(store.endingOthers()).toBe(true);
    const request = http.expectOne('/api/v1/auth/sessions');
    expect(request.request.method).toBe('DELETE');
    request.flush({ signedOut: 2 });

    expect(counts).toEqual([2]);
    expect(store.sessions()).toEqual([HERE]);
    expect(store.notice()).toBe('Signed out 2 other sessions.');
    expect(store.endingOthers()).toBe(false);
  });

  it('signs out everywhere, this browser last', () => {
    const auth = TestBed.inject(AuthStore);
    let done = false;
    store.signOutEverywhere().subscribe(() => (done = true));
    http.expectOne('/api/v1/auth/sessions').flush({ signedOut: 2 });
    http
      .expectOne('/api/v1/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });

    expect(done).toBe(true);
    expect(auth.status()).toBe('signed-out');
  });

  it('stays signed in here when the others could not be signed out', () => {
    let done = false;
    store.signOutEverywhere().subscribe(() => (done = true));
    http
      .expectOne('/api/v1/auth/sessions')
      .flush('oops', { status: 500, statusText: 'Server Error' });

    http.expectNone('/api/v1/auth/logout');
    expect(done).toBe(false);
    expect(store.problem()?.message).toBe(
      'Something went wrong on the server. Try again in a moment.',
    );
    expect(store.sessions()).toHaveLength(3);
  });
});

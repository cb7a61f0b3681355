import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  LoginRequest,
  RegisterRequest,
  UserDto,
} from '@orca/shared/contracts';
import {
  EMPTY,
  Observable,
  catchError,
  defer,
  finalize,
  map,
  of,
  shareReplay,
  tap,
} from 'rxjs';
import { AuthApi } from './auth-api';
import { ProblemMessage, toProblemMessage } from './problem-message';

export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

interface AuthState {
  user: UserDto | null;
  status: AuthStatus;
  /** A sign-in, sign-up or sign-out is on its way to the server. */
  pending: boolean;
  problem: ProblemMessage | null;
  /** The server ended a session this app knew as signed in (signed out elsewhere, or it expired). */
  sessionEnded: boolean;
}

const INITIAL_STATE: AuthState = {
  user: null,
  status: 'unknown',
  pending: false,
  problem: null,
  sessionEnded: false,
};

/**
 * Who is signed in. Commands return cold Observables: subscribe to run them; they emit once on
 * success and complete without emitting on failure, leaving the reason in `problem`.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly state = signal<AuthState>(INITIAL_STATE);
  private meRequest: Observable<UserDto | null> | null = null;
  private sessionRequest: Observable<UserDto | null> | null = null;
  /** When the server last said who is signed in (ms), to tell a fresh answer from an old one. */
  private confirmedAt = 0;

  readonly user = computed(() => this.state().user);
  readonly status = computed(() => this.state().status);
  readonly pending = computed(() => this.state().pending);
  readonly problem = computed(() => this.state().problem);
  readonly sessionEnded = computed(() => this.state().sessionEnded);
  readonly isSignedIn = computed(() => this.state().status === 'signed-in');

  /**
   * Asks the server who this browser is signed in as (`GET /auth/session`), the start-up probe:
   * a signed-out visitor is an answer, not a failed request. Concurrent callers share one request.
   */
  loadSession(): Observable<UserDto | null> {
    this.sessionRequest ??= this.probe(
      this.api.session().pipe(map(({ user }) => user)),
    ).pipe(
      finalize(() => (this.sessionRequest = null)),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    return this.sessionRequest;
  }

  /** Re-reads the signed-in person from `GET /auth/me` (a 401 there means signed out). */
  loadMe(): Observable<UserDto | null> {
    this.meRequest ??= this.probe(this.api.me()).pipe(
      finalize(() => (this.meRequest = null)),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    return this.meRequest;
  }

  /** Shows the person's saved name and email at once (the top bar, every page). */
  updateUser(user: UserDto): void {
    if (this.state().status === 'signed-in') this.patch({ user });
  }

  /** The status, asking the server first when it is not known yet (guards use this). */
  resolveStatus(): Observable<Exclude<AuthStatus, 'unknown'>> {
    return defer(() => {
      const status = this.status();
      return status === 'unknown'
        ? this.loadSession().pipe(
            map((user) => (user ? 'signed-in' : 'signed-out')),
          )
        : of(status);
    });
  }

  /**
   * The status as the server sees it now: asks again unless it answered in the last `maxAgeMs`.
   * For pages about the account itself, where a session signed out on another device must not
   * show stale details.
   */
  confirmSession(maxAgeMs = 2_000): Observable<Exclude<AuthStatus, 'unknown'>> {
    return defer(() => {
      const status = this.status();
      return status !== 'unknown' && Date.now() - this.confirmedAt < maxAgeMs
        ? of(status)
        : this.loadSession().pipe(
            map((user) => (user ? 'signed-in' : 'signed-out')),
          );
    });
  }

  signIn(request: LoginRequest): Observable<UserDto> {
    return this.run(this.api.login(request), (problem) =>
      problem.code === 'invalid_credentials'
        ? { ...problem, message: 'The email or password is not right.' }
        : problem,
    );
  }

  signUp(request: RegisterRequest): Observable<UserDto> {
    return this.run(this.api.register(request), (problem) =>
      problem.code === 'email_taken' && !problem.fieldErrors['email']
        ? {
            ...problem,
            fieldErrors: {
              ...problem.fieldErrors,
              email:
                'An account already uses this email address. Sign in instead.',
            },
          }
        : problem,
    );
  }

  /** Ends the session. The local state is cleared even if the server cannot be reached. */
  signOut(): Observable<void> {
    return defer(() => {
      this.patch({ pending: true, problem: null });
      return this.api.logout().pipe(
        catchError(() => of(undefined)),
        map((): void => undefined),
        finalize(() => this.clear()),
      );
    });
  }

  /** Forgets the user (after signing out here). */
  clear(): void {
    this.state.set({ ...INITIAL_STATE, status: 'signed-out' });
  }

  /** Forgets the user because the server no longer knows the session; sign-in says so. */
  sessionLost(): void {
    const wasSignedIn = this.state().status === 'signed-in';
    this.state.set({
      ...INITIAL_STATE,
      status: 'signed-out',
      sessionEnded: wasSignedIn || this.state().sessionEnded,
    });
  }

  clearProblem(): void {
    this.patch({ problem: null });
  }

  private probe(
    request: Observable<UserDto | null>,
  ): Observable<UserDto | null> {
    return request.pipe(
      tap((user) => {
        this.confirmedAt = Date.now();
        if (user) this.patch({ user, status: 'signed-in' });
        else this.sessionLost();
      }),
      catchError((error: unknown) => {
        const problem = toProblemMessage(error);
        if (problem.status === 401) this.sessionLost();
        else this.patch({ user: null, status: 'signed-out', problem });
        return of(null);
      }),
    );
  }

  private run(
    request: Observable<UserDto>,
    explain: (problem: ProblemMessage) => ProblemMessage,
  ): Observable<UserDto> {
    return defer(() => {
      this.patch({ pending: true, problem: null });
      return request.pipe(
        tap((user) => {
          this.confirmedAt = Date.now();
          this.patch({ user, status: 'signed-in', sessionEnded: false });
        }),
        catchError((error: unknown) => {
          this.patch({ problem: explain(toProblemMessage(error)) });
          return EMPTY;
        }),
        finalize(() => this.patch({ pending: false })),
      );
    });
  }

  private patch(change: Partial<AuthState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

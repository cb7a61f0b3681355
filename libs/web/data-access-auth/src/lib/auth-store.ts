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
}

const INITIAL_STATE: AuthState = {
  user: null,
  status: 'unknown',
  pending: false,
  problem: null,
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

  readonly user = computed(() => this.state().user);
  readonly status = computed(() => this.state().status);
  readonly pending = computed(() => this.state().pending);
  readonly problem = computed(() => this.state().problem);
  readonly isSignedIn = computed(() => this.state().status === 'signed-in');

  /** Asks the server who the session belongs to. Concurrent callers share one request. */
  loadMe(): Observable<UserDto | null> {
    this.meRequest ??= this.api.me().pipe(
      tap((user) => this.patch({ user, status: 'signed-in' })),
      catchError((error: unknown) => {
        const problem = toProblemMessage(error);
        this.patch({
          user: null,
          status: 'signed-out',
          problem: problem.status === 401 ? null : problem,
        });
        return of(null);
      }),
      finalize(() => (this.meRequest = null)),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    return this.meRequest;
  }

  /** The status, asking the server first when it is not known yet (guards use this). */
  resolveStatus(): Observable<Exclude<AuthStatus, 'unknown'>> {
    return defer(() => {
      const status = this.status();
      return status === 'unknown'
        ? this.loadMe().pipe(map((user) => (user ? 'signed-in' : 'signed-out')))
        : of(status);
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

  /** Forgets the user, e.g. when the server answers 401 because the session expired. */
  clear(): void {
    this.state.set({ ...INITIAL_STATE, status: 'signed-out' });
  }

  clearProblem(): void {
    this.patch({ problem: null });
  }

  private run(
    request: Observable<UserDto>,
    explain: (problem: ProblemMessage) => ProblemMessage,
  ): Observable<UserDto> {
    return defer(() => {
      this.patch({ pending: true, problem: null });
      return request.pipe(
        tap((user) => this.patch({ user, status: 'signed-in' })),
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

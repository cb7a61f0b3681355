import { Injectable, computed, inject, signal } from '@angular/core';
import type { SessionDto } from '@orca/shared/contracts';
import {
  EMPTY,
  Observable,
  catchError,
  defer,
  finalize,
  map,
  switchMap,
  tap,
} from 'rxjs';
import { AccountApi } from './account-api';
import { AuthStore } from './auth-store';
import { LoadStatus } from './load-status';
import { ProblemMessage, toProblemMessage } from './problem-message';

interface SessionsState {
  sessions: SessionDto[];
  status: LoadStatus;
  problem: ProblemMessage | null;
  /** Sessions being signed out one by one. */
  endingIds: readonly string[];
  /** "Sign out everywhere (else)" is on its way. */
  endingOthers: boolean;
  /** What the last sign-out did, in a sentence (announced politely). */
  notice: string | null;
}

/**
 * The signed-in person's sessions (browsers). Provide it on the page that lists them.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class SessionsStore {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<SessionsState>({
    sessions: [],
    status: 'idle',
    problem: null,
    endingIds: [],
    endingOthers: false,
    notice: null,
  });

  readonly sessions = computed(() => this.state().sessions);
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);
  readonly endingIds = computed(() => this.state().endingIds);
  readonly endingOthers = computed(() => this.state().endingOthers);
  readonly notice = computed(() => this.state().notice);
  readonly others = computed(() =>
    this.state().sessions.filter((session) => !session.current),
  );

  load(): Observable<SessionDto[]> {
    return defer(() => {
      this.patch({ status: 'loading', problem: null });
      return this.api.listSessions().pipe(
        tap((sessions) => this.patch({ sessions, status: 'ready' })),
        catchError((error: unknown) => {
          this.patch({
            status: 'failed',
            problem: toProblemMessage(
              error,
              'Your sessions could not be loaded.',
            ),
          });
          return EMPTY;
        }),
      );
    });
  }

  /** Signs one other browser out; it is asked to sign in again on its next page. */
  end(session: SessionDto): Observable<void> {
    return defer(() => {
      this.state.update((state) => ({
        ...state,
        problem: null,
        notice: null,
        endingIds: [...state.endingIds, session.id],
      }));
      return this.api.endSession(session.id).pipe(
        tap(() =>
          this.state.update((state) => ({
            ...state,
            sessions: state.sessions.filter(({ id }) => id !== session.id),
            notice: `Signed out ${session.device}.`,
          })),
        ),
        catchError((error: unknown) => {
          // Already gone (it expired, or was signed out elsewhere): the list catches up.
          if (toProblemMessage(error).status === 404) {
            this.state.update((state) => ({
              ...state,
              sessions: state.sessions.filter(({ id }) => id !== session.id),
              notice: `${session.device} was already signed out.`,
            }));
            return EMPTY;
          }
          this.patch({
            problem: toProblemMessage(
              error,
              'That session could not be signed out.',
            ),
          });
          return EMPTY;
        }),
        finalize(() =>
          this.state.update((state) => ({
            ...state,
            endingIds: state.endingIds.filter((id) => id !== session.id),
          })),
        ),
      );
    });
  }

  /** Signs out every session but this one. Emits how many were signed out. */
  endOthers(): Observable<number> {
    return defer(() => {
      this.patch({ endingOthers: true, problem: null, notice: null });
      return this.api.endOtherSessions().pipe(
        map(({ signedOut }) => signedOut),
        tap((signedOut) =>
          this.state.update((state) => ({
            ...state,
            sessions: state.sessions.filter((session) => session.current),
            notice:
              signedOut === 0
                ? 'You were not signed in anywhere else.'
                : `Signed out ${signedOut === 1 ? '1 other session' : `${signedOut} other sessions`}.`,
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            problem: toProblemMessage(
              error,
              'Your other sessions could not be signed out.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ endingOthers: false })),
      );
    });
  }

  /** Signs out every other session, then this one. Emits once this browser is signed out. */
  signOutEverywhere(): Observable<void> {
    return this.endOthers().pipe(switchMap(() => this.auth.signOut()));
  }

  private patch(change: Partial<SessionsState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

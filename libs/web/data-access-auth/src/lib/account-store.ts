import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  ChangePasswordRequest,
  SignedOutSessionsDto,
  UpdateProfileRequest,
  UserDto,
} from '@orca/shared/contracts';
import { EMPTY, Observable, catchError, defer, finalize, tap } from 'rxjs';
import { AccountApi } from './account-api';
import { AuthStore } from './auth-store';
import { ProblemMessage, toProblemMessage } from './problem-message';

interface AccountState {
  savingProfile: boolean;
  profileProblem: ProblemMessage | null;
  /** The profile as last saved on this page, until it is edited again. */
  savedProfile: UserDto | null;
  changingPassword: boolean;
  passwordProblem: ProblemMessage | null;
  /** Set once the password was changed: how many other sessions were signed out. */
  passwordChanged: SignedOutSessionsDto | null;
}

/**
 * The signed-in person's profile and password. Provide it on the page that edits them.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class AccountStore {
  private readonly api = inject(AccountApi);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<AccountState>({
    savingProfile: false,
    profileProblem: null,
    savedProfile: null,
    changingPassword: false,
    passwordProblem: null,
    passwordChanged: null,
  });

  readonly savingProfile = computed(() => this.state().savingProfile);
  readonly profileProblem = computed(() => this.state().profileProblem);
  readonly savedProfile = computed(() => this.state().savedProfile);
  readonly changingPassword = computed(() => this.state().changingPassword);
  readonly passwordProblem = computed(() => this.state().passwordProblem);
  readonly passwordChanged = computed(() => this.state().passwordChanged);

  /** Saves the name and/or email; the top bar shows the new name as soon as the server agrees. */
  saveProfile(request: UpdateProfileRequest): Observable<UserDto> {
    return defer(() => {
      this.patch({
        savingProfile: true,
        profileProblem: null,
        savedProfile: null,
      });
      return this.api.updateProfile(request).pipe(
        tap((user) => {
          this.auth.updateUser(user);
          this.patch({ savedProfile: user });
        }),
        catchError((error: unknown) => {
          this.patch({
            profileProblem: explainProfileProblem(
              toProblemMessage(error, 'Your profile could not be saved.'),
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ savingProfile: false })),
      );
    });
  }

  changePassword(
    request: ChangePasswordRequest,
  ): Observable<SignedOutSessionsDto> {
    return defer(() => {
      this.patch({
        changingPassword: true,
        passwordProblem: null,
        passwordChanged: null,
      });
      return this.api.changePassword(request).pipe(
        tap((result) => this.patch({ passwordChanged: result })),
        catchError((error: unknown) => {
          this.patch({
            passwordProblem: toProblemMessage(
              error,
              'Your password could not be changed.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ changingPassword: false })),
      );
    });
  }

  /** Hides "saved" once the person edits the form again. */
  clearProfileSaved(): void {
    this.patch({ savedProfile: null });
  }

  clearPasswordChanged(): void {
    this.patch({ passwordChanged: null });
  }

  private patch(change: Partial<AccountState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

function explainProfileProblem(problem: ProblemMessage): ProblemMessage {
  if (problem.code === 'email_taken')
    return {
      ...problem,
      fieldErrors: {
        ...problem.fieldErrors,
        email: 'Another account already uses this email address.',
      },
    };
  return problem;
}

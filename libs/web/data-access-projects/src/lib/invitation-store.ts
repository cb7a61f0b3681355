import { Injectable, computed, inject, signal } from '@angular/core';
import type { InvitationPreviewDto, ProjectDto } from '@orca/shared/contracts';
import {
  LoadStatus,
  ProblemMessage,
  toProblemMessage,
} from '@orca/web/data-access-auth';
import { EMPTY, Observable, catchError, defer, finalize, map, tap } from 'rxjs';
import { InvitationsApi } from './invitations-api';

interface InvitationState {
  token: string | null;
  preview: InvitationPreviewDto | null;
  status: LoadStatus;
  problem: ProblemMessage | null;
  accepting: boolean;
  acceptProblem: ProblemMessage | null;
  /** The project joined by accepting. */
  joinedProject: ProjectDto | null;
}

const INITIAL_STATE: InvitationState = {
  token: null,
  preview: null,
  status: 'idle',
  problem: null,
  accepting: false,
  acceptProblem: null,
  joinedProject: null,
};

/**
 * The invitation behind an accept link: what it offers, and accepting it.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class InvitationStore {
  private readonly api = inject(InvitationsApi);
  private readonly state = signal<InvitationState>(INITIAL_STATE);

  readonly preview = computed(() => this.state().preview);
  readonly status = computed(() => this.state().status);
  /** Why the invitation cannot be shown; `code` tells expired (`invitation_expired`) from used. */
  readonly problem = computed(() => this.state().problem);
  readonly accepting = computed(() => this.state().accepting);
  readonly acceptProblem = computed(() => this.state().acceptProblem);
  readonly joinedProject = computed(() => this.state().joinedProject);
  /** Only a pending invitation can be accepted. */
  readonly acceptable = computed(
    () => this.state().preview?.status === 'pending',
  );

  load(token: string): Observable<InvitationPreviewDto> {
    return defer(() => {
      this.state.set({ ...INITIAL_STATE, token, status: 'loading' });
      return this.api.preview(token).pipe(
        tap((preview) => this.patch({ preview, status: 'ready' })),
        catchError((error: unknown) => {
          this.patch({
            status: 'failed',
            problem: toProblemMessage(
              error,
              'This invitation could not be loaded.',
            ),
          });
          return EMPTY;
        }),
      );
    });
  }

  accept(): Observable<ProjectDto> {
    return defer(() => {
      const token = this.state().token;
      if (!token) {
        return EMPTY;
      }
      this.patch({ accepting: true, acceptProblem: null });
      return this.api.accept(token).pipe(
        map(({ project }) => project),
        tap((project) => this.patch({ joinedProject: project })),
        catchError((error: unknown) => {
          this.patch({
            acceptProblem: toProblemMessage(
              error,
              'The invitation could not be accepted.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ accepting: false })),
      );
    });
  }

  private patch(change: Partial<InvitationState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

import { Injectable, computed, inject, signal } from '@angular/core';
import type {
  CreateInvitationRequest,
  InvitationDto,
  MemberDto,
  ProjectDto,
  UpdateProjectRequest,
} from '@orca/shared/contracts';
import { type ProjectRole, roleSatisfies } from '@orca/shared/domain';
import { ProblemMessage, toProblemMessage } from '@orca/web/data-access-auth';
import {
  EMPTY,
  Observable,
  catchError,
  defer,
  finalize,
  forkJoin,
  map,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { InvitationsApi } from './invitations-api';
import { ProjectsApi } from './projects-api';

export type ProjectSettingsStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'not-found'
  | 'failed';

interface ProjectSettingsState {
  projectId: string | null;
  project: ProjectDto | null;
  members: MemberDto[];
  /** Pending invitations; only facilitators see them. */
  invitations: InvitationDto[];
  status: ProjectSettingsStatus;
  /** Loading the page, deleting or leaving the project. */
  problem: ProblemMessage | null;
  savingDetails: boolean;
  detailsProblem: ProblemMessage | null;
  busyMemberIds: readonly string[];
  membersProblem: ProblemMessage | null;
  inviting: boolean;
  inviteProblem: ProblemMessage | null;
  invitationsProblem: ProblemMessage | null;
  revokingInvitationIds: readonly string[];
  /** The invitation just sent: its accept link is shown when it could not be emailed. */
  lastInvitation: InvitationDto | null;
  deleting: boolean;
}

const INITIAL_STATE: ProjectSettingsState = {
  projectId: null,
  project: null,
  members: [],
  invitations: [],
  status: 'idle',
  problem: null,
  savingDetails: false,
  detailsProblem: null,
  busyMemberIds: [],
  membersProblem: null,
  inviting: false,
  inviteProblem: null,
  invitationsProblem: null,
  revokingInvitationIds: [],
  lastInvitation: null,
  deleting: false,
};

const LAST_FACILITATOR =
  'A project needs at least one facilitator. Make someone else a facilitator first.';

/**
 * One project's settings: details, members and invitations. Provide it on the settings page.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class ProjectSettingsStore {
  private readonly projectsApi = inject(ProjectsApi);
  private readonly invitationsApi = inject(InvitationsApi);
  private readonly state = signal<ProjectSettingsState>(INITIAL_STATE);

  readonly project = computed(() => this.state().project);
  readonly members = computed(() => this.state().members);
  readonly invitations = computed(() => this.state().invitations);
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);
  readonly savingDetails = computed(() => this.state().savingDetails);
  readonly detailsProblem = computed(() => this.state().detailsProblem);
  readonly busyMemberIds = computed(() => this.state().busyMemberIds);
  readonly membersProblem = computed(() => this.state().membersProblem);
  readonly inviting = computed(() => this.state().inviting);
  readonly inviteProblem = computed(() => this.state().inviteProblem);
  readonly invitationsProblem = computed(() => this.state().invitationsProblem);
  readonly revokingInvitationIds = computed(
    () => this.state().revokingInvitationIds,
  );
  readonly lastInvitation = computed(() => this.state().lastInvitation);
  readonly deleting = computed(() => this.state().deleting);
  /** Facilitators rename, manage members and invitations, and delete the project. */
  readonly canManage = computed(() => {
    const project = this.state().project;
    return project !== null && roleSatisfies(project.role, 'facilitator');
  });

  load(projectId: string): Observable<ProjectDto> {
    return defer(() => {
      this.state.set({ ...INITIAL_STATE, projectId, status: 'loading' });
      return this.projectsApi.get(projectId).pipe(
        switchMap((project) =>
          forkJoin({
            members: this.projectsApi.listMembers(projectId),
            invitations: this.pendingInvitationsFor(project),
          }).pipe(
            tap(({ members, invitations }) =>
              this.patch({ project, members, invitations, status: 'ready' }),
            ),
            map(() => project),
          ),
        ),
        catchError((error: unknown) => {
          const problem = toProblemMessage(
            error,
            'This project could not be loaded.',
          );
          this.patch({
            status: problem.status === 404 ? 'not-found' : 'failed',
            problem,
          });
          return EMPTY;
        }),
      );
    });
  }

  saveDetails(request: UpdateProjectRequest): Observable<ProjectDto> {
    return this.withProject((projectId) => {
      this.patch({ savingDetails: true, detailsProblem: null });
      return this.projectsApi.update(projectId, request).pipe(
        tap((project) => this.patch({ project })),
        catchError((error: unknown) => {
          this.patch({
            detailsProblem: toProblemMessage(
              error,
              'The project details could not be saved.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ savingDetails: false })),
      );
    });
  }

  /** Changes a member's role, then re-reads the project: your own role may be the one that changed. */
  changeRole(userId: string, role: ProjectRole): Observable<MemberDto> {
    return this.withProject((projectId) => {
      this.startMemberWork(userId);
      return this.projectsApi.updateMember(projectId, userId, { role }).pipe(
        tap((member) =>
          this.state.update((state) => ({
            ...state,
            members: state.members.map((existing) =>
              existing.userId === member.userId ? member : existing,
            ),
          })),
        ),
        switchMap((member) =>
          this.projectsApi.get(projectId).pipe(
            tap((project) =>
              this.patch({
                project,
                invitations:
                  project.role === 'facilitator'
                    ? this.state().invitations
                    : [],
              }),
            ),
            map(() => member),
            catchError(() => of(member)),
          ),
        ),
        catchError((error: unknown) => {
          this.failMemberWork(error, 'The role could not be changed.');
          return EMPTY;
        }),
        finalize(() => this.endMemberWork(userId)),
      );
    });
  }

  removeMember(userId: string): Observable<void> {
    return this.withProject((projectId) => {
      this.startMemberWork(userId);
      return this.projectsApi.removeMember(projectId, userId).pipe(
        map((): void => undefined),
        tap(() =>
          this.state.update((state) => ({
            ...state,
            members: state.members.filter((member) => member.userId !== userId),
            project: state.project && {
              ...state.project,
              memberCount: Math.max(0, state.project.memberCount - 1),
            },
          })),
        ),
        catchError((error: unknown) => {
          this.failMemberWork(error, 'The member could not be removed.');
          return EMPTY;
        }),
        finalize(() => this.endMemberWork(userId)),
      );
    });
  }

  /** Removes yourself from the project. */
  leave(ownUserId: string): Observable<void> {
    return this.withProject((projectId) => {
      this.patch({ problem: null });
      return this.projectsApi.removeMember(projectId, ownUserId).pipe(
        map((): void => undefined),
        catchError((error: unknown) => {
          const problem = toProblemMessage(
            error,
            'You could not leave the project.',
          );
          this.patch({
            problem:
              problem.code === 'last_facilitator'
                ? { ...problem, message: LAST_FACILITATOR }
                : problem,
          });
          return EMPTY;
        }),
      );
    });
  }

  deleteProject(): Observable<void> {
    return this.withProject((projectId) => {
      this.patch({ deleting: true, problem: null });
      return this.projectsApi.remove(projectId).pipe(
        map((): void => undefined),
        catchError((error: unknown) => {
          this.patch({
            problem: toProblemMessage(
              error,
              'The project could not be deleted.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ deleting: false })),
      );
    });
  }

  invite(request: CreateInvitationRequest): Observable<InvitationDto> {
    return this.withProject((projectId) => {
      this.patch({ inviting: true, inviteProblem: null, lastInvitation: null });
      return this.invitationsApi.create(projectId, request).pipe(
        tap((invitation) =>
          this.state.update((state) => ({
            ...state,
            lastInvitation: invitation,
            invitations: [
              invitation,
              ...state.invitations.filter(({ id }) => id !== invitation.id),
            ],
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            inviteProblem: toProblemMessage(
              error,
              'The invitation could not be sent.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ inviting: false })),
      );
    });
  }

  revokeInvitation(invitationId: string): Observable<void> {
    return this.withProject((projectId) => {
      this.state.update((state) => ({
        ...state,
        invitationsProblem: null,
        revokingInvitationIds: [...state.revokingInvitationIds, invitationId],
      }));
      return this.invitationsApi.revoke(projectId, invitationId).pipe(
        map((): void => undefined),
        tap(() =>
          this.state.update((state) => ({
            ...state,
            invitations: state.invitations.filter(
              ({ id }) => id !== invitationId,
            ),
            lastInvitation:
              state.lastInvitation?.id === invitationId
                ? null
                : state.lastInvitation,
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            invitationsProblem: toProblemMessage(
              error,
              'The invitation could not be revoked.',
            ),
          });
          return EMPTY;
        }),
        finalize(() =>
          this.state.update((state) => ({
            ...state,
            revokingInvitationIds: state.revokingInvitationIds.filter(
              (id) => id !== invitationId,
            ),
          })),
        ),
      );
    });
  }

  dismissLastInvitation(): void {
    this.patch({ lastInvitation: null });
  }

  private pendingInvitationsFor(
    project: ProjectDto,
  ): Observable<InvitationDto[]> {
    if (!roleSatisfies(project.role, 'facilitator')) {
      return of([]);
    }
    return this.invitationsApi.listPending(project.id).pipe(
      map((invitations) =>
        invitations.filter(({ status }) => status === 'pending'),
      ),
      catchError((error: unknown) => {
        this.patch({
          invitationsProblem: toProblemMessage(
            error,
            'The pending invitations could not be loaded.',
          ),
        });
        return of([]);
      }),
    );
  }

  private withProject<T>(
    command: (projectId: string) => Observable<T>,
  ): Observable<T> {
    return defer(() => {
      const projectId = this.state().projectId;
      return projectId ? command(projectId) : EMPTY;
    });
  }

  private startMemberWork(userId: string): void {
    this.state.update((state) => ({
      ...state,
      membersProblem: null,
      busyMemberIds: [...state.busyMemberIds, userId],
    }));
  }

  private endMemberWork(userId: string): void {
    this.state.update((state) => ({
      ...state,
      busyMemberIds: state.busyMemberIds.filter((id) => id !== userId),
    }));
  }

  private failMemberWork(error: unknown, fallback: string): void {
    const problem = toProblemMessage(error, fallback);
    this.patch({
      membersProblem:
        problem.code === 'last_facilitator'
          ? { ...problem, message: LAST_FACILITATOR }
          : problem,
    });
  }

  private patch(change: Partial<ProjectSettingsState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

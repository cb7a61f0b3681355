import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { InvitationDto, MemberDto } from '@orca/shared/contracts';
import { PROJECT_ROLES, type ProjectRole } from '@orca/shared/domain';
import { AuthStore } from '@orca/web/data-access-auth';
import { ProjectSettingsStore } from '@orca/web/data-access-projects';
import {
  Alert,
  Confirmation,
  CopyField,
  EmptyState,
  FormField,
  LoadingIndicator,
  RoleBadge,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  orcaValidators,
  unmatchedFieldMessages,
} from '@orca/web/ui';
import { filter, switchMap } from 'rxjs';
import {
  PROJECT_DESCRIPTION_MAX_LENGTH,
  PROJECT_NAME_MAX_LENGTH,
} from '../project-form-rules';
import type { ProjectListNotice } from '../project-list/project-list-page';
import { MemberRoleChange, ProjectMembersTable } from './project-members-table';

@Component({
  selector: 'orca-project-settings-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    CdkCopyToClipboard,
    Alert,
    CopyField,
    EmptyState,
    FormField,
    LoadingIndicator,
    RoleBadge,
    ProjectMembersTable,
  ],
  providers: [ProjectSettingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-settings-page.html',
  styleUrl: './project-settings-page.css',
})
export class ProjectSettingsPage {
  /** Route parameter. */
  readonly projectId = input.required<string>();

  protected readonly store = inject(ProjectSettingsStore);
  protected readonly auth = inject(AuthStore);
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  protected readonly roles = PROJECT_ROLES;
  protected readonly currentUserId = computed(
    () => this.auth.user()?.id ?? null,
  );

  protected readonly detailsSubmitted = signal(false);
  protected readonly detailsSaved = signal(false);
  protected readonly detailsForm = this.formBuilder.group({
    name: [
      '',
      [orcaValidators.notBlank, Validators.maxLength(PROJECT_NAME_MAX_LENGTH)],
    ],
    description: ['', Validators.maxLength(PROJECT_DESCRIPTION_MAX_LENGTH)],
  });
  protected readonly detailsOtherProblems = computed(() =>
    unmatchedFieldMessages(
      this.detailsForm,
      this.store.detailsProblem()?.fieldErrors,
    ),
  );

  protected readonly inviteSubmitted = signal(false);
  protected readonly inviteForm = this.formBuilder.group({
    email: ['', [Validators.required, Validators.email]],
    role: ['contributor' as ProjectRole],
  });
  protected readonly inviteOtherProblems = computed(() =>
    unmatchedFieldMessages(
      this.inviteForm,
      this.store.inviteProblem()?.fieldErrors,
    ),
  );

  constructor() {
    toObservable(this.projectId)
      .pipe(
        switchMap((projectId) => this.store.load(projectId)),
        takeUntilDestroyed(),
      )
      .subscribe();

    // Show the saved details, unless the person is in the middle of editing them.
    effect(() => {
      const project = this.store.project();
      const canManage = this.store.canManage();
      untracked(() => {
        if (project && this.detailsForm.pristine) {
          this.detailsForm.reset({
            name: project.name,
            description: project.description,
          });
        }
        if (canManage) {
          this.detailsForm.enable({ emitEvent: false });
        } else {
          this.detailsForm.disable({ emitEvent: false });
        }
      });
    });
    this.showServerErrors(this.detailsForm, () => this.store.detailsProblem());
    this.showServerErrors(this.inviteForm, () => this.store.inviteProblem());
    this.detailsForm.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.detailsSaved.set(false));
  }

  protected detailsError(
    field: 'name' | 'description',
    label: string,
  ): string | null {
    return controlError(
      this.detailsForm.controls[field],
      label,
      this.detailsSubmitted(),
    );
  }

  protected inviteEmailError(): string | null {
    return controlError(
      this.inviteForm.controls.email,
      'Email',
      this.inviteSubmitted(),
    );
  }

  protected saveDetails(): void {
    this.detailsSubmitted.set(true);
    if (this.detailsForm.invalid) {
      this.detailsForm.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { name, description } = this.detailsForm.getRawValue();
    this.store
      .saveDetails({ name: name.trim(), description: description.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((project) => {
        this.detailsSubmitted.set(false);
        this.detailsForm.reset({
          name: project.name,
          description: project.description,
        });
        this.detailsSaved.set(true);
      });
  }

  protected invite(): void {
    this.inviteSubmitted.set(true);
    if (this.inviteForm.invalid) {
      this.inviteForm.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { email, role } = this.inviteForm.getRawValue();
    this.store
      .invite({ email: email.trim(), role })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.inviteSubmitted.set(false);
        this.inviteForm.reset();
      });
  }

  protected changeRole({ member, role }: MemberRoleChange): void {
    this.store
      .changeRole(member.userId, role)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe();
  }

  protected removeMember(member: MemberDto): void {
    this.confirmation
      .ask({
        title: `Remove ${member.displayName}?`,
        message: `${member.displayName} (${member.email}) will lose access to this project. You can invite them again later.`,
        confirmLabel: 'Remove member',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.removeMember(member.userId)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  protected revokeInvitation(invitation: InvitationDto): void {
    this.confirmation
      .ask({
        title: 'Revoke this invitation?',
        message: `The link sent to ${invitation.email} stops working at once.`,
        confirmLabel: 'Revoke invitation',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.revokeInvitation(invitation.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  protected leave(): void {
    const project = this.store.project();
    const userId = this.currentUserId();
    if (!project || !userId) {
      return;
    }
    this.confirmation
      .ask({
        title: `Leave “${project.name}”?`,
        message:
          'You lose access to this project until a facilitator invites you again.',
        confirmLabel: 'Leave project',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.leave(userId)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.backToProjects(`You left “${project.name}”.`));
  }

  protected deleteProject(): void {
    const project = this.store.project();
    if (!project) {
      return;
    }
    this.confirmation
      .ask({
        title: `Delete “${project.name}”?`,
        message:
          'The project and its whole model are deleted for every member. This cannot be undone.',
        confirmLabel: 'Delete project',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.deleteProject()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() =>
        this.backToProjects(`Project “${project.name}” deleted.`),
      );
  }

  private backToProjects(notice: string): void {
    const state: ProjectListNotice = { notice };
    void this.router.navigate(['/projects'], { state });
  }

  private showServerErrors(
    form: FormGroup,
    problem: () => { fieldErrors: Record<string, string> } | null,
  ): void {
    effect(() => {
      const current = problem();
      if (current) {
        applyServerFieldErrors(form, current.fieldErrors);
      }
    });
  }
}

import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '@orca/web/data-access-auth';
import { InvitationStore } from '@orca/web/data-access-projects';
import { Alert, LoadingIndicator, RoleBadge } from '@orca/web/ui';
import { switchMap } from 'rxjs';
import type { ProjectListNotice } from '../project-list/project-list-page';

interface Unavailable {
  heading: string;
  message: string;
}

/** The page behind an invitation link: what the invitation offers, and accepting it. */
@Component({
  selector: 'orca-invitation-page',
  imports: [RouterLink, DatePipe, Alert, LoadingIndicator, RoleBadge],
  providers: [InvitationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitation-page.html',
  styles: `
    :host {
      display: block;
      max-width: 34rem;
      margin: var(--orca-space-6) auto;
    }
    .offer {
      font-size: 1.0625rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--orca-space-3);
      margin-top: var(--orca-space-4);
    }
  `,
})
export class InvitationPage {
  /** Route parameter: the secret token of the accept link. */
  readonly token = input.required<string>();

  protected readonly store = inject(InvitationStore);
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly returnUrl = computed(
    () => `/invitations/${encodeURIComponent(this.token())}`,
  );
  /** Signed in with another address than the one invited: worth a word before accepting. */
  protected readonly otherAccount = computed(() => {
    const user = this.auth.user();
    const preview = this.store.preview();
    return (
      user !== null &&
      preview !== null &&
      user.email.toLowerCase() !== preview.email.toLowerCase()
    );
  });
  protected readonly unavailable = computed<Unavailable | null>(() => {
    const problem = this.store.problem();
    const status = this.store.preview()?.status;
    if (problem?.code === 'invitation_expired' || status === 'expired') {
      return {
        heading: 'This invitation has expired',
        message: 'Ask the project’s facilitator to send you a new one.',
      };
    }
    if (problem?.code === 'invitation_used' || status === 'accepted') {
      return {
        heading: 'This invitation has already been used',
        message:
          'If you accepted it, the project is in your list. Otherwise ask the facilitator for a new invitation.',
      };
    }
    if (status === 'revoked') {
      return {
        heading: 'This invitation was withdrawn',
        message: 'Ask the project’s facilitator if you should still join.',
      };
    }
    if (problem?.status === 404) {
      return {
        heading: 'This invitation link is not valid',
        message:
          'Check that you copied the whole link, or ask the facilitator to send it again.',
      };
    }
    if (problem) {
      return {
        heading: 'The invitation could not be opened',
        message: problem.message,
      };
    }
    return null;
  });

  constructor() {
    toObservable(this.token)
      .pipe(
        switchMap((token) => this.store.load(token)),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected accept(): void {
    this.store
      .accept()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((project) => {
        const state: ProjectListNotice = {
          notice: `You joined “${project.name}” as ${project.role}.`,
        };
        void this.router.navigate(['/projects'], { state });
      });
  }
}

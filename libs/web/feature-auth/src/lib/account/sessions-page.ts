import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { SessionDto } from '@orca/shared/contracts';
import { SessionsStore } from '@orca/web/data-access-auth';
import { Alert, Confirmation, LoadingIndicator } from '@orca/web/ui';
import { filter, switchMap } from 'rxjs';

/** `/account/sessions`: every browser signed in to the account, and the ways to sign them out. */
@Component({
  selector: 'orca-sessions-page',
  imports: [DatePipe, Alert, LoadingIndicator],
  providers: [SessionsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sessions-page.html',
  styleUrl: './sessions-page.css',
})
export class SessionsPage implements OnInit {
  protected readonly store = inject(SessionsStore);
  /** "Dec 3, 9:49 AM": sessions last weeks, not years (the full date is in the tooltip). */
  protected readonly dateFormat = 'MMM d, h:mm a';
  private readonly confirmation = inject(Confirmation);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly listHeading =
    viewChild<ElementRef<HTMLElement>>('listHeading');

  ngOnInit(): void {
    this.store.load().pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
  }

  protected end(session: SessionDto): void {
    this.store
      .end(session)
      .pipe(takeUntilDestroyed(this.destroyRef))
      // The row with the focused button is gone: keep keyboard users in the list.
      .subscribe({ complete: () => this.listHeading()?.nativeElement.focus() });
  }

  protected endOthers(): void {
    this.store
      .endOthers()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe();
  }

  protected signOutEverywhere(): void {
    this.confirmation
      .ask({
        title: 'Sign out everywhere?',
        message:
          'Every browser signed in to your account is signed out, this one included. You will need your password to sign in again.',
        confirmLabel: 'Sign out everywhere',
      })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.signOutEverywhere()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => void this.router.navigateByUrl('/sign-in'));
  }
}

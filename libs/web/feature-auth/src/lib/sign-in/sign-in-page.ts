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
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthStore, safeReturnUrl } from '@orca/web/data-access-auth';
import {
  Alert,
  FormField,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  unmatchedFieldMessages,
} from '@orca/web/ui';

@Component({
  selector: 'orca-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, FormField, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.html',
  styleUrl: '../auth-page.css',
})
export class SignInPage {
  /** Where to go once signed in (query parameter). */
  readonly returnUrl = input<string>();

  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly submitted = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly otherProblems = computed(() =>
    unmatchedFieldMessages(this.form, this.auth.problem()?.fieldErrors),
  );

  constructor() {
    this.auth.clearProblem();
    effect(() => {
      const problem = this.auth.problem();
      if (problem) {
        applyServerFieldErrors(this.form, problem.fieldErrors);
      }
    });
  }

  protected errorFor(
    field: 'email' | 'password',
    label: string,
  ): string | null {
    return controlError(this.form.controls[field], label, this.submitted());
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    this.auth
      .signIn(this.form.getRawValue())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      });
  }
}

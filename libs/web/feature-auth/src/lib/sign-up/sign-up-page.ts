import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
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
import { PASSWORD_MIN_LENGTH } from '@orca/shared/domain';
import { AuthStore, safeReturnUrl } from '@orca/web/data-access-auth';
import {
  Alert,
  FormField,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  orcaValidators,
  unmatchedFieldMessages,
} from '@orca/web/ui';

export const DISPLAY_NAME_MAX_LENGTH = 80;

type SignUpField = 'email' | 'displayName' | 'password';

@Component({
  selector: 'orca-sign-up-page',
  imports: [ReactiveFormsModule, RouterLink, FormField, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-up-page.html',
  styleUrl: '../auth-page.css',
})
export class SignUpPage implements OnInit {
  /** Where to go once the account exists (query parameter). */
  readonly returnUrl = input<string>();
  /** Pre-fills the email, e.g. from an invitation (query parameter). */
  readonly email = input<string>();

  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly passwordRule = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password and not your email address. A short sentence works well.`;
  protected readonly labels: Record<SignUpField, string> = {
    email: 'Email',
    displayName: 'Your name',
    password: 'Password',
  };
  protected readonly submitted = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: [
      '',
      [orcaValidators.notBlank, Validators.maxLength(DISPLAY_NAME_MAX_LENGTH)],
    ],
    password: ['', orcaValidators.passwordPolicy('email')],
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
    // The password may not contain the email, so a new email re-checks the password.
    this.form.controls.email.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() =>
        this.form.controls.password.updateValueAndValidity({
          emitEvent: false,
        }),
      );
  }

  ngOnInit(): void {
    const email = this.email();
    if (email) {
      this.form.controls.email.setValue(email);
    }
  }

  protected errorFor(field: SignUpField): string | null {
    return controlError(
      this.form.controls[field],
      this.labels[field],
      this.submitted(),
    );
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { email, displayName, password } = this.form.getRawValue();
    this.auth
      .signUp({
        email: email.trim(),
        displayName: displayName.trim(),
        password,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      });
  }
}

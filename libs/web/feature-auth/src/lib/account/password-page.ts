import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  describePasswordProblem,
} from '@orca/shared/domain';
import { AccountStore, AuthStore } from '@orca/web/data-access-auth';
import {
  Alert,
  FormField,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  unmatchedFieldMessages,
} from '@orca/web/ui';

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

/** `/account/password`: a new password, after the current one; every other session is signed out. */
@Component({
  selector: 'orca-password-page',
  imports: [ReactiveFormsModule, RouterLink, Alert, FormField],
  providers: [AccountStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-page.html',
  styleUrl: './account-page.css',
})
export class PasswordPage {
  protected readonly store = inject(AccountStore);
  protected readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly passwordRule = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not your email address and not your current password. A short sentence works well.`;
  protected readonly labels: Record<PasswordField, string> = {
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
  };
  protected readonly submitted = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: [
      '',
      [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    newPassword: [
      '',
      (control: AbstractControl<string>): ValidationErrors | null =>
        this.newPasswordProblem(control.value),
    ],
    confirmPassword: [
      '',
      (control: AbstractControl<string>): ValidationErrors | null => {
        if (control.value === '') return { required: true };
        return control.value === this.form?.controls.newPassword.value
          ? null
          : { mismatch: true };
      },
    ],
  });
  protected readonly otherProblems = computed(() =>
    unmatchedFieldMessages(
      this.form,
      this.store.passwordProblem()?.fieldErrors,
    ),
  );

  constructor() {
    effect(() => {
      const problem = this.store.passwordProblem();
      if (!problem) return;
      applyServerFieldErrors(this.form, problem.fieldErrors);
      afterNextRender(() => focusFirstInvalidControl(this.host.nativeElement), {
        injector: this.injector,
      });
    });
    // Each field's rule reads the others: re-check them when one changes.
    for (const [changed, dependent] of [
      ['currentPassword', 'newPassword'],
      ['newPassword', 'confirmPassword'],
    ] as const) {
      this.form.controls[changed].valueChanges
        .pipe(takeUntilDestroyed())
        .subscribe(() =>
          this.form.controls[dependent].updateValueAndValidity({
            emitEvent: false,
          }),
        );
    }
    this.form.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.store.clearPasswordChanged());
  }

  protected errorFor(field: PasswordField): string | null {
    const control = this.form.controls[field];
    if (
      field === 'confirmPassword' &&
      control.hasError('mismatch') &&
      (this.submitted() || control.touched)
    )
      return 'The two new passwords are not the same.';
    return controlError(control, this.labels[field], this.submitted());
  }

  protected signedOutSentence(signedOut: number): string {
    if (signedOut === 0) return 'You were not signed in anywhere else.';
    return signedOut === 1
      ? 'Your 1 other session was signed out.'
      : `Your ${signedOut} other sessions were signed out.`;
  }

  protected change(): void {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.store
      .changePassword({ currentPassword, newPassword })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.submitted.set(false);
        this.form.reset(undefined, { emitEvent: false });
      });
  }

  private newPasswordProblem(password: string): ValidationErrors | null {
    if (password === '') return { required: true };
    const problem =
      password === this.form?.controls.currentPassword.value
        ? 'Choose a password different from your current one.'
        : describePasswordProblem(password, { email: this.auth.user()?.email });
    return problem ? { passwordPolicy: problem } : null;
  }
}

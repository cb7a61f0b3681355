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
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import type { UpdateProfileRequest } from '@orca/shared/contracts';
import { AccountStore, AuthStore } from '@orca/web/data-access-auth';
import {
  Alert,
  FormField,
  applyServerFieldErrors,
  controlError,
  focusFirstInvalidControl,
  orcaValidators,
  unmatchedFieldMessages,
} from '@orca/web/ui';
import { DISPLAY_NAME_MAX_LENGTH } from '../sign-up/sign-up-page';

export const EMAIL_MAX_LENGTH = 320;

type ProfileField = 'displayName' | 'email' | 'currentPassword';

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `/account/profile`: the name others see and the email the person signs in with. */
@Component({
  selector: 'orca-profile-page',
  imports: [ReactiveFormsModule, Alert, FormField],
  providers: [AccountStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-page.html',
  styleUrl: './account-page.css',
})
export class ProfilePage {
  protected readonly store = inject(AccountStore);
  protected readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly labels: Record<ProfileField, string> = {
    displayName: 'Your name',
    email: 'Email',
    currentPassword: 'Current password',
  };
  protected readonly submitted = signal(false);
  /** The email field's value (programmatic resets set it without a valueChanges event). */
  private readonly typedEmail = signal('');
  /** The person is typing an email other than the one they sign in with. */
  protected readonly emailChanges = computed(() => {
    const saved = this.auth.user()?.email;
    const typed = normaliseEmail(this.typedEmail());
    return saved !== undefined && typed !== '' && typed !== saved;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [
      '',
      [orcaValidators.notBlank, Validators.maxLength(DISPLAY_NAME_MAX_LENGTH)],
    ],
    email: [
      '',
      [
        Validators.required,
        Validators.email,
        Validators.maxLength(EMAIL_MAX_LENGTH),
      ],
    ],
    // Needed only for a new email (validated below, against the email the account has).
    currentPassword: [
      '',
      (control: AbstractControl<string>): ValidationErrors | null =>
        this.emailChanges() && control.value === '' ? { required: true } : null,
    ],
  });
  /** The last save moved the account to a new email: say which one to sign in with. */
  protected readonly savedNewEmail = signal(false);
  protected readonly otherProblems = computed(() =>
    unmatchedFieldMessages(this.form, this.store.profileProblem()?.fieldErrors),
  );

  constructor() {
    // Show the saved profile, unless the person is in the middle of editing it.
    effect(() => {
      const user = this.auth.user();
      untracked(() => {
        if (user && this.form.pristine) this.showSaved(user);
      });
    });
    effect(() => {
      const problem = this.store.profileProblem();
      if (!problem) return;
      applyServerFieldErrors(this.form, problem.fieldErrors);
      // The field that needs fixing gets the focus, once it shows its error.
      afterNextRender(() => focusFirstInvalidControl(this.host.nativeElement), {
        injector: this.injector,
      });
    });
    this.form.controls.email.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((email) => {
        this.typedEmail.set(email);
        this.form.controls.currentPassword.updateValueAndValidity({
          emitEvent: false,
        });
      });
    // Programmatic resets emit nothing, so only the person's own edits hide "saved".
    this.form.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.store.clearProfileSaved());
  }

  protected errorFor(field: ProfileField): string | null {
    if (
      field === 'currentPassword' &&
      this.form.controls.currentPassword.hasError('required') &&
      (this.submitted() || this.form.controls.currentPassword.touched)
    )
      return 'Enter your current password to change your email.';
    return controlError(
      this.form.controls[field],
      this.labels[field],
      this.submitted(),
    );
  }

  protected save(): void {
    this.submitted.set(true);
    const user = this.auth.user();
    if (this.form.invalid || !user) {
      this.form.markAllAsTouched();
      focusFirstInvalidControl(this.host.nativeElement);
      return;
    }
    const { displayName, email, currentPassword } = this.form.getRawValue();
    const request: UpdateProfileRequest = {};
    if (displayName.trim() !== user.displayName)
      request.displayName = displayName.trim();
    if (this.emailChanges()) {
      request.email = normaliseEmail(email);
      request.currentPassword = currentPassword;
    }
    this.store
      .saveProfile(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((saved) => {
        this.submitted.set(false);
        this.savedNewEmail.set(request.email !== undefined);
        this.showSaved(saved);
      });
  }

  private showSaved(user: { displayName: string; email: string }): void {
    this.form.reset(
      {
        displayName: user.displayName,
        email: user.email,
        currentPassword: '',
      },
      { emitEvent: false },
    );
    this.typedEmail.set(user.email);
  }
}

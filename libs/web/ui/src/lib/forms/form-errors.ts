import { untracked } from '@angular/core';
import type {
  AbstractControl,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { describePasswordProblem } from '@orca/shared/domain';

/** Validators that mirror the server's rules, so people hear about a problem before submitting. */
export const orcaValidators = {
  /** Required, and more than white space. */
  notBlank: ((control: AbstractControl<unknown>): ValidationErrors | null => {
    const value = control.value;
    return typeof value === 'string' && value.trim().length > 0
      ? null
      : { required: true };
  }) satisfies ValidatorFn,

  /** The shared password policy; reads the sibling `email` control to refuse passwords containing it. */
  passwordPolicy(emailControlName = 'email'): ValidatorFn {
    return (control: AbstractControl<unknown>): ValidationErrors | null => {
      const password = typeof control.value === 'string' ? control.value : '';
      if (password === '') {
        return { required: true };
      }
      const email = control.parent?.get(emailControlName)?.value;
      const problem = describePasswordProblem(password, {
        email: typeof email === 'string' ? email : undefined,
      });
      return problem ? { passwordPolicy: problem } : null;
    };
  },
};

/** The sentence a person reads under a field for the first of its validation errors. */
export function validationMessage(
  errors: ValidationErrors | null,
  label: string,
): string | null {
  if (!errors) {
    return null;
  }
  if (typeof errors['server'] === 'string') {
    return errors['server'];
  }
  if (typeof errors['passwordPolicy'] === 'string') {
    return errors['passwordPolicy'];
  }
  if (errors['required']) {
    return `${label} is required.`;
  }
  if (errors['email']) {
    return 'Enter an email address such as name@example.com.';
  }
  const maxlength = errors['maxlength'] as
    | { requiredLength: number }
    | undefined;
  if (maxlength) {
    return `${label} must be at most ${maxlength.requiredLength} characters.`;
  }
  const minlength = errors['minlength'] as
    | { requiredLength: number }
    | undefined;
  if (minlength) {
    return `${label} must be at least ${minlength.requiredLength} characters.`;
  }
  const max = errors['max'] as { max: number } | undefined;
  if (max) {
    return `${label} must be at most ${max.max}.`;
  }
  const min = errors['min'] as { min: number } | undefined;
  if (min) {
    return `${label} must be at least ${min.min}.`;
  }
  return `${label} is not valid.`;
}

/**
 * The error to show under a control: once the person has left the field or tried to submit;
 * a server error at once.
 */
export function controlError(
  control: AbstractControl | null,
  label: string,
  submitted: boolean,
): string | null {
  if (!control || control.valid || control.pending) {
    return null;
  }
  if (control.touched || submitted || control.hasError('server')) {
    return validationMessage(control.errors, label);
  }
  return null;
}

/**
 * Puts the server's field errors on the matching controls; each disappears as soon as its value
 * is edited, because editing re-runs the control's own validators.
 */
export function applyServerFieldErrors(
  form: FormGroup,
  fieldErrors: Readonly<Record<string, string>>,
): void {
  // Safe inside an effect: the controls' own state must not become its dependencies.
  untracked(() => {
    for (const [field, message] of Object.entries(fieldErrors)) {
      const control = form.get(field);
      if (control) {
        control.setErrors({ ...(control.errors ?? {}), server: message });
        control.markAsTouched();
      }
    }
  });
}

/** The server's field errors that belong to no control of `form`: shown with the form's message. */
export function unmatchedFieldMessages(
  form: FormGroup,
  fieldErrors: Readonly<Record<string, string>> | undefined,
): string[] {
  return Object.entries(fieldErrors ?? {})
    .filter(([field]) => !form.get(field))
    .map(([, message]) => message);
}

/** Moves focus to the first invalid control inside `root`, so keyboard users land on the problem. */
export function focusFirstInvalidControl(root: HTMLElement): void {
  root
    .querySelector<HTMLElement>(
      'input.ng-invalid, select.ng-invalid, textarea.ng-invalid',
    )
    ?.focus();
}

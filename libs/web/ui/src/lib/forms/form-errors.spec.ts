import { FormControl, FormGroup, Validators } from '@angular/forms';
import {
  applyServerFieldErrors,
  controlError,
  orcaValidators,
  unmatchedFieldMessages,
  validationMessage,
} from './form-errors';

describe('form errors', () => {
  function signUpForm() {
    return new FormGroup({
      email: new FormControl('', { nonNullable: true }),
      password: new FormControl('', {
        nonNullable: true,
        validators: orcaValidators.passwordPolicy('email'),
      }),
    });
  }

  it('explains the password policy, including not containing the email', () => {
    const form = signUpForm();

    form.controls.password.setValue('short');
    expect(validationMessage(form.controls.password.errors, 'Password')).toBe(
      'Password must be at least 10 characters long.',
    );

    form.controls.email.setValue('margaret@example.com');
    form.controls.password.setValue('margaret-the-modeller');
    expect(validationMessage(form.controls.password.errors, 'Password')).toBe(
      'Password must not contain your email address.',
    );

    form.controls.password.setValue('nested objects first, always');
    expect(form.controls.password.valid).toBe(true);
  });

  it('refuses names made of white space only', () => {
    const name = new FormControl('   ', orcaValidators.notBlank);
    expect(validationMessage(name.errors, 'Name')).toBe('Name is required.');
  });

  it('names the limit when a value is too long', () => {
    const name = new FormControl('x'.repeat(121), Validators.maxLength(120));
    expect(validationMessage(name.errors, 'Name')).toBe(
      'Name must be at most 120 characters.',
    );
  });

  it('waits until the field was visited or the form submitted before complaining', () => {
    const email = new FormControl('', Validators.required);

    expect(controlError(email, 'Email', false)).toBeNull();
    expect(controlError(email, 'Email', true)).toBe('Email is required.');
    email.markAsTouched();
    expect(controlError(email, 'Email', false)).toBe('Email is required.');
  });

  it('shows a server error on its field until the value is edited', () => {
    const form = signUpForm();
    form.controls.email.setValue('taken@example.com');

    applyServerFieldErrors(form, {
      email: 'An account already uses this email address.',
      captcha: 'Solve the puzzle.',
    });

    expect(controlError(form.controls.email, 'Email', false)).toBe(
      'An account already uses this email address.',
    );
    expect(
      unmatchedFieldMessages(form, {
        email: 'An account already uses this email address.',
        captcha: 'Solve the puzzle.',
      }),
    ).toEqual(['Solve the puzzle.']);

    form.controls.email.setValue('free@example.com');
    expect(controlError(form.controls.email, 'Email', false)).toBeNull();
  });
});

import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormField } from './form-field';

@Component({
  imports: [FormField],
  template: `
    <orca-form-field
      label="Email"
      fieldId="email"
      hint="We never share it."
      [error]="error()"
    >
      <input id="email" />
    </orca-form-field>
  `,
})
class HostForm {
  readonly error = signal<string | null>(null);
}

describe('FormField', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostForm);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const control = element.querySelector('input') as HTMLInputElement;
    return { fixture, element, control };
  }

  it('labels the projected control and describes it with the hint', async () => {
    const { element, control } = await render();

    expect(element.querySelector('label')?.getAttribute('for')).toBe('email');
    expect(element.querySelector('label')?.textContent).toContain('Email');
    expect(control.getAttribute('aria-describedby')).toBe('email-hint');
    expect(control.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows the error and marks the control invalid for assistive technology', async () => {
    const { fixture, element, control } = await render();

    fixture.componentInstance.error.set('Email is required.');
    await fixture.whenStable();

    expect(element.querySelector('#email-error')?.textContent?.trim()).toBe(
      'Email is required.',
    );
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(control.getAttribute('aria-describedby')).toBe(
      'email-hint email-error',
    );
  });
});

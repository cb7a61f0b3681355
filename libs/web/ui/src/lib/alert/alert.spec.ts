import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Alert, AlertTone } from './alert';

@Component({
  imports: [Alert],
  template: `
    @if (shown()) {
      <orca-alert
        [tone]="tone()"
        heading="Heads up"
        [dismissible]="true"
        (dismissed)="shown.set(false)"
      >
        The project was saved.
      </orca-alert>
    }
  `,
})
class HostPage {
  readonly shown = signal(true);
  readonly tone = signal<AlertTone>('success');
}

describe('Alert', () => {
  it('announces errors at once and other messages politely', async () => {
    const fixture = TestBed.createComponent(HostPage);
    await fixture.whenStable();
    const alert = () =>
      (fixture.nativeElement as HTMLElement).querySelector('orca-alert');

    expect(alert()?.getAttribute('role')).toBe('status');
    expect(alert()?.textContent).toContain('The project was saved.');

    fixture.componentInstance.tone.set('error');
    await fixture.whenStable();
    expect(alert()?.getAttribute('role')).toBe('alert');
  });

  it('can be dismissed with a labelled button', async () => {
    const fixture = TestBed.createComponent(HostPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    const dismiss = element.querySelector<HTMLButtonElement>(
      'button[aria-label="Dismiss message"]',
    );
    dismiss?.click();
    await fixture.whenStable();

    expect(element.querySelector('orca-alert')).toBeNull();
  });
});

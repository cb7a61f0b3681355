import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Confirmation } from './confirm-dialog';

describe('Confirmation', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function ask(): Promise<{ answers: boolean[] }> {
    const answers: boolean[] = [];
    TestBed.inject(Confirmation)
      .ask({
        title: 'Delete “Shop”?',
        message: 'This cannot be undone.',
        confirmLabel: 'Delete project',
      })
      .subscribe((answer) => answers.push(answer));
    await TestBed.inject(ApplicationRef).whenStable();
    return { answers };
  }

  it('shows the question as an alert dialog and answers true on confirm', async () => {
    const { answers } = await ask();

    const dialog = document.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Delete “Shop”?');
    expect(dialog?.textContent).toContain('This cannot be undone.');

    document
      .querySelector<HTMLButtonElement>(
        '[data-testid="confirm-dialog-confirm"]',
      )
      ?.click();

    expect(answers).toEqual([true]);
  });

  it('answers false when cancelled', async () => {
    const { answers } = await ask();

    document
      .querySelector<HTMLButtonElement>('[data-testid="confirm-dialog-cancel"]')
      ?.click();

    expect(answers).toEqual([false]);
  });
});

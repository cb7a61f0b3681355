import {
  ChangeDetectionStrategy,
  Component,
  Injectable,
  inject,
} from '@angular/core';
import { DIALOG_DATA, Dialog, DialogRef } from '@angular/cdk/dialog';
import { Observable, map } from 'rxjs';

export interface ConfirmationRequest {
  title: string;
  message: string;
  /** The verb on the confirming button, e.g. "Delete project". */
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for actions that cannot be undone. */
  tone?: 'danger' | 'neutral';
}

/** The modal asking "are you sure?"; opened through `Confirmation`. */
@Component({
  selector: 'orca-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="orca-confirm-title">{{ request.title }}</h2>
    <p id="orca-confirm-message">{{ request.message }}</p>
    <div class="form-actions">
      <button
        type="button"
        class="btn"
        data-testid="confirm-dialog-cancel"
        (click)="dialogRef.close(false)"
      >
        {{ request.cancelLabel ?? 'Cancel' }}
      </button>
      <button
        type="button"
        class="btn"
        [class.btn-danger]="request.tone !== 'neutral'"
        [class.btn-primary]="request.tone === 'neutral'"
        data-testid="confirm-dialog-confirm"
        (click)="dialogRef.close(true)"
      >
        {{ request.confirmLabel }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
      padding: var(--orca-space-5);
      background: var(--orca-surface);
      border-radius: var(--orca-radius-lg);
      box-shadow: var(--orca-shadow-raised);
    }
    .form-actions {
      justify-content: flex-end;
    }
  `,
})
export class ConfirmDialog {
  protected readonly request = inject<ConfirmationRequest>(DIALOG_DATA);
  protected readonly dialogRef = inject<DialogRef<boolean>>(DialogRef);
}

/** Asks the person to confirm an action; emits true only when they do. */
@Injectable({ providedIn: 'root' })
export class Confirmation {
  private readonly dialog = inject(Dialog);

  ask(request: ConfirmationRequest): Observable<boolean> {
    const ref = this.dialog.open<boolean, ConfirmationRequest>(ConfirmDialog, {
      data: request,
      role: 'alertdialog',
      ariaLabelledBy: 'orca-confirm-title',
      ariaDescribedBy: 'orca-confirm-message',
      panelClass: 'orca-dialog-panel',
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
    return ref.closed.pipe(map((answer) => answer === true));
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
  signal,
} from '@angular/core';
import { sameName } from '@orca/shared/domain';

/**
 * A short list of words or phrases (synonyms, examples, open questions): each shown with a remove
 * button, a new one added by typing it and pressing Enter. Emits the whole new list.
 */
@Component({
  selector: 'orca-string-list-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (items().length > 0) {
      <ul class="items" [class.chips]="layout() === 'chips'">
        @for (item of items(); track $index) {
          <li>
            <span class="text">{{ item }}</span>
            @if (!disabled()) {
              <button
                type="button"
                class="btn btn-quiet btn-small remove"
                [attr.aria-label]="'Remove ' + item"
                (click)="remove($index)"
              >
                ✕
              </button>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="muted empty">{{ emptyText() }}</p>
    }
    @if (!disabled()) {
      <div class="add">
        <input
          #entry
          class="input"
          type="text"
          [id]="fieldId()"
          [attr.aria-label]="addLabel()"
          [attr.placeholder]="addLabel() + ' and press Enter'"
          [attr.aria-invalid]="problem() ? 'true' : null"
          [attr.aria-describedby]="problem() ? fieldId() + '-problem' : null"
          (keydown.enter)="$event.preventDefault(); add(entry)"
          (input)="problem.set(null)"
        />
        @if (problem(); as message) {
          <p class="problem" [id]="fieldId() + '-problem'">{{ message }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .items {
      display: grid;
      gap: var(--orca-space-1);
      margin: 0 0 var(--orca-space-2);
      padding: 0;
      list-style: none;
    }
    .items.chips {
      display: flex;
      flex-wrap: wrap;
    }
    li {
      display: flex;
      align-items: center;
      gap: var(--orca-space-1);
      padding: 0 0 0 var(--orca-space-3);
      border: 1px solid var(--orca-border);
      border-radius: var(--orca-radius);
      background: var(--orca-surface);
      min-height: 2rem;
    }
    .chips li {
      border-radius: 999px;
    }
    .text {
      flex: 1;
      overflow-wrap: anywhere;
    }
    .remove {
      min-height: 1.75rem;
      color: var(--orca-text-muted);
    }
    .empty {
      margin-bottom: var(--orca-space-2);
    }
    .problem {
      margin: var(--orca-space-1) 0 0;
      color: var(--orca-danger);
      font-size: 0.875rem;
    }
  `,
})
export class StringListEditor {
  readonly items = input.required<readonly string[]>();
  readonly fieldId = input.required<string>();
  /** "Add a synonym". */
  readonly addLabel = input.required<string>();
  readonly emptyText = input('None yet.');
  readonly disabled = input(false);
  /** Refuse an entry already in the list (names and synonyms). */
  readonly unique = input(true);
  readonly layout = input<'chips' | 'lines'>('chips');
  readonly changed = output<string[]>();

  protected readonly problem = signal<string | null>(null);

  protected add(entry: HTMLInputElement): void {
    const value = entry.value.trim();
    if (!value) return;
    if (this.unique() && this.items().some((item) => sameName(item, value))) {
      this.problem.set(`“${value}” is already in the list.`);
      return;
    }
    this.changed.emit([...this.items(), value]);
    entry.value = '';
  }

  protected remove(index: number): void {
    this.changed.emit(this.items().filter((_, i) => i !== index));
  }
}

import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { PresenceFocus } from '@orca/shared/contracts';
import {
  newRole,
  orderKeyAtEnd,
  orderKeyForIndex,
  rolesInOrder,
  validateChange,
  type Change,
  type Id,
  type ProjectModel,
  type Role,
} from '@orca/shared/domain';
import { newId } from '../shared/ids';
import type { PresenceIndex } from '../shared/presence-index';
import { itemKey } from '../shared/presence-index';
import { refocusMoveButton } from '../shared/move-focus';
import { PresenceMarksComponent } from '../shared/presence-marks';

let nextListId = 0;

/** The roles the starter set adds (the server's bulk endpoint), in order. */
const STARTER_ROLE_NAMES: readonly string[] = ['Visitor', 'Member', 'Admin'];

/**
 * The project's roles, in order, beside the CTA Matrix: add, rename, reorder, archive or delete.
 * A role that CTAs use can only be archived (the domain refuses deleting it).
 */
@Component({
  selector: 'orca-role-list',
  imports: [PresenceMarksComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(focusin)': 'onFocusIn($event)' },
  template: `
    <h3 [id]="uid + '-title'">Roles</h3>
    @if (roles().length === 0) {
      <p class="muted small">
        No roles yet. Who uses the system? Add the roles one by one, or start
        with a typical set.
      </p>
    }
    <ol class="roles" [attr.aria-labelledby]="uid + '-title'">
      @for (role of roles(); track role.id; let i = $index, last = $last) {
        <li [class.archived]="role.archived" [attr.data-role-id]="role.id">
          <input
            class="input"
            [attr.data-role-name]="role.id"
            [attr.aria-label]="'Name of role ' + (i + 1)"
            [value]="role.name"
            [disabled]="readonly()"
            [attr.aria-invalid]="problems().get(role.id) ? true : null"
            (change)="rename(role, $event)"
            (keydown.enter)="rename(role, $event)"
          />
          <orca-presence-marks [marks]="marksOf(role.id)" />
          <span class="uses muted">{{ usesLabel(role.id) }}</span>
          @if (role.archived) {
            <span class="tag">archived</span>
          }
          @if (!readonly()) {
            <span class="buttons">
              <button
                type="button"
                class="btn btn-quiet btn-small"
                data-move="up"
                [attr.aria-label]="'Move ' + role.name + ' up'"
                [disabled]="i === 0"
                (click)="move(role, i, -1)"
              >
                ↑
              </button>
              <button
                type="button"
                class="btn btn-quiet btn-small"
                data-move="down"
                [attr.aria-label]="'Move ' + role.name + ' down'"
                [disabled]="last"
                (click)="move(role, i, 1)"
              >
                ↓
              </button>
              @if (role.archived) {
                <button
                  type="button"
                  class="btn btn-quiet btn-small"
                  data-testid="role-restore"
                  (click)="setArchived(role, false)"
                >
                  Restore
                </button>
              } @else if ((uses().get(role.id) ?? 0) > 0) {
                <button
                  type="button"
                  class="btn btn-quiet btn-small"
                  data-testid="role-archive"
                  [attr.aria-label]="'Archive ' + role.name"
                  (click)="setArchived(role, true)"
                >
                  Archive
                </button>
              } @else {
                <button
                  type="button"
                  class="btn btn-quiet danger btn-small"
                  data-testid="role-delete"
                  [attr.aria-label]="'Delete ' + role.name"
                  (click)="remove(role)"
                >
                  Delete
                </button>
              }
            </span>
          }
          @if (problems().get(role.id); as p) {
            <p class="problem" role="alert">{{ p }}</p>
          }
        </li>
      }
    </ol>
    @if (!readonly()) {
      <label class="add-label" [for]="uid + '-add'">Add a role</label>
      <input
        class="input"
        data-testid="role-add"
        placeholder="Learner, Instructor… then Enter"
        [id]="uid + '-add'"
        [attr.aria-invalid]="addProblem() ? true : null"
        (keydown.enter)="add($event)"
      />
      @if (addProblem(); as p) {
        <p class="problem" role="alert">{{ p }}</p>
      }
      @if (!hasStarterSet()) {
        <button
          type="button"
          class="btn btn-small starter"
          [class.btn-primary]="roles().length === 0"
          data-testid="role-starter-set"
          (click)="starterSet.emit()"
        >
          Add starter roles ({{ starterNames.join(', ') }})
        </button>
      }
    }
  `,
  styleUrl: './role-list.css',
})
export class RoleListComponent {
  readonly model = input.required<ProjectModel>();
  readonly readonly = input(false);
  readonly presence = input<PresenceIndex | null>(null);

  readonly edit = output<Change>();
  readonly starterSet = output<void>();
  readonly focusChange = output<PresenceFocus>();

  protected readonly uid = `orca-roles-${nextListId++}`;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly roles = computed(() => rolesInOrder(this.model()));
  /** How many CTAs each role has. */
  protected readonly uses = computed(() => {
    const counts = new Map<Id, number>();
    for (const cta of Object.values(this.model().ctas)) {
      counts.set(cta.roleId, (counts.get(cta.roleId) ?? 0) + 1);
    }
    return counts;
  });
  protected readonly starterNames = STARTER_ROLE_NAMES;
  /** Once the project has every starter role, the button would add nothing: it goes. */
  protected readonly hasStarterSet = computed(() => {
    const names = new Set(this.roles().map((r) => r.name.toLowerCase()));
    return STARTER_ROLE_NAMES.every((n) => names.has(n.toLowerCase()));
  });
  protected readonly problems = signal<ReadonlyMap<Id, string>>(new Map());
  protected readonly addProblem = signal<string | null>(null);

  protected marksOf(roleId: Id) {
    return this.presence()?.marks(itemKey('role', roleId)) ?? null;
  }

  protected usesLabel(roleId: Id): string {
    const n = this.uses().get(roleId) ?? 0;
    return n === 1 ? '1 CTA' : `${n} CTAs`;
  }

  protected add(event: Event): void {
    const input = event.target as HTMLInputElement;
    const name = input.value.trim();
    if (name === '') return;
    const change: Change = {
      kind: 'role.create',
      role: newRole({
        id: newId(),
        name,
        orderKey: orderKeyAtEnd(this.roles()),
      }),
    };
    const problems = validateChange(this.model(), change);
    if (problems.length > 0) {
      this.addProblem.set(problems[0].message);
      return;
    }
    this.addProblem.set(null);
    input.value = '';
    this.edit.emit(change);
  }

  protected rename(role: Role, event: Event): void {
    const input = event.target as HTMLInputElement;
    const name = input.value.trim();
    if (name === role.name) {
      this.setProblem(role.id, null);
      return;
    }
    this.submit(role.id, { kind: 'role.update', id: role.id, patch: { name } });
  }

  /** One place up or down, keeping the focus on the button pressed. */
  protected move(role: Role, index: number, step: -1 | 1): void {
    this.submit(role.id, {
      kind: 'role.move',
      id: role.id,
      orderKey: orderKeyForIndex(this.roles(), index + step, role.id),
    });
    refocusMoveButton(
      this.host.nativeElement,
      `[data-role-id="${role.id}"]`,
      step < 0 ? 'up' : 'down',
      this.injector,
    );
  }

  protected setArchived(role: Role, archived: boolean): void {
    this.submit(role.id, {
      kind: 'role.update',
      id: role.id,
      patch: { archived },
    });
  }

  protected remove(role: Role): void {
    this.submit(role.id, { kind: 'role.delete', id: role.id });
  }

  protected onFocusIn(event: FocusEvent): void {
    const item = (event.target as HTMLElement).closest<HTMLElement>(
      '[data-role-id]',
    );
    const id = item?.dataset['roleId'];
    if (id) this.focusChange.emit({ kind: 'role', id });
  }

  private submit(roleId: Id, change: Change): void {
    const problems = validateChange(this.model(), change);
    if (problems.length > 0) {
      this.setProblem(roleId, problems[0].message);
      return;
    }
    this.setProblem(roleId, null);
    this.edit.emit(change);
  }

  private setProblem(roleId: Id, message: string | null): void {
    this.problems.update((current) => {
      const next = new Map(current);
      if (message === null) next.delete(roleId);
      else next.set(roleId, message);
      return next;
    });
  }
}

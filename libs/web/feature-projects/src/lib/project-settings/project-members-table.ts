import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import type { MemberDto } from '@orca/shared/contracts';
import {
  PROJECT_ROLES,
  type ProjectRole,
  isProjectRole,
} from '@orca/shared/domain';
import { RoleBadge } from '@orca/web/ui';

export interface MemberRoleChange {
  member: MemberDto;
  role: ProjectRole;
}

/** The people on a project; facilitators get a role picker and a remove button per person. */
@Component({
  selector: 'orca-project-members-table',
  imports: [DatePipe, RoleBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="data-table" data-testid="members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col" class="wide-only">Joined</th>
            @if (canManage()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (member of members(); track member.userId) {
            <tr
              data-testid="member-row"
              [attr.data-member-email]="member.email"
            >
              <td>
                {{ member.displayName }}
                @if (member.userId === currentUserId()) {
                  <span class="muted">(you)</span>
                }
              </td>
              <td>{{ member.email }}</td>
              <td>
                @if (canManage()) {
                  <label
                    class="visually-hidden"
                    [attr.for]="'member-role-' + member.userId"
                  >
                    Role of {{ member.displayName }}
                  </label>
                  <select
                    class="select role-select"
                    [id]="'member-role-' + member.userId"
                    [disabled]="busyMemberIds().includes(member.userId)"
                    data-testid="member-role-select"
                    (change)="chooseRole(member, $event)"
                  >
                    @for (role of roles; track role) {
                      <option [value]="role" [selected]="role === member.role">
                        {{ role }}
                      </option>
                    }
                  </select>
                } @else {
                  <orca-role-badge
                    [role]="member.role"
                    data-testid="member-role"
                  />
                }
              </td>
              <td class="wide-only">
                {{ member.joinedAt | date: 'mediumDate' }}
              </td>
              @if (canManage()) {
                <td class="actions">
                  @if (member.userId !== currentUserId()) {
                    <button
                      type="button"
                      class="btn btn-quiet btn-small danger"
                      [attr.aria-label]="
                        'Remove ' + member.displayName + ' from the project'
                      "
                      [disabled]="busyMemberIds().includes(member.userId)"
                      data-testid="remove-member"
                      (click)="remove.emit(member)"
                    >
                      Remove
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .role-select {
      width: auto;
      min-height: 2rem;
      padding-block: 0.125rem;
      text-transform: capitalize;
    }
  `,
})
export class ProjectMembersTable {
  readonly members = input.required<readonly MemberDto[]>();
  /** True for facilitators: shows the role pickers and remove buttons. */
  readonly canManage = input(false);
  readonly currentUserId = input<string | null>(null);
  readonly busyMemberIds = input<readonly string[]>([]);

  readonly roleChange = output<MemberRoleChange>();
  readonly remove = output<MemberDto>();

  protected readonly roles = PROJECT_ROLES;

  protected chooseRole(member: MemberDto, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = select.value;
    // The picker shows the server's answer, not the wish: it moves when the change is saved.
    select.value = member.role;
    if (isProjectRole(role) && role !== member.role) {
      this.roleChange.emit({ member, role });
    }
  }
}

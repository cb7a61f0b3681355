import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type Signal,
  inject,
  input,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivityStore, WorkspaceStore } from '@orca/web/data-access-workspace';
import { Alert, EmptyState, LoadingIndicator } from '@orca/web/ui';
import {
  EMPTY,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  filter,
  switchMap,
  tap,
} from 'rxjs';
import { relativeTime } from './relative-time';

/**
 * Who changed what, when: the change log as a feed, newest first. Shows the page's
 * `ActivityStore`; `followActivity` keeps that store loaded.
 */
@Component({
  selector: 'orca-activity-list',
  imports: [DatePipe, Alert, EmptyState, LoadingIndicator],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (activity.problem(); as problem) {
      <orca-alert tone="error">{{ problem.message }}</orca-alert>
    }
    @if (activity.status() === 'loading') {
      <orca-loading-indicator label="Loading activity…" />
    } @else if (
      activity.entries().length === 0 && activity.status() === 'ready'
    ) {
      <orca-empty-state heading="Nothing yet" [message]="emptyMessage()" />
    } @else {
      <ol class="activity">
        @for (entry of activity.entries(); track entry.rev) {
          <li data-testid="activity-entry">
            <span
              ><strong>{{ entry.actorName ?? 'Someone' }}</strong>
              {{ entry.description }}</span
            >
            <time
              class="muted"
              [attr.datetime]="entry.createdAt"
              [attr.title]="entry.createdAt | date: 'medium'"
              >{{ ago(entry.createdAt) }}</time
            >
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .activity {
      display: grid;
      gap: var(--orca-space-2);
      margin: 0 0 var(--orca-space-3);
      padding: 0;
      list-style: none;
    }
    .activity li {
      display: grid;
      font-size: 0.9375rem;
    }
    .activity time {
      font-size: 0.8125rem;
    }
  `,
})
export class ActivityList {
  protected readonly activity = inject(ActivityStore);
  readonly emptyMessage = input(
    'Changes appear here as soon as anyone makes them.',
  );

  protected ago(iso: string): string {
    return relativeTime(iso);
  }
}

/**
 * Keeps the page's `ActivityStore` loaded: again after every burst of changes (one request per
 * burst), and afresh when `itemId` names another item. Call from a constructor.
 */
export function followActivity(itemId?: Signal<string>): void {
  const store = inject(WorkspaceStore);
  const activity = inject(ActivityStore);
  const destroyRef = inject(DestroyRef);
  const item$ = itemId
    ? toObservable(itemId).pipe(
        distinctUntilChanged(),
        tap(() => activity.clear()),
      )
    : toObservable(store.projectId);
  combineLatest([toObservable(store.rev).pipe(filter((rev) => rev > 0)), item$])
    .pipe(
      debounceTime(400),
      switchMap(() => {
        const projectId = store.projectId();
        return projectId
          ? activity.load(projectId, store.model(), itemId?.())
          : EMPTY;
      }),
      takeUntilDestroyed(destroyRef),
    )
    .subscribe();
}

import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type Signal,
  computed,
  inject,
  input,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivityStore, WorkspaceStore } from '@orca/web/data-access-workspace';
import { Alert, EmptyState, LoadingIndicator } from '@orca/web/ui';
import {
  EMPTY,
  type Observable,
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
 * Keeps the page's `ActivityStore` loaded, one request per burst of changes. The project's feed
 * reloads when the model's rev moves; an object's history (`objectId`) only when that object
 * itself changed or went (its own changes and the deletes that took it along are its history;
 * untouched objects keep their identity in the model), and afresh for another object. Call from
 * a constructor.
 */
export function followActivity(objectId?: Signal<string>): void {
  const store = inject(WorkspaceStore);
  const activity = inject(ActivityStore);
  let shown: string | undefined;
  const changes$: Observable<unknown> = objectId
    ? toObservable(
        computed(() => ({
          id: objectId(),
          object: store.model()?.objects[objectId()],
        })),
      ).pipe(
        // Nothing to tell before the model is here.
        filter(() => store.model() !== null),
        distinctUntilChanged((a, b) => a.id === b.id && a.object === b.object),
        tap(({ id }) => {
          if (id !== shown) activity.clear();
          shown = id;
        }),
      )
    : toObservable(store.rev).pipe(filter((rev) => rev > 0));
  changes$
    .pipe(
      debounceTime(400),
      switchMap(() => {
        const projectId = store.projectId();
        return projectId
          ? activity.load(projectId, store.model(), objectId?.())
          : EMPTY;
      }),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe();
}

import { Injectable, computed, inject, signal } from '@angular/core';
import type { ChangeEffect, ProjectModel } from '@orca/shared/domain';
import {
  type LoadStatus,
  type ProblemMessage,
  toProblemMessage,
} from '@orca/web/data-access-auth';
import type { ChangeEntryDoc } from '@orca/web/api-client';
import { EMPTY, Observable, catchError, defer, map, tap } from 'rxjs';
import { describeChange } from './change-description';
import { WorkspaceApi } from './workspace-api';

/** One line of the activity feed: who did what, when. */
export interface ActivityEntry {
  readonly rev: number;
  /** null when the account has been deleted since. */
  readonly actorName: string | null;
  readonly actorId: string | null;
  readonly description: string;
  readonly createdAt: string;
}

interface ActivityState {
  entries: readonly ActivityEntry[];
  status: LoadStatus;
  problem: ProblemMessage | null;
}

/** How many recent changes the feed shows. */
export const ACTIVITY_LENGTH = 12;

/**
 * The recent changes of a project from its change log (REST), newest first. Provide it on the
 * page that shows the feed and `load` again when the model's rev moves.
 */
@Injectable()
export class ActivityStore {
  private readonly api = inject(WorkspaceApi);
  private readonly state = signal<ActivityState>({
    entries: [],
    status: 'idle',
    problem: null,
  });

  readonly entries = computed(() => this.state().entries);
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);

  /** The last `ACTIVITY_LENGTH` changes up to `rev`, described against `model`. */
  load(
    projectId: string,
    rev: number,
    model: ProjectModel | null,
  ): Observable<readonly ActivityEntry[]> {
    return defer(() => {
      this.patch({
        status: this.state().entries.length > 0 ? 'ready' : 'loading',
        problem: null,
      });
      const sinceRev = Math.max(0, rev - ACTIVITY_LENGTH);
      return this.api.changes(projectId, sinceRev, ACTIVITY_LENGTH).pipe(
        map((page) =>
          page.changes.map((entry) => toActivityEntry(entry, model)).reverse(),
        ),
        tap((entries) => this.patch({ entries, status: 'ready' })),
        catchError((error: unknown) => {
          this.patch({
            status: 'failed',
            problem: toProblemMessage(
              error,
              'The recent activity could not be loaded.',
            ),
          });
          return EMPTY;
        }),
      );
    });
  }

  private patch(change: Partial<ActivityState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

function toActivityEntry(
  entry: ChangeEntryDoc,
  model: ProjectModel | null,
): ActivityEntry {
  // The log stores the change and its effects exactly as the pipeline applied them.
  const change = { ...entry.change, kind: entry.kind };
  const effects = entry.effects as unknown as ChangeEffect[];
  return {
    rev: entry.rev,
    actorName: entry.actorName,
    actorId: entry.actorId,
    description: describeChange(change, model, effects),
    createdAt: entry.createdAt,
  };
}

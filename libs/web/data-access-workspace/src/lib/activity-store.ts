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
 * The recent changes of a project, or of one item, from its change log (REST), newest first.
 * Provide it on the page that shows the feed and `load` again when the model's rev moves.
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

  /**
   * The last `ACTIVITY_LENGTH` changes, newest first, described against `model`; with `itemId`,
   * only the changes that touched that item (an object's own history: its edits, its attributes,
   * CTAs and relationships, and what cascaded to it).
   */
  load(
    projectId: string,
    model: ProjectModel | null,
    itemId?: string,
  ): Observable<readonly ActivityEntry[]> {
    return defer(() => {
      this.patch({
        status: this.state().entries.length > 0 ? 'ready' : 'loading',
        problem: null,
      });
      return this.api
        .recentChanges(projectId, { itemId, limit: ACTIVITY_LENGTH })
        .pipe(
          map((page) =>
            page.changes.map((entry) => toActivityEntry(entry, model)),
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

  /** Forgets the entries (another item's history is about to load). */
  clear(): void {
    this.patch({ entries: [], status: 'idle', problem: null });
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

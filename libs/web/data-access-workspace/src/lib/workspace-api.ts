import { Injectable } from '@angular/core';
import {
  addStarterRoles,
  type BulkResultDoc,
  type ChangePageDoc,
  type CheckSettingsDoc,
  getCheckSettings,
  injectApiCaller,
  listChanges,
  undoChange,
  type UndoResultDoc,
  createSnapshot,
  diffSnapshots,
  listSnapshots,
  type ProjectDto,
  restoreSnapshot,
  type SnapshotDiffDto,
  type SnapshotDto,
} from '@orca/web/api-client';
import type { Observable } from 'rxjs';

/** The REST reads a workspace needs beside the live socket: the change log and check settings. */
@Injectable({ providedIn: 'root' })
export class WorkspaceApi {
  private readonly call = injectApiCaller();

  /** The latest changes, newest first; only those that touched `itemId` when it is given. */
  recentChanges(
    projectId: string,
    options: { readonly itemId?: string; readonly limit: number },
  ): Observable<ChangePageDoc> {
    return this.call(listChanges, {
      projectId,
      order: 'desc',
      limit: options.limit,
      ...(options.itemId !== undefined && { itemId: options.itemId }),
    });
  }

  /** Adds the starter roles (Visitor, Member, Admin) the project does not have yet. */
  addStarterRoles(projectId: string): Observable<BulkResultDoc> {
    return this.call(addStarterRoles, { projectId });
  }

  /** Reverts the caller's own latest change (as new changes through the write path). */
  undo(projectId: string): Observable<UndoResultDoc> {
    return this.call(undoChange, { projectId });
  }

  checkSettings(projectId: string): Observable<CheckSettingsDoc> {
    return this.call(getCheckSettings, { projectId });
  }
}

/** Named, immutable copies of a project's model: list, take, compare, restore as a new project. */
@Injectable({ providedIn: 'root' })
export class SnapshotsApi {
  private readonly call = injectApiCaller();

  list(projectId: string): Observable<SnapshotDto[]> {
    return this.call(listSnapshots, { projectId });
  }

  create(
    projectId: string,
    name: string,
    description: string,
  ): Observable<SnapshotDto> {
    return this.call(createSnapshot, {
      projectId,
      body: { name, description },
    });
  }

  /** `a` and `b` are snapshot ids or `current` (the model now). */
  diff(projectId: string, a: string, b: string): Observable<SnapshotDiffDto> {
    return this.call(diffSnapshots, { projectId, a, b });
  }

  restore(projectId: string, snapshotId: string): Observable<ProjectDto> {
    return this.call(restoreSnapshot, { projectId, snapshotId });
  }
}

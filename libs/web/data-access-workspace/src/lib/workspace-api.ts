import { Injectable } from '@angular/core';
import {
  addStarterRoles,
  type BulkResultDoc,
  type ChangePageDoc,
  type CheckSettingsDoc,
  getCheckSettings,
  injectApiCaller,
  listChanges,
} from '@orca/web/api-client';
import type { Observable } from 'rxjs';

/** The REST reads a workspace needs beside the live socket: the change log and check settings. */
@Injectable({ providedIn: 'root' })
export class WorkspaceApi {
  private readonly call = injectApiCaller();

  /** The change log after `sinceRev`, oldest first (at most `limit` entries). */
  changes(
    projectId: string,
    sinceRev: number,
    limit = 100,
  ): Observable<ChangePageDoc> {
    return this.call(listChanges, { projectId, sinceRev, limit });
  }

  /** Adds the starter roles (Visitor, Member, Admin) the project does not have yet. */
  addStarterRoles(projectId: string): Observable<BulkResultDoc> {
    return this.call(addStarterRoles, { projectId });
  }

  checkSettings(projectId: string): Observable<CheckSettingsDoc> {
    return this.call(getCheckSettings, { projectId });
  }
}

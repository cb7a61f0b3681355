import { Injectable } from '@angular/core';
import type {
  AddForagingSourceResponse,
  ForagingOverviewDto,
  ForagingSourceWithTextDto,
} from '@orca/shared/contracts';
import {
  addForagingSource,
  addForagingSource$FormData,
  deleteForagingSource,
  getForaging,
  getForagingSource,
  injectApiCaller,
} from '@orca/web/api-client';
import type { Observable } from 'rxjs';

/**
 * Noun foraging over REST: the project's sources and ranked candidates, adding pasted text
 * (JSON) or a file (multipart), reading and removing a source. The generated client's types
 * are the contracts' shapes; these methods say so once.
 */
@Injectable({ providedIn: 'root' })
export class ForagingApi {
  private readonly call = injectApiCaller();

  overview(projectId: string): Observable<ForagingOverviewDto> {
    return this.call(getForaging, {
      projectId,
    }) as Observable<ForagingOverviewDto>;
  }

  addText(
    projectId: string,
    text: string,
    name?: string,
  ): Observable<AddForagingSourceResponse> {
    return this.call(addForagingSource, {
      projectId,
      body: { text, ...(name ? { name } : {}) },
    }) as Observable<AddForagingSourceResponse>;
  }

  addFile(
    projectId: string,
    file: File,
    name?: string,
  ): Observable<AddForagingSourceResponse> {
    return this.call(addForagingSource$FormData, {
      projectId,
      body: { file, ...(name ? { name } : {}) },
    }) as Observable<AddForagingSourceResponse>;
  }

  source(
    projectId: string,
    sourceId: string,
  ): Observable<ForagingSourceWithTextDto> {
    return this.call(getForagingSource, {
      projectId,
      sourceId,
    }) as Observable<ForagingSourceWithTextDto>;
  }

  remove(projectId: string, sourceId: string): Observable<void> {
    return this.call(deleteForagingSource, { projectId, sourceId });
  }
}

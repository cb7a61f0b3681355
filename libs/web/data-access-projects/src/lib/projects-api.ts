import { Injectable } from '@angular/core';
import type {
  CreateProjectRequest,
  MemberDto,
  ProjectDto,
  UpdateMemberRequest,
  UpdateProjectRequest,
} from '@orca/shared/contracts';
import {
  createProject,
  deleteProject,
  getProject,
  importProject,
  injectApiCaller,
  listMembers,
  listProjects,
  removeMember,
  updateMember,
  updateProject,
} from '@orca/web/api-client';
import { type Observable, map } from 'rxjs';

/** The `/projects` endpoints and their members through the generated client. No state, no UI concerns. */
@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly call = injectApiCaller();

  list(): Observable<ProjectDto[]> {
    return this.call(listProjects, {});
  }

  create(request: CreateProjectRequest): Observable<ProjectDto> {
    return this.call(createProject, { body: request });
  }

  /** Creates a project from an ORCA JSON document (an export, or a `shared/fixtures` file). */
  import(document: Record<string, unknown>): Observable<ProjectDto> {
    return this.call(importProject, { body: document });
  }

  get(projectId: string): Observable<ProjectDto> {
    return this.call(getProject, { projectId });
  }

  update(
    projectId: string,
    request: UpdateProjectRequest,
  ): Observable<ProjectDto> {
    return this.call(updateProject, { projectId, body: request });
  }

  remove(projectId: string): Observable<void> {
    return this.call(deleteProject, { projectId }).pipe(map(() => undefined));
  }

  listMembers(projectId: string): Observable<MemberDto[]> {
    return this.call(listMembers, { projectId });
  }

  updateMember(
    projectId: string,
    userId: string,
    request: UpdateMemberRequest,
  ): Observable<MemberDto> {
    return this.call(updateMember, { projectId, userId, body: request });
  }

  /** Removes a member; with your own id, leaves the project. */
  removeMember(projectId: string, userId: string): Observable<void> {
    return this.call(removeMember, { projectId, userId }).pipe(
      map(() => undefined),
    );
  }
}

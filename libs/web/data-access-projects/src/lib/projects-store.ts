import { Injectable, computed, inject, signal } from '@angular/core';
import type { CreateProjectRequest, ProjectDto } from '@orca/shared/contracts';
import {
  LoadStatus,
  ProblemMessage,
  toProblemMessage,
} from '@orca/web/data-access-auth';
import { EMPTY, Observable, catchError, defer, finalize, tap } from 'rxjs';
import { ProjectsApi } from './projects-api';

interface ProjectsState {
  projects: ProjectDto[];
  status: LoadStatus;
  problem: ProblemMessage | null;
  creating: boolean;
  createProblem: ProblemMessage | null;
  importing: boolean;
  importProblem: ProblemMessage | null;
}

/**
 * The projects the signed-in person belongs to. Provide it on the page that lists them.
 * Commands emit once on success and complete silently on failure, leaving the reason in state.
 */
@Injectable()
export class ProjectsStore {
  private readonly api = inject(ProjectsApi);
  private readonly state = signal<ProjectsState>({
    projects: [],
    status: 'idle',
    problem: null,
    creating: false,
    createProblem: null,
    importing: false,
    importProblem: null,
  });

  /** Most recently updated first. */
  readonly projects = computed(() =>
    [...this.state().projects].sort((a, b) =>
      b.updatedAt.localeCompare(a.updatedAt),
    ),
  );
  readonly status = computed(() => this.state().status);
  readonly problem = computed(() => this.state().problem);
  readonly creating = computed(() => this.state().creating);
  readonly createProblem = computed(() => this.state().createProblem);
  readonly importing = computed(() => this.state().importing);
  readonly importProblem = computed(() => this.state().importProblem);

  load(): Observable<ProjectDto[]> {
    return defer(() => {
      this.patch({ status: 'loading', problem: null });
      return this.api.list().pipe(
        tap((projects) => this.patch({ projects, status: 'ready' })),
        catchError((error: unknown) => {
          this.patch({
            status: 'failed',
            problem: toProblemMessage(
              error,
              'Your projects could not be loaded.',
            ),
          });
          return EMPTY;
        }),
      );
    });
  }

  create(request: CreateProjectRequest): Observable<ProjectDto> {
    return defer(() => {
      this.patch({ creating: true, createProblem: null });
      return this.api.create(request).pipe(
        tap((project) =>
          this.state.update((state) => ({
            ...state,
            projects: [
              project,
              ...state.projects.filter(({ id }) => id !== project.id),
            ],
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            createProblem: toProblemMessage(
              error,
              'The project could not be created.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ creating: false })),
      );
    });
  }

  /**
   * Creates a project from the text of an ORCA JSON file. A file that is not JSON is refused
   * here; the server lists every problem of a document it cannot import (nothing is created).
   */
  importFile(text: string): Observable<ProjectDto> {
    return defer(() => {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        document = null;
      }
      if (
        typeof document !== 'object' ||
        document === null ||
        Array.isArray(document)
      ) {
        this.patch({
          importProblem: {
            status: 0,
            code: 'invalid_json',
            message:
              'That file is not an ORCA project: it should be the JSON of an export.',
            fieldErrors: {},
          },
        });
        return EMPTY;
      }
      this.patch({ importing: true, importProblem: null });
      return this.api.import(document as Record<string, unknown>).pipe(
        tap((project) =>
          this.state.update((state) => ({
            ...state,
            projects: [
              project,
              ...state.projects.filter(({ id }) => id !== project.id),
            ],
          })),
        ),
        catchError((error: unknown) => {
          this.patch({
            importProblem: toProblemMessage(
              error,
              'The project could not be imported.',
            ),
          });
          return EMPTY;
        }),
        finalize(() => this.patch({ importing: false })),
      );
    });
  }

  clearImportProblem(): void {
    this.patch({ importProblem: null });
  }

  clearCreateProblem(): void {
    this.patch({ createProblem: null });
  }

  private patch(change: Partial<ProjectsState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

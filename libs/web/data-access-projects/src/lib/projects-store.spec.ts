import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ProjectDto } from '@orca/shared/contracts';
import { ProjectsStore } from './projects-store';

function project(overrides: Partial<ProjectDto>): ProjectDto {
  return {
    id: 'p-1',
    name: 'Course catalogue',
    description: '',
    role: 'facilitator',
    rev: 0,
    memberCount: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('ProjectsStore', () => {
  let store: ProjectsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ProjectsStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(ProjectsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists my projects, the most recently changed first', () => {
    store.load().subscribe();
    http
      .expectOne('/api/v1/projects')
      .flush([
        project({
          id: 'p-1',
          name: 'Old',
          updatedAt: '2025-01-01T00:00:00.000Z',
        }),
        project({
          id: 'p-2',
          name: 'Fresh',
          role: 'viewer',
          updatedAt: '2025-06-01T00:00:00.000Z',
        }),
      ]);

    expect(store.status()).toBe('ready');
    expect(store.projects().map(({ name, role }) => `${name}:${role}`)).toEqual(
      ['Fresh:viewer', 'Old:facilitator'],
    );
  });

  it('adds a created project to the list', () => {
    store.load().subscribe();
    http.expectOne('/api/v1/projects').flush([]);

    const created: ProjectDto[] = [];
    store.create({ name: 'Clinic booking' }).subscribe((p) => created.push(p));
    expect(store.creating()).toBe(true);
    const request = http.expectOne('/api/v1/projects');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ name: 'Clinic booking' });
    request.flush(project({ id: 'p-9', name: 'Clinic booking' }));

    expect(created).toHaveLength(1);
    expect(store.creating()).toBe(false);
    expect(store.projects().map(({ name }) => name)).toEqual([
      'Clinic booking',
    ]);
  });

  it('keeps the server’s field errors when a project is refused', () => {
    store.create({ name: 'x'.repeat(200) }).subscribe();
    http.expectOne('/api/v1/projects').flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed',
        detail: 'The project could not be saved.',
        errors: [
          { field: 'name', message: 'Name must be at most 120 characters.' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );

    expect(store.createProblem()?.message).toBe(
      'The project could not be saved.',
    );
    expect(store.createProblem()?.fieldErrors).toEqual({
      name: 'Name must be at most 120 characters.',
    });
  });

  it('imports a project from an ORCA file and lists it', () => {
    store.load().subscribe();
    http.expectOne('/api/v1/projects').flush([]);
    const document = {
      format: 'orca-project',
      version: 1,
      project: { name: 'Learning platform' },
    };

    const imported: ProjectDto[] = [];
    store
      .importFile(JSON.stringify(document))
      .subscribe((p) => imported.push(p));
    expect(store.importing()).toBe(true);
    const request = http.expectOne('/api/v1/projects/import');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual(document);
    request.flush(project({ id: 'p-7', name: 'Learning platform' }));

    expect(imported.map(({ id }) => id)).toEqual(['p-7']);
    expect(store.importing()).toBe(false);
    expect(store.projects().map(({ name }) => name)).toEqual([
      'Learning platform',
    ]);
  });

  it('refuses a file that is not JSON without asking the server', () => {
    store.importFile('name,definition\nCourse,…').subscribe();

    expect(store.importProblem()?.message).toContain('not an ORCA project');
  });

  it('keeps every problem the server found in a document', () => {
    store.importFile('{"format":"orca-project","version":1}').subscribe();
    http.expectOne('/api/v1/projects/import').flush(
      {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'import_invalid',
        detail: 'The document cannot be imported.',
        errors: [
          { field: 'project', message: 'Required.' },
          {
            field: 'relationships[2].from',
            message: 'No object has the key "cours".',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );

    expect(store.importProblem()?.message).toBe(
      'The document cannot be imported.',
    );
    expect(Object.keys(store.importProblem()?.fieldErrors ?? {})).toEqual([
      'project',
      'relationships[2].from',
    ]);
  });
});

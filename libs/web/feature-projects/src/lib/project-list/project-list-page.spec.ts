import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ProjectDto } from '@orca/shared/contracts';
import { ProjectListPage } from './project-list-page';

const CATALOGUE: ProjectDto = {
  id: 'p-1',
  name: 'Course catalogue',
  description: 'Learners and courses',
  role: 'contributor',
  rev: 0,
  memberCount: 3,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('ProjectListPage', () => {
  let fixture: ComponentFixture<ProjectListPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(projects: ProjectDto[]): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        // Where an imported project opens (its workspace lives in another library).
        provideRouter([{ path: 'projects/:projectId', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProjectListPage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/projects').flush(projects);
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('invites a newcomer to create a first project', async () => {
    await open([]);

    expect(page.querySelector('orca-empty-state')?.textContent).toContain(
      'No projects yet',
    );
  });

  it('shows each project with my role and a way to its settings', async () => {
    await open([CATALOGUE]);

    const card = page.querySelector(
      '[data-project-name="Course catalogue"]',
    ) as HTMLElement;
    expect(
      card.querySelector('[data-testid="project-role"]')?.textContent?.trim(),
    ).toBe('contributor');
    expect(card.textContent).toContain('3 members');
    expect(
      card
        .querySelector('[data-testid="project-settings-link"]')
        ?.getAttribute('href'),
    ).toBe('/projects/p-1/settings');
  });

  it('creates a project and says so', async () => {
    await open([]);

    const name = page.querySelector(
      '[data-testid="project-name-input"]',
    ) as HTMLInputElement;
    name.value = '  Clinic booking  ';
    name.dispatchEvent(new Event('input'));
    (
      page.querySelector(
        '[data-testid="create-project-submit"]',
      ) as HTMLButtonElement
    ).click();
    await fixture.whenStable();

    const request = http.expectOne('/api/v1/projects');
    expect(request.request.body).toEqual({ name: 'Clinic booking' });
    request.flush({
      ...CATALOGUE,
      id: 'p-2',
      name: 'Clinic booking',
      role: 'facilitator',
      memberCount: 1,
    });
    await fixture.whenStable();

    expect(
      page.querySelector('[data-testid="projects-notice"]')?.textContent,
    ).toContain('Project “Clinic booking” created.');
    expect(
      page.querySelector('[data-project-name="Clinic booking"]'),
    ).not.toBeNull();
    expect(name.value).toBe('');
  });

  it('opens a project’s workspace from its name', async () => {
    await open([CATALOGUE]);

    expect(
      page
        .querySelector('[data-testid="project-open-link"]')
        ?.getAttribute('href'),
    ).toBe('/projects/p-1');
  });

  it('imports an ORCA file and opens the new project', async () => {
    await open([]);
    const input = page.querySelector(
      '[data-testid="import-file"]',
    ) as HTMLInputElement;
    const file = new File(
      [
        '{"format":"orca-project","version":1,"project":{"name":"Learning platform"}}',
      ],
      'learning-platform.orca.json',
      { type: 'application/json' },
    );
    Object.defineProperty(file, 'text', {
      value: () =>
        Promise.resolve(
          '{"format":"orca-project","version":1,"project":{"name":"Learning platform"}}',
        ),
    });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve));

    const request = http.expectOne('/api/v1/projects/import');
    expect(request.request.body).toMatchObject({ format: 'orca-project' });
    request.flush({ ...CATALOGUE, id: 'p-9', name: 'Learning platform' });
    await fixture.whenStable();

    await new Promise((resolve) => setTimeout(resolve));

    expect(TestBed.inject(Router).url).toBe('/projects/p-9');
  });

  it('lists what is wrong with a file that cannot be imported', async () => {
    await open([]);
    const input = page.querySelector(
      '[data-testid="import-file"]',
    ) as HTMLInputElement;
    const file = new File(['{}'], 'broken.json');
    Object.defineProperty(file, 'text', { value: () => Promise.resolve('{}') });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await new Promise((resolve) => setTimeout(resolve));

    http.expectOne('/api/v1/projects/import').flush(
      {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'import_invalid',
        detail: 'The document cannot be imported.',
        errors: [{ field: 'format', message: 'Expected "orca-project".' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    const problem = page.querySelector('[data-testid="import-problem"]');
    expect(problem?.textContent).toContain('The document cannot be imported.');
    expect(problem?.textContent).toContain('format: Expected "orca-project".');
  });
});

import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { ProjectDto, UserDto } from '@orca/shared/contracts';
import type { ProjectModel, ProjectRole } from '@orca/shared/domain';
import { AuthStore } from '@orca/web/data-access-auth';
import { COLLAB_SOCKET_FACTORY } from '@orca/web/data-access-workspace';
import {
  FakeCollabServer,
  sampleModel,
  settle,
} from '@orca/web/data-access-workspace/testing';
import { workspaceRoutes } from '../lib/workspace.routes';

export const ADA: UserDto = {
  id: 'u-ada',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  createdAt: '2025-01-01T00:00:00.000Z',
};

export interface OpenWorkspace {
  harness: RouterTestingHarness;
  server: FakeCollabServer;
  http: HttpTestingController;
  /** The routed page's host element. */
  page: () => HTMLElement;
  /** Lets the fake server answer and Angular render. */
  settle: () => Promise<void>;
}

/**
 * Opens `/projects/p-1/<path>` with the workspace routes, the signed-in Ada, the project over
 * (test) HTTP and the live model from an in-process `/collab` double.
 */
export async function openWorkspace(
  path = '',
  options: {
    role?: ProjectRole;
    model?: ProjectModel;
    disabledRules?: string[];
    /** Leave the REST answers to the test. */
    answerRest?: boolean;
  } = {},
): Promise<OpenWorkspace> {
  const server = new FakeCollabServer(options.model ?? sampleModel(), 5);
  TestBed.configureTestingModule({
    providers: [
      provideRouter(
        [{ path: 'projects/:projectId', children: workspaceRoutes }],
        withComponentInputBinding(),
      ),
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: COLLAB_SOCKET_FACTORY,
        useValue: server.factoryFor({
          userId: ADA.id,
          displayName: ADA.displayName,
          color: '#d62728',
        }),
      },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  TestBed.inject(AuthStore).loadMe().subscribe();
  http.expectOne('/api/v1/auth/me').flush(ADA);
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(`/projects/p-1${path ? `/${path}` : ''}`);
  const project: ProjectDto = {
    id: 'p-1',
    name: 'Learning platform',
    description: '',
    role: options.role ?? 'facilitator',
    rev: 5,
    memberCount: 2,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
  if (options.answerRest !== false) {
    http.expectOne('/api/v1/projects/p-1').flush(project);
    http
      .expectOne('/api/v1/projects/p-1/validation/settings')
      .flush({ rules: [], disabledRules: options.disabledRules ?? [] });
  }
  const settleAll = async () => {
    await settle();
    await harness.fixture.whenStable();
    await settle(2);
    await harness.fixture.whenStable();
  };
  await settleAll();
  return {
    harness,
    server,
    http,
    page: () => harness.fixture.nativeElement as HTMLElement,
    settle: settleAll,
  };
}

/** Types into an input or textarea the way a person does (value, then an input event). */
export function type(element: Element | null, value: string): void {
  const field = element as HTMLInputElement | HTMLTextAreaElement | null;
  if (!field) throw new Error('No field to type into.');
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function press(
  element: Element | null,
  key: string,
  init: KeyboardEventInit = {},
): void {
  if (!element) throw new Error('No element to press a key on.');
  element.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, ...init }),
  );
}

export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

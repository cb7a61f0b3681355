import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { signal } from '@angular/core';
import type { ExportProgressEvent } from '@orca/shared/contracts';
import { WorkspaceStore } from '@orca/web/data-access-workspace';
import { HandoffPage } from './handoff-page';

/** A store with just what the page reads, recording what it is asked to do. */
function storeDouble() {
  const exports = signal<Record<string, ExportProgressEvent>>({});
  const tracked: Array<[string, string]> = [];
  const cancelled: string[] = [];
  return {
    tracked,
    cancelled,
    exports,
    store: {
      projectId: signal('p-1'),
      role: signal('facilitator'),
      nowOnly: signal(true),
      exports,
      focus: () => undefined,
      trackExport: (exportId: string, format: string) => {
        tracked.push([exportId, format]);
        exports.update((all) => ({
          ...all,
          [exportId]: {
            projectId: 'p-1',
            exportId,
            format,
            percent: 0,
            state: 'running',
          },
        }));
      },
      cancelExport: (exportId: string) => cancelled.push(exportId),
    },
  };
}

/** The page's test bed with a store double; answers nothing over HTTP yet. */
function setUp() {
  const double = storeDouble();
  TestBed.configureTestingModule({
    imports: [HandoffPage],
    providers: [
      { provide: WorkspaceStore, useValue: double.store },
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
    ],
  });
  return double;
}

describe('HandoffPage', () => {
  it('downloads the chosen format with "Now only" applied, shows its progress and can cancel it', async () => {
    const double = setUp();
    const fixture = TestBed.createComponent(HandoffPage);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/projects/p-1/snapshots')
      .flush([]);
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this.href);
      });
    const page = fixture.nativeElement as HTMLElement;
    (
      page.querySelector('[data-testid="export-pdf"]') as HTMLButtonElement
    ).click();
    fixture.detectChanges();
    click.mockRestore();

    const [exportId, format] = double.tracked[0] as [string, string];
    expect(format).toBe('pdf');
    expect(clicked).toHaveLength(1);
    const url = new URL(clicked[0] as string);
    expect(url.pathname).toBe('/api/v1/projects/p-1/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'pdf',
      exportId,
      priority: 'now',
    });
    const status = () =>
      page.querySelector('[data-testid="export-status-pdf"]')?.textContent ??
      '';
    expect(status()).toContain('0 %');

    double.exports.update((all) => ({
      ...all,
      [exportId]: { ...(all[exportId] as ExportProgressEvent), percent: 60 },
    }));
    fixture.detectChanges();
    expect(status()).toContain('60 %');
    (
      [...page.querySelectorAll('button')].find(
        (button) => button.textContent?.trim() === 'Cancel',
      ) as HTMLButtonElement
    ).click();
    expect(double.cancelled).toEqual([exportId]);

    double.exports.update((all) => ({
      ...all,
      [exportId]: {
        ...(all[exportId] as ExportProgressEvent),
        state: 'cancelled',
      },
    }));
    fixture.detectChanges();
    expect(status()).toContain('Cancelled');
  });

  it('lets a facilitator take a snapshot and compare it with now, field by field', async () => {
    setUp();
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HandoffPage);
    fixture.detectChanges();
    http.expectOne('/api/v1/projects/p-1/snapshots').flush([]);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('No snapshots yet');

    const name = page.querySelector(
      '[data-testid="snapshot-name"]',
    ) as HTMLInputElement;
    name.value = 'Before round 2';
    name.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    (
      page.querySelector('[data-testid="take-snapshot"]') as HTMLButtonElement
    ).click();
    const created = http.expectOne({
      method: 'POST',
      url: '/api/v1/projects/p-1/snapshots',
    });
    expect(created.request.body).toEqual({
      name: 'Before round 2',
      description: '',
    });
    created.flush({
      id: 's-1',
      projectId: 'p-1',
      name: 'Before round 2',
      description: '',
      rev: 4,
      authorId: 'u-1',
      authorName: 'Ada',
      createdAt: '2026-11-26T09:00:00.000Z',
      counts: {},
    });
    fixture.detectChanges();
    (
      page.querySelector(
        '[data-testid="compare-Before round 2"]',
      ) as HTMLButtonElement
    ).click();
    const empty = { added: [], removed: [], changed: [] };
    http.expectOne('/api/v1/projects/p-1/snapshots/s-1/diff/current').flush({
      a: {},
      b: {},
      totals: { added: 0, removed: 0, changed: 1 },
      objects: {
        ...empty,
        changed: [
          {
            id: 'o-1',
            label: 'Course',
            fields: [{ field: 'name', before: 'Course', after: 'Class' }],
          },
        ],
      },
      relationships: empty,
      roles: empty,
      ctas: empty,
      attributes: empty,
    });
    fixture.detectChanges();
    const diff = page.querySelector('[data-testid="snapshot-diff"]');
    expect(diff?.textContent).toContain('1 changed');
    expect(diff?.textContent).toContain('Changed Course');
    expect(diff?.textContent).toContain('name: Course → Class');
    http.verify();
  });

  it('downloads a snapshot in the chosen format, like the project, and shows how it goes', async () => {
    const double = setUp();
    const fixture = TestBed.createComponent(HandoffPage);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/projects/p-1/snapshots')
      .flush([
        {
          id: 's-9',
          projectId: 'p-1',
          name: 'After discovery',
          description: '',
          rev: 12,
          authorId: 'u-1',
          authorName: 'Ada',
          createdAt: '2026-11-26T09:00:00.000Z',
          counts: {},
        },
      ]);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const select = page.querySelector(
      '[data-testid="snapshot-format-After discovery"]',
    ) as HTMLSelectElement;
    expect(select.value).toBe('zip');
    select.value = 'xlsx';
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this.href);
      });
    (
      page.querySelector(
        '[data-testid="export-snapshot-After discovery"]',
      ) as HTMLButtonElement
    ).click();
    fixture.detectChanges();
    click.mockRestore();

    const [exportId, format] = double.tracked[0] as [string, string];
    expect(format).toBe('xlsx');
    const url = new URL(clicked[0] as string);
    expect(url.pathname).toBe('/api/v1/projects/p-1/snapshots/s-9/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      exportId,
      priority: 'now',
    });
    const status = () =>
      page.querySelector(
        '[data-testid="snapshot-export-status-After discovery"]',
      )?.textContent ?? '';
    expect(status()).toContain('0 %');
    double.exports.update((all) => ({
      ...all,
      [exportId]: { ...(all[exportId] as ExportProgressEvent), state: 'done' },
    }));
    fixture.detectChanges();
    expect(status()).toContain('Downloaded');
  });
});

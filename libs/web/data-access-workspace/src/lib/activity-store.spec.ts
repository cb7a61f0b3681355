import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { sampleModel } from '../testing';
import { ActivityStore } from './activity-store';
import { testId } from '@orca/shared/domain/testing';

describe('ActivityStore', () => {
  let store: ActivityStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ActivityStore,
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(ActivityStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the latest changes newest first, each as who did what', () => {
    store.load('p-1', sampleModel()).subscribe();
    const request = http.expectOne(
      (r) => r.url === '/api/v1/projects/p-1/changes',
    );
    expect(request.request.params.get('order')).toBe('desc');
    expect(request.request.params.get('limit')).toBe('12');
    expect(request.request.params.has('itemId')).toBe(false);
    request.flush({
      rev: 20,
      hasMore: false,
      changes: [
        {
          rev: 20,
          actorId: 'u-bob',
          actorName: 'Bob',
          clientId: 'c-2',
          mutationId: 'm-2',
          kind: 'project.import',
          change: {},
          effects: [],
          createdAt: '2025-05-01T10:01:00.000Z',
        },
        {
          rev: 19,
          actorId: 'u-ada',
          actorName: 'Ada',
          clientId: 'c-1',
          mutationId: 'm-1',
          kind: 'object.update',
          change: {
            kind: 'object.update',
            id: testId('o-lesson'),
            patch: { examples: ['JOINs'] },
          },
          effects: [],
          createdAt: '2025-05-01T10:00:00.000Z',
        },
      ],
    });

    expect(store.status()).toBe('ready');
    expect(
      store.entries().map((e) => `${e.actorName} ${e.description}`),
    ).toEqual([
      'Bob imported the project',
      'Ada edited the examples of “Lesson”',
    ]);
  });

  it("asks for one item's history when given its id", () => {
    store.load('p-1', sampleModel(), testId('o-lesson')).subscribe();
    const request = http.expectOne(
      (r) => r.url === '/api/v1/projects/p-1/changes',
    );
    expect(request.request.params.get('itemId')).toBe(testId('o-lesson'));
    request.flush({ rev: 3, hasMore: false, changes: [] });
    expect(store.status()).toBe('ready');
    expect(store.entries()).toEqual([]);
  });

  it('says when the activity cannot be loaded', () => {
    store.load('p-1', null).subscribe();
    http
      .expectOne((r) => r.url === '/api/v1/projects/p-1/changes')
      .flush(null, { status: 500, statusText: 'Server Error' });

    expect(store.status()).toBe('failed');
    expect(store.problem()?.message).toContain('Something went wrong');
  });
});

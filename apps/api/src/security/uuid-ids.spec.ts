/**
 * One id rule (issue 12, decision 0025): the domain's `isUuid` decides what an id is, for the
 * domain's validation, every path parameter, the change pipeline and the socket gateway alike. An
 * id that is not a lowercase UUID, wherever an id goes, is a 4xx naming the field — never a
 * database error, and never stored.
 */
import { CollabIoAdapter } from '@orca/api/collaboration';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import type {
  CollabClientEvents,
  CollabServerEvents,
  SubmitResponse,
} from '@orca/shared/contracts';
import { newObject, newRelationship } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { AppModule } from '../app/app.module';

type ClientSocket = Socket<CollabServerEvents, CollabClientEvents>;

const NOT_UUIDS = [
  'o1',
  '0B7E5A3C-2F4D-4E8A-9C1B-6D5F4E3A2B1C',
  '{0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c}',
  '0b7e5a3c2f4d4e8a9c1b6d5f4e3a2b1c',
];

describe('ids are UUIDs everywhere (REST and live collaboration)', () => {
  let app: TestApp;
  let url: string;
  let browser: BrowserAgent;
  let projectId: string;
  let course: string;
  let socket: ClientSocket;

  beforeAll(async () => {
    app = await createTestApp([], {
      root: (config) => AppModule.forRoot(config),
      configure: async (nest, config) => {
        const adapter = new CollabIoAdapter(nest, config);
        await adapter.connect();
        nest.useWebSocketAdapter(adapter);
      },
    });
    await app.app.listen(0, '127.0.0.1');
    url = `${await app.app.getUrl()}/collab`.replace('[::1]', '127.0.0.1');
    ({ browser } = await signedUpBrowser(app, uniqueEmail('ids'), 'Ida'));
    projectId = (await browser.post('/api/v1/projects', { name: 'Ids' })).body
      .id;
    course = (
      await browser.post(`/api/v1/projects/${projectId}/objects`, {
        name: 'Course',
      })
    ).body.object.id;
    socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: browser.cookies() },
      auth: { clientId: randomUUID() },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await socket
      .timeout(10_000)
      .emitWithAck('project:join', { projectId });
    expect(joined.ok).toBe(true);
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
  });

  const rev = async () =>
    (await browser.get(`/api/v1/projects/${projectId}/model`)).body.rev;

  /** Changes with a malformed id in each place an id goes, and the field the answer must name. */
  const changesWith = (bad: string): Array<[object, string]> => [
    [{ kind: 'object.update', id: bad, patch: { name: 'X' } }, 'change.id'],
    // Deleting is looked up in the change log (removed ids are a uuid[] column) before the domain.
    [{ kind: 'object.delete', id: bad }, 'change.id'],
    [{ kind: 'object.move', id: bad, orderKey: 'a1' }, 'change.id'],
    [
      {
        kind: 'object.create',
        object: newObject({ id: bad, name: 'Lesson', orderKey: 'a5' }),
      },
      'change.object.id',
    ],
    [
      {
        kind: 'relationship.create',
        relationship: newRelationship({
          id: randomUUID(),
          fromObjectId: course,
          toObjectId: bad,
          cardinality: 'one-to-many',
        }),
      },
      'change.relationship.toObjectId',
    ],
    [
      {
        kind: 'text.edit',
        target: { itemKind: 'object', id: bad, field: 'definition' },
        ops: [{ insert: 'x' }],
      },
      'change.target.id',
    ],
    [
      {
        kind: 'priority.set',
        items: [{ itemKind: 'object', id: bad }],
        priority: 'now',
      },
      'change.items[0].id',
    ],
  ];

  it('answers a change body with a malformed id 422, naming the field, and stores nothing (REST)', async () => {
    const before = await rev();
    for (const bad of NOT_UUIDS) {
      for (const [change, field] of changesWith(bad)) {
        const response = await browser.post(
          `/api/v1/projects/${projectId}/changes`,
          { change },
        );
        expect([
          bad,
          response.status,
          response.headers['content-type'],
        ]).toEqual([
          bad,
          422,
          expect.stringMatching(/^application\/problem\+json/),
        ]);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ field, code: 'invalid_id' }),
          ]),
        );
      }
    }
    expect(await rev()).toBe(before);
  });

  it('answers the same changes over the socket with a validation_failed ack naming the field', async () => {
    const before = await rev();
    for (const bad of NOT_UUIDS) {
      for (const [change, field] of changesWith(bad)) {
        const answer = (await socket
          .timeout(10_000)
          .emitWithAck('change:submit', {
            projectId,
            mutationId: randomUUID(),
            change,
          } as never)) as SubmitResponse;
        expect(answer).toEqual({
          ok: false,
          error: expect.objectContaining({
            code: 'validation_failed',
            errors: expect.arrayContaining([
              expect.objectContaining({ field }),
            ]),
          }),
        });
      }
    }
    expect(await rev()).toBe(before);
  });

  it('refuses malformed ids in item bodies, and an uppercase UUID that would be stored lowercased', async () => {
    const at = `/api/v1/projects/${projectId}`;
    const made = await browser.post(`${at}/objects`, {
      id: randomUUID().toUpperCase(),
      name: 'Shouting',
    });
    expect([made.status, made.body.errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'id' })],
    ]);
    const related = await browser.post(`${at}/relationships`, {
      fromObjectId: course,
      toObjectId: 'o1',
      cardinality: 'one-to-many',
    });
    expect(related.status).toBe(422);
    expect(related.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'toObjectId', code: 'invalid_id' }),
      ]),
    );
    const reordered = await browser.post(`${at}/attributes/reorder`, {
      objectId: course,
      attributeIds: ['o1'],
    });
    expect([reordered.status, reordered.body.errors?.[0]?.field]).toEqual([
      400,
      'attributeIds',
    ]);
  });

  it('treats a malformed id in a path or a query like an unknown one: 404 or 400, never a database error', async () => {
    for (const bad of NOT_UUIDS) {
      const item = await browser.get(
        `/api/v1/projects/${projectId}/objects/${encodeURIComponent(bad)}`,
      );
      expect([bad, item.status, item.body.code]).toEqual([
        bad,
        404,
        'item_not_found',
      ]);
      const project = await browser.get(
        `/api/v1/projects/${encodeURIComponent(bad)}`,
      );
      expect([bad, project.status]).toEqual([bad, 404]);
      const history = await browser.get(
        `/api/v1/projects/${projectId}/changes?itemId=${encodeURIComponent(bad)}`,
      );
      expect([bad, history.status, history.body.errors?.[0]?.field]).toEqual([
        bad,
        400,
        'itemId',
      ]);
    }
  });

  it('does not let a socket join, lock or submit to a malformed project id', async () => {
    const other: ClientSocket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: browser.cookies() },
      auth: { clientId: randomUUID() },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve) =>
      other.once('connect', () => resolve()),
    );
    try {
      for (const bad of NOT_UUIDS) {
        const joined = await other
          .timeout(10_000)
          .emitWithAck('project:join', { projectId: bad });
        expect(joined).toEqual({
          ok: false,
          error: expect.objectContaining({ code: 'project_not_found' }),
        });
        const submitted = await other
          .timeout(10_000)
          .emitWithAck('change:submit', {
            projectId: bad,
            mutationId: randomUUID(),
            change: { kind: 'object.delete', id: course },
          } as never);
        expect(submitted).toMatchObject({
          ok: false,
          error: { code: 'not_joined' },
        });
      }
    } finally {
      other.disconnect();
    }
  });
});

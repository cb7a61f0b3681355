import { type BrowserAgent, type TestApp } from '@orca/api/core/testing';
import { CollabClient, type CollabSocket } from '@orca/shared/collab-client';
import {
  type Change,
  keyBetween,
  newObject,
  objectsInOrder,
  type ProjectModel,
} from '@orca/shared/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, filter } from 'rxjs';
import {
  goLive,
  projectWithPeople,
  startCollabApp,
} from '../testing/live-workshop';

describe('the collaboration client library against the real server', () => {
  let app: TestApp;
  let url: string;
  const clients: Array<{ client: CollabClient; socket: CollabSocket }> = [];

  beforeAll(async () => {
    ({ app, url } = await startCollabApp());
  }, 120_000);

  afterEach(() => {
    for (const { client, socket } of clients.splice(0)) {
      client.stop();
      socket.disconnect();
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  async function workshop(people: number) {
    const { projectId, owner, browsers } = await projectWithPeople(app, people);
    const connected = [];
    for (const browser of browsers) {
      const { client, socket } = await goLive(url, browser, projectId);
      clients.push({ client, socket });
      connected.push({ client, socket, browser });
    }
    return { projectId, owner, people: connected };
  }

  const object = (name: string, orderKey = 'a0') =>
    newObject({ id: randomUUID(), name, orderKey });

  async function settled(
    client: CollabClient,
    rev: number,
  ): Promise<ProjectModel> {
    const timer = setTimeout(() => {
      console.log('still waiting for rev', rev, {
        ...client.state$.value,
        model: undefined,
      });
    }, 8000);
    const state = await firstValueFrom(
      client.state$.pipe(
        filter((s) => s.status === 'live' && s.pending === 0 && s.rev >= rev),
      ),
    );
    clearTimeout(timer);
    return state.model as ProjectModel;
  }

  async function serverModel(owner: BrowserAgent, projectId: string) {
    return (await owner.get(`/api/v1/projects/${projectId}/model`)).body as {
      rev: number;
      model: ProjectModel;
    };
  }

  it('shows a change at once, then everyone converges on the server model', async () => {
    const { projectId, owner, people } = await workshop(2);
    const [ana, ben] = people as [(typeof people)[0], (typeof people)[0]];
    const plot = object('Plot');
    const confirmed = ana.client.submit({
      kind: 'object.create',
      object: plot,
    });
    expect(ana.client.model?.objects[plot.id]?.name).toBe('Plot'); // before any answer
    expect(await confirmed).toEqual({ ok: true, rev: 1, committed: true });
    const server = await serverModel(owner, projectId);
    expect(await settled(ben.client, 1)).toEqual(server.model);
    expect(await settled(ana.client, 1)).toEqual(server.model);
  });

  it('keeps both people’s concurrent edits of different fields of one object', async () => {
    const { projectId, owner, people } = await workshop(2);
    const [ana, ben] = people as [(typeof people)[0], (typeof people)[0]];
    const course = object('Course');
    await ana.client.submit({ kind: 'object.create', object: course });
    await settled(ben.client, 1);
    await Promise.all([
      ana.client.submit({
        kind: 'object.update',
        id: course.id,
        patch: { definition: 'A sequence of lessons.' },
      }),
      ben.client.submit({
        kind: 'object.update',
        id: course.id,
        patch: { priority: 'now', score: 9 },
      }),
    ]);
    const server = await serverModel(owner, projectId);
    expect(server.model.objects[course.id]).toMatchObject({
      definition: 'A sequence of lessons.',
      priority: 'now',
      score: 9,
    });
    expect(await settled(ana.client, server.rev)).toEqual(server.model);
    expect(await settled(ben.client, server.rev)).toEqual(server.model);
  });

  it('rolls back a change the server refuses and says why', async () => {
    const { projectId, owner, people } = await workshop(2);
    const [ana, ben] = people as [(typeof people)[0], (typeof people)[0]];
    const rejections = [
      firstValueFrom(ana.client.rejected$),
      firstValueFrom(ben.client.rejected$),
    ];
    // Both name a new object "Plot" at the same moment: one of them must lose.
    const outcomes = await Promise.all([
      ana.client.submit({ kind: 'object.create', object: object('Plot') }),
      ben.client.submit({ kind: 'object.create', object: object('Plot') }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const server = await serverModel(owner, projectId);
    expect(Object.values(server.model.objects).map((o) => o.name)).toEqual([
      'Plot',
    ]);
    expect(await settled(ana.client, server.rev)).toEqual(server.model);
    expect(await settled(ben.client, server.rev)).toEqual(server.model);
    const loser = outcomes.findIndex((outcome) => !outcome.ok);
    expect((await rejections[loser])?.error.code).toBe('validation_failed');
  });

  it('loses nothing across a dropped connection: queued changes are sent after resync', async () => {
    const { projectId, owner, people } = await workshop(2);
    const [ana, ben] = people as [(typeof people)[0], (typeof people)[0]];
    const tool = object('Tool');
    await ana.client.submit({ kind: 'object.create', object: tool });
    await settled(ben.client, 1);

    ben.socket.disconnect();
    await firstValueFrom(
      ben.client.state$.pipe(filter((s) => s.status === 'offline')),
    );
    const offline = ben.client.submit({
      kind: 'object.update',
      id: tool.id,
      patch: { definition: 'Borrowed from the shed.' },
    });
    await ana.client.submit({
      kind: 'object.create',
      object: object('Shed', keyBetween('a0', null)),
    });
    expect(ben.client.state$.value.pending).toBe(1);

    ben.socket.connect();
    expect((await offline).ok).toBe(true);
    const server = await serverModel(owner, projectId);
    expect(server.model.objects[tool.id]?.definition).toBe(
      'Borrowed from the shed.',
    );
    expect(await settled(ben.client, server.rev)).toEqual(server.model);
    expect(await settled(ana.client, server.rev)).toEqual(server.model);
  });

  it('converges under random concurrent changes and disconnects (seeded)', async () => {
    const { projectId, owner, people } = await workshop(3);
    const names = ['Course', 'Lesson', 'Review', 'Topic', 'Badge', 'Quiz'];
    const step = fc.record({
      who: fc.integer({ min: 0, max: people.length - 1 }),
      action: fc.constantFrom(
        'create',
        'rename',
        'prioritise',
        'move',
        'delete',
        'drop',
      ),
      pick: fc.nat(),
      name: fc.constantFrom(...names),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 25, maxLength: 25 }),
        async (steps) => {
          const waits: Array<Promise<unknown>> = [];
          for (const { who, action, pick, name } of steps) {
            const person = people[who] as (typeof people)[0];
            const model = person.client.model;
            if (!model) continue;
            const existing = objectsInOrder(model);
            const target = existing[pick % Math.max(existing.length, 1)];
            let change: Change | null = null;
            if (action === 'create')
              change = {
                kind: 'object.create',
                object: object(
                  `${name} ${pick % 100}`,
                  keyBetween(existing.at(-1)?.orderKey ?? null, null),
                ),
              };
            else if (action === 'drop') {
              if (person.socket.connected) person.socket.disconnect();
              else person.socket.connect();
            } else if (target && action === 'rename')
              change = {
                kind: 'object.update',
                id: target.id,
                patch: { definition: `${name} ${pick}` },
              };
            else if (target && action === 'prioritise')
              change = {
                kind: 'priority.set',
                items: [{ itemKind: 'object', id: target.id }],
                priority: (['now', 'next', 'later'] as const)[pick % 3],
              };
            else if (target && action === 'move')
              change = {
                kind: 'object.move',
                id: target.id,
                orderKey: keyBetween(null, existing[0]?.orderKey ?? null),
              };
            else if (target && action === 'delete')
              change = { kind: 'object.delete', id: target.id };
            if (change) waits.push(person.client.submit(change));
            await new Promise((resolve) => setTimeout(resolve, pick % 15));
          }
          for (const { socket } of people)
            if (!socket.connected) socket.connect();
          await Promise.all(waits);
          const server = await serverModel(owner, projectId);
          for (const { client } of people)
            expect(await settled(client, server.rev)).toEqual(server.model);
        },
      ),
      { numRuns: 4, seed: 20261126, endOnFailure: true },
    );
  }, 120_000);
});

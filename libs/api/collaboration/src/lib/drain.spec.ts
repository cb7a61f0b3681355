import type { TestApp } from '@orca/api/core/testing';
import { newObject, type ProjectModel } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { filter, firstValueFrom } from 'rxjs';
import {
  goLive,
  type LivePerson,
  projectWithPeople,
  startCollabApp,
} from '../testing/live-workshop';
import { CollabGateway } from './collab.gateway';

/** Shutdown's socket half (decision 0027): tell, answer, close; the clients resume elsewhere. */
describe('a draining instance', () => {
  let app: TestApp;
  let url: string;
  const live: LivePerson[] = [];

  beforeAll(async () => {
    ({ app, url } = await startCollabApp());
  }, 120_000);

  afterAll(async () => {
    for (const { client, socket } of live) {
      client.stop();
      socket.disconnect();
    }
    await app?.close();
  });

  const settled = (person: LivePerson, rev: number) =>
    firstValueFrom(
      person.client.state$.pipe(
        filter((s) => s.status === 'live' && s.pending === 0 && s.rev >= rev),
      ),
    );

  it('is sent nothing more once it says so, and its clients resend after reconnecting, losing nothing', async () => {
    const { projectId, owner, browsers } = await projectWithPeople(app, 2);
    for (const browser of browsers)
      live.push(await goLive(url, browser, projectId));
    const [ana, ben] = live as [LivePerson, LivePerson];
    const create = (name: string, orderKey: string) =>
      ana.client.submit({
        kind: 'object.create',
        object: newObject({ id: randomUUID(), name, orderKey }),
      });
    await Promise.all([create('Book', 'a0'), create('Loan', 'a1')]);
    await settled(ana, 2);

    const told = Promise.all(
      live.map(
        ({ socket }) =>
          new Promise<number>((resolve) =>
            socket.once('server:draining', (event) =>
              resolve(event.closesWithinMs),
            ),
          ),
      ),
    );
    const gateway = app.app.get(CollabGateway);
    expect(gateway.drain(5000)).toBe(2);
    expect(await told).toEqual([5000, 5000]);

    // Made while the instance drains: shown at once, kept, not sent to it.
    const later = [create('Member', 'a2'), create('Fine', 'a3')];
    expect(ana.client.state$.value.pending).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await owner.get(`/api/v1/projects/${projectId}/model`);
    expect(during.body.rev).toBe(2);

    // The connections close as a dropped network would; both reconnect and resync.
    const reconnected = live.map(
      ({ socket }) =>
        new Promise<void>((resolve) =>
          socket.once('disconnect', () => socket.once('connect', resolve)),
        ),
    );
    gateway.closeConnections();
    await Promise.all(reconnected);
    expect(await Promise.all(later)).toEqual([
      { ok: true, rev: 3, committed: true },
      { ok: true, rev: 4, committed: true },
    ]);
    const names = (model: ProjectModel | null) =>
      Object.values(model?.objects ?? {})
        .map((object) => object.name)
        .sort();
    await settled(ben, 4);
    const stored = await owner.get(`/api/v1/projects/${projectId}/model`);
    expect(stored.body.rev).toBe(4);
    expect(names(stored.body.model)).toEqual([
      'Book',
      'Fine',
      'Loan',
      'Member',
    ]);
    expect(names(ben.client.model)).toEqual(names(stored.body.model));
  });
});

import { type TestApp } from '@orca/api/core/testing';
import type { CollabSocket } from '@orca/shared/collab-client';
import type { CollabError, SubmitResponse } from '@orca/shared/contracts';
import { newObject } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, filter } from 'rxjs';
import {
  goLive,
  type LivePerson,
  projectWithPeople,
  startCollabApp,
} from '../testing/live-workshop';

const LIMIT = 5;

/** SOCKET_RATE_LIMIT: each live connection, not each person or room, is held to its rate. */
describe('a live connection that floods the server', () => {
  let app: TestApp;
  let url: string;
  const people: LivePerson[] = [];

  beforeAll(async () => {
    ({ app, url } = await startCollabApp({
      SOCKET_RATE_LIMIT: String(LIMIT),
    }));
  }, 120_000);

  afterAll(async () => {
    for (const { client, socket } of people) {
      client.stop();
      socket.disconnect();
    }
    await app?.close();
  });

  const create = (name: string) => ({
    kind: 'object.create',
    object: newObject({ id: randomUUID(), name, orderKey: 'a0' }),
  });

  it('is refused past the limit with a clear error, while another connection in the room goes on', async () => {
    const { projectId, browsers } = await projectWithPeople(app, 2);
    const [flooder, calm] = await Promise.all(
      browsers.map((browser) => goLive(url, browser, projectId)),
    );
    people.push(flooder as LivePerson, calm as LivePerson);
    const socket = (flooder as LivePerson).socket as CollabSocket;
    const answers = await Promise.all(
      Array.from(
        { length: 4 * LIMIT },
        (_, index) =>
          socket.timeout(10_000).emitWithAck('change:submit', {
            projectId,
            mutationId: randomUUID(),
            change: create(`Flood ${index}`),
          } as never) as Promise<SubmitResponse>,
      ),
    );
    const refused = answers.filter((answer) => !answer.ok);
    // The burst (two seconds' worth) went through; the rest was refused before any work.
    expect(answers.length - refused.length).toBeLessThanOrEqual(2 * LIMIT + 1);
    expect(refused.length).toBeGreaterThanOrEqual(4 * LIMIT - 2 * LIMIT - 1);
    const error = (refused[0] as { error: CollabError }).error;
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(error.message).toContain(`at most ${LIMIT} a second`);
    expect(error.retryAfterMs).toBeGreaterThan(0);

    // The other person's connection has its own allowance.
    const outcome = await (calm as LivePerson).client.submit(
      create('Calm') as never,
    );
    expect(outcome).toMatchObject({ ok: true, committed: true });
  });

  it('costs the collaboration client library nothing: it waits as told and resends, and every change lands', async () => {
    const { projectId, browsers } = await projectWithPeople(app, 1);
    const person = await goLive(url, browsers[0] as never, projectId);
    people.push(person);
    const count = 4 * LIMIT;
    const rejected: string[] = [];
    person.client.rejected$.subscribe(({ error }) => rejected.push(error.code));
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        person.client.submit(create(`Burst ${index}`) as never),
      ),
    );
    // It was held back: past the burst, at most LIMIT a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(
      ((count - 2 * LIMIT) / LIMIT) * 1000 * 0.8,
    );
    expect(rejected).toEqual([]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const state = await firstValueFrom(
      person.client.state$.pipe(filter((value) => value.pending === 0)),
    );
    expect(Object.keys(state.model?.objects ?? {})).toHaveLength(count);
    expect(state.rev).toBe(count);
  }, 30_000);
});

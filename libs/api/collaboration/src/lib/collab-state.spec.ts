import { randomUUID } from 'node:crypto';
import {
  LOCK_IDLE_MS,
  PRESENCE_IDLE_MS,
  type PresenceFocus,
} from '@orca/shared/contracts';
import { createClient } from 'redis';
import {
  CollabState,
  HEARTBEAT_MS,
  MemoryHashes,
  RedisHashes,
  ResilientHashes,
  type SharedHashes,
} from './collab-state';

const ana = { userId: 'u-ana', displayName: 'Ana' };
const ben = { userId: 'u-ben', displayName: 'Ben' };
const cell: PresenceFocus = { kind: 'nom-cell', row: 'o1', column: 'o2' };

type Redis = ReturnType<typeof createClient>;
let redis: Redis | null = null;

beforeAll(async () => {
  if (!process.env['REDIS_URL']) return;
  redis = createClient({ url: process.env['REDIS_URL'] });
  await redis.connect();
});

afterAll(async () => {
  await redis?.quit();
});

/** Two api instances sharing one store (Redis when REDIS_URL is set), on a clock the test moves. */
function setup(kind: 'memory' | 'redis') {
  let now = Date.parse('2026-11-26T09:00:00Z');
  const clock = () => now;
  let hashes: SharedHashes;
  if (kind === 'redis') {
    if (!redis) throw new Error('REDIS_URL is not set');
    hashes = new RedisHashes(redis);
  } else {
    hashes = new MemoryHashes(clock);
  }
  return {
    one: new CollabState(hashes, clock),
    two: new CollabState(hashes, clock),
    projectId: randomUUID(),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const backends: Array<'memory' | 'redis'> = process.env['REDIS_URL']
  ? ['memory', 'redis']
  : ['memory'];

describe.each(backends)('CollabState on %s', (kind) => {
  it('shows everyone in a project across instances, one entry per person with their latest focus', async () => {
    const { one, two, projectId, advance } = setup(kind);
    await one.join(projectId, 's1', ana);
    await two.join(projectId, 's2', ben);
    await two.join(projectId, 's3', ana); // Ana's second tab, on the other instance
    advance(1000);
    await two.touch(projectId, 's3', { kind: 'object', id: 'o1' });
    const members = await one.members(projectId);
    expect(members.map((m) => [m.displayName, m.focus])).toEqual([
      ['Ana', { kind: 'object', id: 'o1' }],
      ['Ben', null],
    ]);
    expect(members[0]?.color).toMatch(/^#[0-9a-f]{6}$/);
    await two.leave(projectId, 's2');
    expect((await one.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ana',
    ]);
  });

  it('drops a person idle for 15 minutes, and brings them back when they move', async () => {
    const { one, two, projectId, advance } = setup(kind);
    await one.join(projectId, 's1', ana);
    await two.join(projectId, 's2', ben);
    for (let waited = 0; waited < PRESENCE_IDLE_MS; waited += HEARTBEAT_MS) {
      advance(HEARTBEAT_MS);
      await one.heartbeat();
      await two.heartbeat();
      if (waited === 5 * 60_000)
        await two.touch(projectId, 's2', { kind: 'view', view: 'nom' });
    }
    advance(1000);
    expect((await one.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ben',
    ]);
    await one.touch(projectId, 's1', { kind: 'view', view: 'catalog' });
    expect((await two.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ana',
      'Ben',
    ]);
  });

  it('forgets the people of an instance that stopped sending heartbeats', async () => {
    const { one, two, projectId, advance } = setup(kind);
    await one.join(projectId, 's1', ana);
    await two.join(projectId, 's2', ben);
    for (let i = 0; i < 4; i++) {
      advance(HEARTBEAT_MS);
      await one.heartbeat(); // instance two is gone
    }
    expect((await one.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ana',
    ]);
  });

  it('drops sockets a heartbeat finds out of the room (revoked on another instance)', async () => {
    const { one, projectId } = setup(kind);
    await one.join(projectId, 's1', ana);
    await one.heartbeat(() => false);
    expect(await one.members(projectId)).toEqual([]);
    expect(one.localProjects()).toEqual([]);
  });

  it('lets one person hold a lock, names them to others, and lets them renew it', async () => {
    const { one, two, projectId, advance } = setup(kind);
    await one.join(projectId, 's1', ana);
    await two.join(projectId, 's2', ben);
    const first = await one.acquire(projectId, 's1', cell, ana);
    expect(first.ok).toBe(true);
    const refused = await two.acquire(projectId, 's2', cell, ben);
    expect(refused).toEqual({
      ok: false,
      holder: expect.objectContaining({ userId: ana.userId }),
    });
    advance(LOCK_IDLE_MS - 1000);
    const renewed = await one.acquire(projectId, 's1', cell, ana);
    expect(renewed.ok).toBe(true);
    advance(2000);
    expect(
      (await two.locks(projectId)).map((l) => l.holder.displayName),
    ).toEqual(['Ana']);
    expect(await two.release(projectId, cell, ben.userId)).toBe(false);
    expect(await one.release(projectId, cell, ana.userId)).toBe(true);
    expect(await two.locks(projectId)).toEqual([]);
  });

  it('lets a lock go after 5 minutes idle, and on leaving', async () => {
    const { one, two, projectId, advance } = setup(kind);
    await one.join(projectId, 's1', ana);
    await two.join(projectId, 's2', ben);
    await one.acquire(projectId, 's1', cell, ana);
    advance(LOCK_IDLE_MS + 1);
    expect(await two.locks(projectId)).toEqual([]);
    expect(await two.expireLocks(projectId)).toBe(true);
    expect((await two.acquire(projectId, 's2', cell, ben)).ok).toBe(true);
    const left = await two.leave(projectId, 's2');
    expect(left).toEqual({ left: true, locksReleased: true });
    expect(await one.locks(projectId)).toEqual([]);
  });
});

describe('CollabState while Redis does not answer', () => {
  /** Memory that refuses while `down` (as Redis does during an outage), for the way back. */
  class Outage implements SharedHashes {
    down = true;
    private readonly memory = new MemoryHashes();
    private check() {
      if (this.down) return Promise.reject(new Error('The client is offline'));
      return Promise.resolve();
    }
    async put(key: string, field: string, value: string, ttlMs: number) {
      await this.check();
      return this.memory.put(key, field, value, ttlMs);
    }
    async remove(key: string, fields: readonly string[]) {
      await this.check();
      return this.memory.remove(key, fields);
    }
    async entries(key: string) {
      await this.check();
      return this.memory.entries(key);
    }
    async claim(...args: Parameters<SharedHashes['claim']>) {
      await this.check();
      return this.memory.claim(...args);
    }
  }

  it('keeps joins, presence and locks working on this instance, and says so once', async () => {
    // A real client that cannot reach its server: every command fails at once.
    const offline = createClient({ url: 'redis://127.0.0.1:1' });
    const changes: boolean[] = [];
    const state = new CollabState(
      new ResilientHashes(new RedisHashes(offline), (degraded) =>
        changes.push(degraded),
      ),
    );
    const projectId = randomUUID();
    await state.join(projectId, 's1', ana);
    await state.join(projectId, 's2', ben);
    expect((await state.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ana',
      'Ben',
    ]);
    expect((await state.acquire(projectId, 's1', cell, ana)).ok).toBe(true);
    expect(await state.acquire(projectId, 's2', cell, ben)).toMatchObject({
      ok: false,
      holder: { displayName: 'Ana' },
    });
    expect(changes).toEqual([true]);
  });

  it('goes back to the shared store when it answers again, and the heartbeat writes this instance back', async () => {
    const shared = new Outage();
    const changes: boolean[] = [];
    const one = new CollabState(
      new ResilientHashes(shared, (degraded) => changes.push(degraded)),
    );
    const two = new CollabState(new ResilientHashes(shared));
    const projectId = randomUUID();
    await one.join(projectId, 's1', ana);
    shared.down = false;
    // The other instance sees only what reaches the shared store: Ana after one heartbeat.
    expect(await two.members(projectId)).toEqual([]);
    await one.heartbeat();
    expect((await two.members(projectId)).map((m) => m.displayName)).toEqual([
      'Ana',
    ]);
    expect(changes).toEqual([true, false]);
  });
});

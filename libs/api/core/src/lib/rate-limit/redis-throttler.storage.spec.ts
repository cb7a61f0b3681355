import { createClient } from 'redis';
import { redisClientOptions } from '../cache/redis.provider';
import { RedisThrottlerStorage } from './redis-throttler.storage';

describe('rate-limit counters while Redis does not answer', () => {
  it('counts in memory instead (sign-in keeps working and stays throttled), window by window', async () => {
    // A real client whose server is not there: every command fails at once (no offline queue).
    const offline = createClient(redisClientOptions('redis://127.0.0.1:1'));
    let now = 0;
    const storage = new RedisThrottlerStorage(offline, 'test:', () => now);
    const hit = () => storage.increment('ana', 60_000, 3, 0, 'auth');
    const first = await hit();
    expect(first).toMatchObject({ totalHits: 1, isBlocked: false });
    await hit();
    await hit();
    const fourth = await hit();
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(fourth.timeToBlockExpire).toBe(60);
    // Another key has its own count; a new window starts over.
    expect(
      (await storage.increment('ben', 60_000, 3, 0, 'auth')).totalHits,
    ).toBe(1);
    now += 60_001;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});

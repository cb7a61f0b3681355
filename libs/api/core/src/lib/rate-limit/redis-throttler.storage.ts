import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RedisConnection } from '../cache/redis.provider';

/** Windows kept in memory while Redis is away; older ones are swept past this many. */
const LOCAL_WINDOWS_MAX = 10_000;

/**
 * Fixed-window rate-limit counters in Redis, so every api replica counts the same attempts.
 * One round trip: INCR, set the window's expiry on the first hit, read what is left of it.
 * While Redis does not answer, each instance counts in its own memory (the same limits, per
 * instance): sign-in keeps working and stays throttled.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new Map<
    string,
    { hits: number; expiresAt: number }
  >();
  private degraded = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'orca:throttle:',
    private readonly clock: () => number = Date.now,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const redisKey = `${this.prefix}${throttlerName}:${key}`;
    const window = Math.max(ttl, blockDuration);
    let counted: [hits: number, remainingMs: number];
    try {
      counted = (await this.redis
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, window, 'NX')
        .pTTL(redisKey)
        .exec()
        .then((replies) => [Number(replies[0]), Number(replies[2])])) as [
        number,
        number,
      ];
      if (this.degraded) {
        this.degraded = false;
        this.local.clear();
      }
    } catch (error) {
      if (!this.degraded)
        this.logger.warn(
          `rate-limit counters in memory while Redis does not answer (${(error as Error).message})`,
        );
      this.degraded = true;
      counted = this.countLocally(redisKey, window);
    }
    const [hits, remainingMs] = counted;
    const secondsLeft = Math.max(1, Math.ceil(remainingMs / 1000));
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  private countLocally(key: string, window: number): [number, number] {
    const now = this.clock();
    if (this.local.size > LOCAL_WINDOWS_MAX)
      for (const [stale, entry] of this.local)
        if (entry.expiresAt <= now) this.local.delete(stale);
    let entry = this.local.get(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { hits: 0, expiresAt: now + window };
      this.local.set(key, entry);
    }
    entry.hits++;
    return [entry.hits, entry.expiresAt - now];
  }
}

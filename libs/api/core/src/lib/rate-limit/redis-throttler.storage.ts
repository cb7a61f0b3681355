import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RedisConnection } from '../cache/redis.provider';

/**
 * Fixed-window rate-limit counters in Redis, so every api replica counts the same attempts.
 * One round trip: INCR, set the window's expiry on the first hit, read what is left of it.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'orca:throttle:',
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
    const [hits, remainingMs] = (await this.redis
      .multi()
      .incr(redisKey)
      .pExpire(redisKey, window, 'NX')
      .pTTL(redisKey)
      .exec()
      .then((replies) => [Number(replies[0]), Number(replies[2])])) as [
      number,
      number,
    ];
    const secondsLeft = Math.max(1, Math.ceil(remainingMs / 1000));
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }
}

import KeyvRedis from '@keyv/redis';
import type { CacheModuleOptions } from '@nestjs/cache-manager';
import { Keyv } from 'keyv';
import { createClient } from 'redis';
import type { AppConfig } from '../config/app-config';
import { redisClientOptions } from './redis.provider';

/**
 * The same cache-manager code path in memory or on Redis (through Keyv stores). While Redis is
 * down a read is a miss and a write is skipped (Keyv swallows the store's errors): every lookup
 * goes to PostgreSQL, nothing waits for Redis.
 */
export function buildCacheOptions(config: AppConfig): CacheModuleOptions {
  if (!config.redisUrl) {
    return { ttl: 60_000 };
  }
  const client = createClient(redisClientOptions(config.redisUrl));
  client.on('error', () => undefined); // RedisLifecycle's client reports outages
  // Connected now, not at the first lookup: a client that never connected would make that lookup
  // wait for Redis; an open one answers a miss at once while Redis is away. Closed with the app.
  void client.connect().catch(() => undefined);
  return {
    ttl: 60_000,
    stores: [
      new Keyv({
        store: new KeyvRedis(client, { throwOnConnectError: false }),
        namespace: 'orca-cache',
        useKeyPrefix: false,
      }),
    ],
  };
}

import KeyvRedis from '@keyv/redis';
import type { CacheModuleOptions } from '@nestjs/cache-manager';
import { Keyv } from 'keyv';
import type { AppConfig } from '../config/app-config';

/** The same cache-manager code path in memory or on Redis (through Keyv stores). */
export function buildCacheOptions(config: AppConfig): CacheModuleOptions {
  if (!config.redisUrl) {
    return { ttl: 60_000 };
  }
  return {
    ttl: 60_000,
    stores: [
      new Keyv({
        store: new KeyvRedis(config.redisUrl),
        namespace: 'orca-cache',
        useKeyPrefix: false,
      }),
    ],
  };
}

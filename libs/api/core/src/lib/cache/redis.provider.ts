import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createClient, type RedisClientOptions } from 'redis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';

export type RedisConnection = ReturnType<typeof createClient>;

/**
 * How every Redis client of the api connects: it reconnects by itself (backing off to 3 s), and
 * while it is disconnected a command fails at once instead of waiting in an offline queue, so a
 * Redis outage degrades the api (no cache, this instance's own presence and fan-out) rather than
 * stalling every request that touches Redis until it comes back.
 */
export function redisClientOptions(url: string) {
  return {
    url,
    disableOfflineQueue: true,
    socket: {
      reconnectStrategy: (retries: number) => Math.min(retries * 100, 3000),
      connectTimeout: 5000,
    },
  } satisfies RedisClientOptions;
}

/** One shared Redis connection (health, rate-limit counters, presence), only when REDIS_URL is set. */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  client: RedisConnection | null = null;
  private down = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async connect(): Promise<RedisConnection | null> {
    if (!this.config.redisUrl) return null;
    const client = createClient(redisClientOptions(this.config.redisUrl));
    // One line when Redis goes away and one when it is back, not one per reconnect attempt.
    client.on('error', (error: Error) => {
      if (this.down) return;
      this.down = true;
      this.logger.warn(
        `Redis unreachable (${error.message}): serving without it (no shared cache, presence or fan-out) until it is back`,
      );
    });
    client.on('ready', () => {
      if (!this.down) return;
      this.down = false;
      this.logger.log('Redis is back');
    });
    await client.connect();
    this.client = client;
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.quit().catch(() => undefined);
    this.client = null;
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createClient } from 'redis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/tokens';

export type RedisConnection = ReturnType<typeof createClient>;

/** One shared Redis connection (health, rate-limit counters, presence), only when REDIS_URL is set. */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  client: RedisConnection | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async connect(): Promise<RedisConnection | null> {
    if (!this.config.redisUrl) return null;
    const client = createClient({
      url: this.config.redisUrl,
      socket: {
        reconnectStrategy: (retries) => Math.min(retries * 100, 3000),
        connectTimeout: 5000,
      },
    });
    client.on('error', (error: Error) =>
      this.logger.warn(`Redis error: ${error.message}`),
    );
    await client.connect();
    this.client = client;
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.quit().catch(() => undefined);
    this.client = null;
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { AppConfig } from '@orca/api/core';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO for live collaboration: WebSocket transport only (no sticky sessions needed behind a
 * load balancer), and with REDIS_URL a Redis Streams adapter so a change committed on one api
 * instance reaches the sockets of every instance; it also survives short Redis outages and
 * supports connection state recovery.
 */
export class CollabIoAdapter extends IoAdapter {
  private redis: ReturnType<typeof createClient> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /** Connects the adapter's own Redis client (blocking stream reads need a connection of their own). */
  async connect(): Promise<void> {
    if (!this.config.redisUrl) return;
    this.redis = createClient({
      url: this.config.redisUrl,
      socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 3000) },
    });
    this.redis.on('error', () => undefined);
    await this.redis.connect();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket'],
      cors:
        this.config.corsOrigins.length > 0
          ? { origin: this.config.corsOrigins, credentials: true }
          : undefined,
      maxHttpBufferSize: 1_000_000,
      connectionStateRecovery: {
        maxDisconnectionDuration: 2 * 60_000,
        skipMiddlewares: false,
      },
    }) as Server;
    if (this.redis)
      server.adapter(createAdapter(this.redis, { streamName: 'orca:collab' }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
    this.redis = null;
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { type AppConfig, redisClientOptions } from '@orca/api/core';
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

  /**
   * Connects the adapter's own Redis client (blocking stream reads need a connection of their own).
   *
   * While Redis is away, publishing fails at once (no offline queue), so the adapter broadcasts
   * to this instance's sockets right away instead of holding every `change:applied` until Redis
   * is back; other instances' clients catch up from the change log (they see the gap in revs).
   * The readers it duplicates from this client keep an offline queue: a stream read then waits
   * for the reconnection instead of spinning. A failed pub/sub publish (fetchSockets, acks) is
   * swallowed rather than left as an unhandled rejection that would end the process.
   */
  async connect(): Promise<void> {
    if (!this.config.redisUrl) return;
    const client = createClient(redisClientOptions(this.config.redisUrl));
    client.on('error', () => undefined);
    const duplicate = client.duplicate.bind(client);
    const publish = client.publish.bind(client);
    const sPublish = client.sPublish.bind(client);
    Object.assign(client, {
      duplicate: (overrides?: Parameters<typeof duplicate>[0]) =>
        duplicate({ disableOfflineQueue: false, ...overrides }),
      publish: (...args: Parameters<typeof publish>) =>
        publish(...args).catch(() => 0),
      sPublish: (...args: Parameters<typeof sPublish>) =>
        sPublish(...args).catch(() => 0),
    });
    this.redis = client;
    await client.connect();
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

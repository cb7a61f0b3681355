import { Logger, Module } from '@nestjs/common';
import { REDIS_CLIENT, type RedisConnection } from '@orca/api/core';
import {
  CollabState,
  MemoryHashes,
  RedisHashes,
  ResilientHashes,
} from './collab-state';
import { AuthModule } from '@orca/api/auth';
import { ExportModule } from '@orca/api/export';
import { ForagingModule } from '@orca/api/foraging';
import { MetricsModule } from '@orca/api/metrics';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { CollabGateway } from './collab.gateway';

/** Live collaboration over Socket.IO (namespace /collab). */
@Module({
  imports: [
    AuthModule,
    ProjectsModule,
    ModelModule,
    ExportModule,
    ForagingModule,
    MetricsModule,
  ],
  providers: [
    CollabGateway,
    {
      // Presence and locks live in Redis when it is configured (shared by every instance); while
      // Redis is away, in this instance's memory.
      provide: CollabState,
      inject: [REDIS_CLIENT],
      useFactory: (redis: RedisConnection | null) => {
        if (!redis) return new CollabState(new MemoryHashes());
        const logger = new Logger('Collab');
        return new CollabState(
          new ResilientHashes(new RedisHashes(redis), (degraded, error) =>
            degraded
              ? logger.warn(
                  `presence and locks in memory (this instance only) while Redis does not answer: ${error?.message}`,
                )
              : logger.log('presence and locks shared through Redis again'),
          ),
        );
      },
    },
  ],
})
export class CollaborationModule {}

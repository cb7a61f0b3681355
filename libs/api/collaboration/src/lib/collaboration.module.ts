import { Module } from '@nestjs/common';
import { REDIS_CLIENT, type RedisConnection } from '@orca/api/core';
import { CollabState, MemoryHashes, RedisHashes } from './collab-state';
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
      // Presence and locks live in Redis when it is configured (shared by every instance).
      provide: CollabState,
      inject: [REDIS_CLIENT],
      useFactory: (redis: RedisConnection | null) =>
        new CollabState(redis ? new RedisHashes(redis) : new MemoryHashes()),
    },
  ],
})
export class CollaborationModule {}

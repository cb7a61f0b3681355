import { Module } from '@nestjs/common';
import { AuthModule } from '@orca/api/auth';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { CollabGateway } from './collab.gateway';

/** Live collaboration over Socket.IO (namespace /collab). */
@Module({
  imports: [AuthModule, ProjectsModule, ModelModule],
  providers: [CollabGateway],
})
export class CollaborationModule {}

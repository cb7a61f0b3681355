import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectAccessResolver } from '@orca/api/auth';
import { InvitationEntity } from './entities/invitation.entity';
import { ProjectMemberEntity } from './entities/project-member.entity';
import { ProjectEntity } from './entities/project.entity';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

/** Projects, members with roles, and invitations. Provides the guard's view of project roles. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProjectEntity,
      ProjectMemberEntity,
      InvitationEntity,
    ]),
  ],
  controllers: [ProjectsController, InvitationsController],
  providers: [
    ProjectsService,
    InvitationsService,
    { provide: ProjectAccessResolver, useExisting: ProjectsService },
  ],
  exports: [ProjectsService, ProjectAccessResolver],
})
export class ProjectsModule {}

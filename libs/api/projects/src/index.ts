export * from './lib/projects.module';
export * from './lib/projects.service';
export * from './lib/invitations.service';
export * from './lib/entities/project.entity';
export * from './lib/entities/project-member.entity';
export * from './lib/entities/invitation.entity';
export * from './lib/dto/projects.dto';

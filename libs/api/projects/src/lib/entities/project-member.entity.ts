import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { UserEntity } from '@orca/api/auth';
import type { ProjectRole } from '@orca/shared/domain';
import { ProjectEntity } from './project.entity';

@Entity({ name: 'project_members' })
export class ProjectMemberEntity {
  @PrimaryColumn({
    name: 'project_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_project_members',
  })
  projectId!: string;

  @Index('ix_project_members_user')
  @PrimaryColumn({
    name: 'user_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_project_members',
  })
  userId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_project_members_project',
  })
  project?: ProjectEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'user_id',
    foreignKeyConstraintName: 'fk_project_members_user',
  })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  role!: ProjectRole;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}

import { UserEntity } from '@orca/api/auth';
import { bigintAsNumber } from '@orca/api/core';
import { ProjectEntity } from '@orca/api/projects';
import type { ProjectModel } from '@orca/shared/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const SNAPSHOT_NAME_MAX_LENGTH = 120;
export const SNAPSHOT_DESCRIPTION_MAX_LENGTH = 2000;

/** A named, immutable copy of a project's whole model at one rev. */
@Entity({ name: 'snapshots' })
@Index('ix_snapshots_project', ['projectId', 'createdAt'])
export class SnapshotEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_snapshots' })
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_snapshots_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: SNAPSHOT_NAME_MAX_LENGTH })
  name!: string;

  @Column({
    type: 'varchar',
    length: SNAPSHOT_DESCRIPTION_MAX_LENGTH,
    default: '',
  })
  description!: string;

  /** The project's rev the model was read at. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  rev!: number;

  @Column({ type: 'jsonb' })
  model!: ProjectModel;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'author_id',
    foreignKeyConstraintName: 'fk_snapshots_author',
  })
  author?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

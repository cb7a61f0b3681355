import { UserEntity } from '@orca/api/auth';
import { ProjectEntity } from '@orca/api/projects';
import {
  FORAGING_SOURCE_NAME_MAX_LENGTH,
  type ForagingTextFormat,
} from '@orca/shared/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SourceAnalysis } from '../pipeline/source-analysis';

/** One foraged research text (an interview, a brief), kept with what the tagger found in it. */
@Entity({ name: 'foraging_sources' })
@Index('ix_foraging_sources_project', ['projectId', 'createdAt'])
@Check('ck_foraging_sources_format', `"format" IN ('text', 'markdown')`)
export class ForagingSourceEntity {
  @PrimaryGeneratedColumn('uuid', {
    primaryKeyConstraintName: 'pk_foraging_sources',
  })
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_foraging_sources_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'varchar', length: FORAGING_SOURCE_NAME_MAX_LENGTH })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'text' })
  format!: ForagingTextFormat;

  @Column({ type: 'text' })
  text!: string;

  /** Size of the text in bytes of UTF-8. */
  @Column({ type: 'integer' })
  bytes!: number;

  /** The raw counts per lemma and verb (ranking happens when sources are merged). */
  @Column({ type: 'jsonb' })
  candidates!: SourceAnalysis;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'created_by',
    foreignKeyConstraintName: 'fk_foraging_sources_creator',
  })
  creator?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

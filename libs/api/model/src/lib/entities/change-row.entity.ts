import { bigintAsNumber } from '@orca/api/core';
import { UserEntity } from '@orca/api/auth';
import { ProjectEntity } from '@orca/api/projects';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';

/** One committed change: the project's history, activity feed and resync source. */
@Entity({ name: 'changes' })
@Unique('uq_changes_mutation', ['projectId', 'clientId', 'mutationId'])
@Index('ix_changes_undoes', ['projectId', 'undoes'])
export class ChangeRow {
  @PrimaryColumn({
    name: 'project_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_changes',
  })
  projectId!: string;

  @PrimaryColumn({
    type: 'bigint',
    transformer: bigintAsNumber,
    primaryKeyConstraintName: 'pk_changes',
  })
  rev!: number;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_changes_project',
  })
  project?: ProjectEntity;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'actor_id',
    foreignKeyConstraintName: 'fk_changes_actor',
  })
  actor?: UserEntity | null;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'mutation_id', type: 'varchar', length: 64 })
  mutationId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'jsonb' })
  change!: unknown;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  effects!: unknown;

  @Column({
    name: 'removed_ids',
    type: 'uuid',
    array: true,
    default: () => "'{}'",
  })
  removedIds!: string[];

  /** The text ops this change applied per long-text field (`<itemKind>:<id>:<field>`), for OT. */
  @Column({ name: 'text_ops', type: 'jsonb', nullable: true })
  textOps!: Record<string, unknown> | null;

  /** The changes that revert this one, in order (the domain's inverseOf); null before undo existed. */
  @Column({ type: 'jsonb', nullable: true })
  inverse!: unknown[] | null;

  /** On an undo's changes: the rev they revert. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  undoes!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { ProjectEntity } from '@orca/api/projects';
import type {
  Attribute,
  Cta,
  OrcaObject,
  Relationship,
  Role,
} from '@orca/shared/domain';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';

/** One row per model item: keys and references as columns, the item itself as the domain's JSON. */
@Entity({ name: 'model_objects' })
export class ObjectRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_model_objects' })
  id!: string;

  @Index('ix_model_objects_project')
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_model_objects_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'jsonb' })
  data!: OrcaObject;
}

@Entity({ name: 'model_roles' })
export class RoleRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_model_roles' })
  id!: string;

  @Index('ix_model_roles_project')
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_model_roles_project',
  })
  project?: ProjectEntity;

  @Column({ type: 'jsonb' })
  data!: Role;
}

@Entity({ name: 'model_relationships' })
@Unique('uq_model_relationships_cell', ['fromObjectId', 'toObjectId'])
export class RelationshipRow {
  @PrimaryColumn({
    type: 'uuid',
    primaryKeyConstraintName: 'pk_model_relationships',
  })
  id!: string;

  @Index('ix_model_relationships_project')
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_model_relationships_project',
  })
  project?: ProjectEntity;

  @Column({ name: 'from_object_id', type: 'uuid' })
  fromObjectId!: string;

  @ManyToOne(() => ObjectRow, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'from_object_id',
    foreignKeyConstraintName: 'fk_model_relationships_from',
  })
  fromObject?: ObjectRow;

  @Column({ name: 'to_object_id', type: 'uuid' })
  toObjectId!: string;

  @ManyToOne(() => ObjectRow, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'to_object_id',
    foreignKeyConstraintName: 'fk_model_relationships_to',
  })
  toObject?: ObjectRow;

  @Column({ type: 'jsonb' })
  data!: Relationship;
}

@Entity({ name: 'model_attributes' })
export class AttributeRow {
  @PrimaryColumn({
    type: 'uuid',
    primaryKeyConstraintName: 'pk_model_attributes',
  })
  id!: string;

  @Index('ix_model_attributes_project')
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_model_attributes_project',
  })
  project?: ProjectEntity;

  @Column({ name: 'object_id', type: 'uuid' })
  objectId!: string;

  @ManyToOne(() => ObjectRow, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'object_id',
    foreignKeyConstraintName: 'fk_model_attributes_object',
  })
  object?: ObjectRow;

  @Column({ type: 'jsonb' })
  data!: Attribute;
}

@Entity({ name: 'model_ctas' })
export class CtaRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_model_ctas' })
  id!: string;

  @Index('ix_model_ctas_project')
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'project_id',
    foreignKeyConstraintName: 'fk_model_ctas_project',
  })
  project?: ProjectEntity;

  @Column({ name: 'role_id', type: 'uuid' })
  roleId!: string;

  @ManyToOne(() => RoleRow, { onDelete: 'NO ACTION' })
  @JoinColumn({
    name: 'role_id',
    foreignKeyConstraintName: 'fk_model_ctas_role',
  })
  role?: RoleRow;

  @Column({ name: 'object_id', type: 'uuid' })
  objectId!: string;

  @ManyToOne(() => ObjectRow, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'object_id',
    foreignKeyConstraintName: 'fk_model_ctas_object',
  })
  object?: ObjectRow;

  @Column({ type: 'jsonb' })
  data!: Cta;
}

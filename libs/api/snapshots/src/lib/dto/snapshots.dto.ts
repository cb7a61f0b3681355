import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProjectModelDoc } from '@orca/api/model';
import { Transform } from 'class-transformer';
import { IsOmittable } from '@orca/api/core';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import {
  SNAPSHOT_DESCRIPTION_MAX_LENGTH,
  SNAPSHOT_NAME_MAX_LENGTH,
} from '../entities/snapshot.entity';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateSnapshotDto {
  @ApiProperty({
    example: 'After the discovery workshop',
    minLength: 1,
    maxLength: SNAPSHOT_NAME_MAX_LENGTH,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(SNAPSHOT_NAME_MAX_LENGTH)
  name!: string;

  @ApiPropertyOptional({ maxLength: SNAPSHOT_DESCRIPTION_MAX_LENGTH })
  @IsOmittable()
  @IsString()
  @MaxLength(SNAPSHOT_DESCRIPTION_MAX_LENGTH)
  description?: string;
}

export class RestoreSnapshotDto {
  @ApiPropertyOptional({
    description:
      'The new project\'s name; default "<project> (restored <snapshot>)"',
    minLength: 1,
    maxLength: 120,
  })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name?: string;
}

export class SnapshotCountsDto {
  @ApiProperty() objects!: number;
  @ApiProperty() relationships!: number;
  @ApiProperty() roles!: number;
  @ApiProperty() ctas!: number;
  @ApiProperty() attributes!: number;
}

export class SnapshotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'The project rev the model was copied at' })
  rev!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId!: string | null;
  @ApiProperty({ nullable: true, type: String })
  authorName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: SnapshotCountsDto }) counts!: SnapshotCountsDto;
}

export class SnapshotWithModelDto extends SnapshotDto {
  @ApiProperty({ type: ProjectModelDoc }) model!: ProjectModelDoc;
}

const ANY_JSON = {
  nullable: true,
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
  ],
};

export class FieldDiffDto {
  @ApiProperty() field!: string;
  @ApiProperty({ ...ANY_JSON, description: 'The value on the `a` side' })
  before!: unknown;
  @ApiProperty({ ...ANY_JSON, description: 'The value on the `b` side' })
  after!: unknown;
}

export class ItemPresenceDto {
  @ApiProperty() id!: string;
  @ApiProperty({
    description:
      'What people call it: "Course", "Course → Lesson", "Course › Title", "Learner › Course › Enroll in"',
  })
  label!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The whole item (an OrcaObjectDoc, RelationshipDoc… by kind)',
  })
  item!: Record<string, unknown>;
}

export class ItemFieldChangesDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: [FieldDiffDto] }) fields!: FieldDiffDto[];
}

export class KindDiffDto {
  @ApiProperty({ type: [ItemPresenceDto] }) added!: ItemPresenceDto[];
  @ApiProperty({ type: [ItemPresenceDto] }) removed!: ItemPresenceDto[];
  @ApiProperty({ type: [ItemFieldChangesDto] })
  changed!: ItemFieldChangesDto[];
}

export class DiffTotalsDto {
  @ApiProperty() added!: number;
  @ApiProperty() removed!: number;
  @ApiProperty() changed!: number;
}

export class DiffSideDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null for the current model',
  })
  snapshotId!: string | null;
  @ApiProperty({ description: 'The snapshot name, or "current"' })
  name!: string;
  @ApiProperty() rev!: number;
}

export class SnapshotDiffDto {
  @ApiProperty({ type: DiffSideDto }) a!: DiffSideDto;
  @ApiProperty({ type: DiffSideDto }) b!: DiffSideDto;
  @ApiProperty({ type: DiffTotalsDto }) totals!: DiffTotalsDto;
  @ApiProperty({ type: KindDiffDto }) objects!: KindDiffDto;
  @ApiProperty({ type: KindDiffDto }) relationships!: KindDiffDto;
  @ApiProperty({ type: KindDiffDto }) roles!: KindDiffDto;
  @ApiProperty({ type: KindDiffDto }) ctas!: KindDiffDto;
  @ApiProperty({ type: KindDiffDto }) attributes!: KindDiffDto;
}

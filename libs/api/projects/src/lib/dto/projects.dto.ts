import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@orca/api/core';
import type {
  AcceptInvitationResponse,
  CreateInvitationRequest,
  CreateProjectRequest,
  InvitationDto as InvitationContract,
  InvitationPreviewDto as InvitationPreviewContract,
  InvitationStatus,
  MemberDto as MemberContract,
  ProjectDto as ProjectContract,
  UpdateMemberRequest,
  UpdateProjectRequest,
} from '@orca/shared/contracts';
import { PROJECT_ROLES, type ProjectRole } from '@orca/shared/domain';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const ROLE_MESSAGE = `role must be one of ${PROJECT_ROLES.join(', ')}`;

export class ProjectDto implements ProjectContract {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({
    enum: PROJECT_ROLES,
    enumName: 'ProjectRole',
    description: "The caller's role on this project",
  })
  role!: ProjectRole;
  @ApiProperty({
    description: 'Model revision: one higher after every committed change',
  })
  rev!: number;
  @ApiProperty() memberCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({ example: 'Learning platform', minLength: 1, maxLength: 120 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class UpdateProjectDto implements UpdateProjectRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class MemberDto implements MemberContract {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: PROJECT_ROLES, enumName: 'ProjectRole' })
  role!: ProjectRole;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @ApiProperty({ enum: PROJECT_ROLES, enumName: 'ProjectRole' })
  @IsIn(PROJECT_ROLES, { message: ROLE_MESSAGE })
  role!: ProjectRole;
}

export class InviterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class InvitationDto implements InvitationContract {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: PROJECT_ROLES, enumName: 'ProjectRole' })
  role!: ProjectRole;
  @ApiProperty({
    enum: ['pending', 'accepted', 'revoked', 'expired'],
    enumName: 'InvitationStatus',
  })
  status!: InvitationStatus;
  @ApiProperty({ type: InviterDto }) invitedBy!: InviterDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiPropertyOptional({
    description:
      'Only when no mail server is configured: hand this link to the person yourself.',
  })
  acceptUrl?: string;
}

export class CreateInvitationDto implements CreateInvitationRequest {
  @ApiProperty({ example: 'ben@example.com' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: PROJECT_ROLES, enumName: 'ProjectRole' })
  @IsIn(PROJECT_ROLES, { message: ROLE_MESSAGE })
  role!: ProjectRole;
}

export class InvitationPreviewDto implements InvitationPreviewContract {
  @ApiProperty() projectName!: string;
  @ApiProperty({ enum: PROJECT_ROLES, enumName: 'ProjectRole' })
  role!: ProjectRole;
  @ApiProperty() invitedBy!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    enum: ['pending', 'accepted', 'revoked', 'expired'],
    enumName: 'InvitationStatus',
  })
  status!: InvitationStatus;
}

export class AcceptInvitationResponseDto implements AcceptInvitationResponse {
  @ApiProperty({ type: ProjectDto }) project!: ProjectDto;
}

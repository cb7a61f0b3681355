import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  MailerService,
  ProblemException,
  notFound,
} from '@orca/api/core';
import {
  newSecret,
  type Principal,
  sha256Hex,
  UserEntity,
} from '@orca/api/auth';
import type { InvitationStatus } from '@orca/shared/contracts';
import { PROJECT_ROLES } from '@orca/shared/domain';
import { DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import type {
  CreateInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  ProjectDto,
} from './dto/projects.dto';
import { InvitationEntity } from './entities/invitation.entity';
import { ProjectMemberEntity } from './entities/project-member.entity';
import { ProjectEntity } from './entities/project.entity';
import { ProjectsService } from './projects.service';

function statusOf(
  invitation: InvitationEntity,
  now = Date.now(),
): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

const UNUSABLE: Record<
  Exclude<InvitationStatus, 'pending'>,
  () => ProblemException
> = {
  accepted: () =>
    new ProblemException(
      410,
      'invitation_used',
      'This invitation has already been used',
      'Ask the facilitator for a new one if you need it.',
    ),
  revoked: () =>
    new ProblemException(
      410,
      'invitation_revoked',
      'This invitation was withdrawn',
      'Ask the facilitator for a new one.',
    ),
  expired: () =>
    new ProblemException(
      410,
      'invitation_expired',
      'This invitation has expired',
      'Ask the facilitator for a new one.',
    ),
};

/** Invitations by email with a role and an expiring, single-use link. */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    projectId: string,
    inviter: Principal,
    input: CreateInvitationDto,
  ): Promise<InvitationDto> {
    const token = newSecret();
    const invitation = await this.dataSource.transaction(async (manager) => {
      const alreadyMember = await manager
        .createQueryBuilder(ProjectMemberEntity, 'm')
        .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
        .where('m.project_id = :projectId AND u.email = :email', {
          projectId,
          email: input.email,
        })
        .getExists();
      if (alreadyMember) {
        throw new ProblemException(
          409,
          'already_member',
          'This person is already a member',
          'Change their role in the member list instead.',
          [
            {
              field: 'email',
              message: `${input.email} is already a member of this project.`,
            },
          ],
        );
      }
      // One live invitation per address: a new one replaces the old link.
      await manager.update(
        InvitationEntity,
        {
          projectId,
          email: input.email,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: new Date() },
      );
      return manager.save(
        manager.create(InvitationEntity, {
          projectId,
          email: input.email,
          role: input.role,
          tokenHash: sha256Hex(token),
          invitedBy: inviter.userId,
          expiresAt: new Date(
            Date.now() + this.config.invitationTtlHours * 3_600_000,
          ),
          acceptedAt: null,
          acceptedBy: null,
          revokedAt: null,
        }),
      );
    });
    const project = await this.dataSource
      .getRepository(ProjectEntity)
      .findOneByOrFail({ id: projectId });
    const acceptUrl = `${this.config.publicUrl}/invitations/${token}`;
    const mailed = await this.mailer.send({
      to: input.email,
      subject: `${inviter.displayName} invited you to "${project.name}" on ORCA Project Builder`,
      text:
        `${inviter.displayName} invited you to the ORCA project "${project.name}" as ${input.role}.\n\n` +
        `Accept the invitation: ${acceptUrl}\n\n` +
        `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
    });
    return this.toDto(
      invitation,
      { id: inviter.userId, displayName: inviter.displayName },
      mailed ? undefined : acceptUrl,
    );
  }

  async listPending(projectId: string): Promise<InvitationDto[]> {
    const invitations = await this.dataSource
      .getRepository(InvitationEntity)
      .find({
        where: {
          projectId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
          expiresAt: MoreThan(new Date()),
        },
        relations: { inviter: true },
        order: { createdAt: 'DESC' },
      });
    return invitations.map((invitation) =>
      this.toDto(invitation, {
        id: invitation.invitedBy ?? '',
        displayName: invitation.inviter?.displayName ?? 'A former member',
      }),
    );
  }

  async revoke(projectId: string, invitationId: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(InvitationEntity)
      .update(
        {
          id: invitationId,
          projectId,
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
        },
        { revokedAt: new Date() },
      );
    if (!result.affected) throw notFound('invitation_not_found', 'Invitation');
  }

  async preview(token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.dataSource
      .getRepository(InvitationEntity)
      .findOne({
        where: { tokenHash: sha256Hex(token) },
        relations: { project: true, inviter: true },
      });
    if (!invitation?.project)
      throw notFound('invitation_not_found', 'Invitation');
    const status = statusOf(invitation);
    if (status !== 'pending') throw UNUSABLE[status]();
    return {
      projectName: invitation.project.name,
      role: invitation.role,
      invitedBy: invitation.inviter?.displayName ?? 'A former member',
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISOString(),
      status,
    };
  }

  /** Single use, for the invited address only, all in one transaction. */
  async accept(token: string, principal: Principal): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const invitation = await manager
        .createQueryBuilder(InvitationEntity, 'i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash', { hash: sha256Hex(token) })
        .getOne();
      if (!invitation) throw notFound('invitation_not_found', 'Invitation');
      const status = statusOf(invitation);
      if (status !== 'pending') throw UNUSABLE[status]();
      if (invitation.email !== principal.email) {
        throw new ProblemException(
          403,
          'invitation_email_mismatch',
          'This invitation is for another email address',
          `It was sent to ${invitation.email}; you are signed in as ${principal.email}. Sign in with that address to accept it.`,
        );
      }
      const existing = await manager.findOne(ProjectMemberEntity, {
        where: { projectId: invitation.projectId, userId: principal.userId },
      });
      if (!existing) {
        await manager.insert(ProjectMemberEntity, {
          projectId: invitation.projectId,
          userId: principal.userId,
          role: invitation.role,
        });
      } else if (
        PROJECT_ROLES.indexOf(invitation.role) >
        PROJECT_ROLES.indexOf(existing.role)
      ) {
        await manager.update(
          ProjectMemberEntity,
          { projectId: invitation.projectId, userId: principal.userId },
          { role: invitation.role },
        );
      }
      await manager.update(
        InvitationEntity,
        { id: invitation.id },
        { acceptedAt: new Date(), acceptedBy: principal.userId },
      );
      return this.projects.get(invitation.projectId, principal.userId, manager);
    });
  }

  private toDto(
    invitation: InvitationEntity,
    invitedBy: { id: string; displayName: string },
    acceptUrl?: string,
  ): InvitationDto {
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: statusOf(invitation),
      invitedBy,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
      ...(acceptUrl ? { acceptUrl } : {}),
    };
  }
}

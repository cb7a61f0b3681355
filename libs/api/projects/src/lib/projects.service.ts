import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException, notFound } from '@orca/api/core';
import type { ProjectAccessResolver } from '@orca/api/auth';
import { type ProjectRole, roleSatisfies } from '@orca/shared/domain';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CreateProjectDto,
  MemberDto,
  ProjectDto,
  UpdateProjectDto,
} from './dto/projects.dto';
import { ProjectMemberEntity } from './entities/project-member.entity';
import { ProjectEntity } from './entities/project.entity';

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  rev: string | number;
  created_at: Date;
  updated_at: Date;
  role: ProjectRole;
  member_count: string | number;
}

function toProjectDto(row: ProjectRow): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.role,
    rev: Number(row.rev),
    memberCount: Number(row.member_count),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const PROJECT_SELECT = `
  SELECT p.id, p.name, p.description, p.rev, p.created_at, p.updated_at, m.role,
         (SELECT count(*) FROM project_members c WHERE c.project_id = p.id) AS member_count
  FROM projects p
  JOIN project_members m ON m.project_id = p.id AND m.user_id = $1`;

export const lastFacilitator = () =>
  new ProblemException(
    409,
    'last_facilitator',
    'A project needs at least one facilitator',
    'Make someone else a facilitator first, then change this role or leave.',
  );

/** Projects and their members. Authorization has already happened in the guard. */
@Injectable()
export class ProjectsService implements ProjectAccessResolver {
  /** Someone lost access to a project (removed, left, or the project was deleted: userId null). */
  readonly accessRevoked$ = new Subject<{
    projectId: string;
    userId: string | null;
    reason: string;
  }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async roleOf(projectId: string, userId: string): Promise<ProjectRole | null> {
    const member = await this.dataSource
      .getRepository(ProjectMemberEntity)
      .findOne({ where: { projectId, userId }, select: { role: true } });
    return member?.role ?? null;
  }

  async list(userId: string): Promise<ProjectDto[]> {
    const rows: ProjectRow[] = await this.dataSource.query(
      `${PROJECT_SELECT} ORDER BY p.updated_at DESC, p.name`,
      [userId],
    );
    return rows.map(toProjectDto);
  }

  async get(
    projectId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProjectDto> {
    const rows: ProjectRow[] = await manager.query(
      `${PROJECT_SELECT} WHERE p.id = $2`,
      [userId, projectId],
    );
    const row = rows[0];
    if (!row) throw notFound('project_not_found', 'Project');
    return toProjectDto(row);
  }

  async create(userId: string, input: CreateProjectDto): Promise<ProjectDto> {
    return this.dataSource.transaction(async (manager) => {
      const project = await manager.save(
        manager.create(ProjectEntity, {
          name: input.name,
          description: input.description ?? '',
          createdBy: userId,
        }),
      );
      await manager.insert(ProjectMemberEntity, {
        projectId: project.id,
        userId,
        role: 'facilitator',
      });
      return this.get(project.id, userId, manager);
    });
  }

  async update(
    projectId: string,
    userId: string,
    input: UpdateProjectDto,
  ): Promise<ProjectDto> {
    const changes: Partial<ProjectEntity> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined)
      changes.description = input.description;
    if (Object.keys(changes).length === 0) {
      throw new ProblemException(
        400,
        'validation_failed',
        'Nothing to update',
        'Send name and/or description.',
        [{ field: 'name', message: 'Send name and/or description.' }],
      );
    }
    await this.dataSource
      .getRepository(ProjectEntity)
      .update({ id: projectId }, changes);
    return this.get(projectId, userId);
  }

  async remove(projectId: string): Promise<void> {
    await this.dataSource
      .getRepository(ProjectEntity)
      .delete({ id: projectId });
    this.accessRevoked$.next({
      projectId,
      userId: null,
      reason: 'The project was deleted.',
    });
  }

  async members(projectId: string): Promise<MemberDto[]> {
    const members = await this.dataSource
      .getRepository(ProjectMemberEntity)
      .find({
        where: { projectId },
        relations: { user: true },
        order: { joinedAt: 'ASC' },
      });
    return members.map((member) => ({
      userId: member.userId,
      email: member.user?.email ?? '',
      displayName: member.user?.displayName ?? '',
      role: member.role,
      joinedAt: member.joinedAt.toISOString(),
    }));
  }

  async changeRole(
    projectId: string,
    targetUserId: string,
    role: ProjectRole,
  ): Promise<MemberDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, projectId, targetUserId);
      if (member.role === 'facilitator' && role !== 'facilitator')
        await this.ensureAnotherFacilitator(manager, projectId);
      await manager.update(
        ProjectMemberEntity,
        { projectId, userId: targetUserId },
        { role },
      );
    });
    const updated = (await this.members(projectId)).find(
      (member) => member.userId === targetUserId,
    );
    if (!updated) throw notFound('member_not_found', 'Member');
    return updated;
  }

  /** A facilitator removes anyone; anyone may remove themselves (leave). */
  async removeMember(
    projectId: string,
    actorId: string,
    actorRole: ProjectRole,
    targetUserId: string,
  ): Promise<void> {
    if (actorId !== targetUserId && !roleSatisfies(actorRole, 'facilitator')) {
      throw new ProblemException(
        403,
        'insufficient_role',
        'Only a facilitator can remove other members',
        `You are a ${actorRole}.`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, projectId, targetUserId);
      if (member.role === 'facilitator')
        await this.ensureAnotherFacilitator(manager, projectId);
      await manager.delete(ProjectMemberEntity, {
        projectId,
        userId: targetUserId,
      });
    });
    this.accessRevoked$.next({
      projectId,
      userId: targetUserId,
      reason:
        actorId === targetUserId
          ? 'You left the project.'
          : 'A facilitator removed you from the project.',
    });
  }

  /** Locks the project row, so concurrent role changes see each other (no project loses its last facilitator). */
  private async lockMember(
    manager: EntityManager,
    projectId: string,
    userId: string,
  ): Promise<ProjectMemberEntity> {
    await manager.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [
      projectId,
    ]);
    const member = await manager.findOne(ProjectMemberEntity, {
      where: { projectId, userId },
    });
    if (!member) throw notFound('member_not_found', 'Member');
    return member;
  }

  private async ensureAnotherFacilitator(
    manager: EntityManager,
    projectId: string,
  ): Promise<void> {
    const facilitators = await manager.count(ProjectMemberEntity, {
      where: { projectId, role: 'facilitator' },
    });
    if (facilitators <= 1) throw lastFacilitator();
  }
}

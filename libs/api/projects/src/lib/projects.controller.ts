import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Authenticated,
  type AuthenticatedRequest,
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, uuidParam } from '@orca/api/core';
import type { ProjectRole } from '@orca/shared/domain';
import {
  CreateProjectDto,
  MemberDto,
  ProjectDto,
  UpdateMemberDto,
  UpdateProjectDto,
} from './dto/projects.dto';
import { ProjectsService } from './projects.service';

const projectIdParam = () =>
  Param('projectId', uuidParam('project_not_found', 'Project'));

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Authenticated()
  @Get()
  @ApiOperation({
    operationId: 'listProjects',
    summary: 'The projects I am a member of, with my role',
  })
  @ApiOkResponse({ type: [ProjectDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ProjectDto[]> {
    return this.projects.list(principal.userId);
  }

  @Authenticated()
  @Post()
  @ApiOperation({
    operationId: 'createProject',
    summary: 'Create a project; I become its facilitator',
  })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiProblems([400, 'validation_failed'])
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.create(principal.userId, body);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':projectId')
  @ApiOperation({ operationId: 'getProject', summary: 'One project' })
  @ApiOkResponse({ type: ProjectDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @projectIdParam() projectId: string,
  ): Promise<ProjectDto> {
    return this.projects.get(projectId, principal.userId);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Patch(':projectId')
  @ApiOperation({
    operationId: 'updateProject',
    summary: 'Rename or describe a project',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiProblems([400, 'validation_failed'])
  update(
    @CurrentPrincipal() principal: Principal,
    @projectIdParam() projectId: string,
    @Body() body: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.update(projectId, principal.userId, body);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Delete(':projectId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteProject',
    summary: 'Delete a project and everything in it',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@projectIdParam() projectId: string): Promise<void> {
    await this.projects.remove(projectId);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Get(':projectId/members')
  @ApiOperation({
    operationId: 'listMembers',
    summary: 'The members of a project and their roles',
  })
  @ApiOkResponse({ type: [MemberDto] })
  members(@projectIdParam() projectId: string): Promise<MemberDto[]> {
    return this.projects.members(projectId);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Patch(':projectId/members/:userId')
  @ApiOperation({
    operationId: 'updateMember',
    summary: "Change a member's role",
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(
    [400, 'validation_failed'],
    [409, 'last_facilitator: a project keeps at least one facilitator'],
  )
  changeRole(
    @projectIdParam() projectId: string,
    @Param('userId', uuidParam('member_not_found', 'Member')) userId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.projects.changeRole(projectId, userId, body.role);
  }

  @Authenticated({ projectRole: 'viewer' })
  @Delete(':projectId/members/:userId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'removeMember',
    summary: 'Remove a member (facilitators), or leave the project (yourself)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(
    [403, 'insufficient_role'],
    [409, 'last_facilitator: a project keeps at least one facilitator'],
  )
  async removeMember(
    @Req() request: AuthenticatedRequest,
    @CurrentPrincipal() principal: Principal,
    @projectIdParam() projectId: string,
    @Param('userId', uuidParam('member_not_found', 'Member')) userId: string,
  ): Promise<void> {
    await this.projects.removeMember(
      projectId,
      principal.userId,
      request.projectRole as ProjectRole,
      userId,
    );
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
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
  CurrentPrincipal,
  type Principal,
} from '@orca/api/auth';
import { ApiProblems, Public, uuidParam } from '@orca/api/core';
import {
  AcceptInvitationResponseDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
} from './dto/projects.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Authenticated({ projectRole: 'facilitator' })
  @Get('projects/:projectId/invitations')
  @ApiOperation({
    operationId: 'listInvitations',
    summary: 'Pending invitations of a project',
  })
  @ApiOkResponse({ type: [InvitationDto] })
  list(
    @Param('projectId', uuidParam('project_not_found', 'Project'))
    projectId: string,
  ): Promise<InvitationDto[]> {
    return this.invitations.listPending(projectId);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Post('projects/:projectId/invitations')
  @ApiOperation({
    operationId: 'createInvitation',
    summary: 'Invite someone by email with a role',
    description:
      'Emailed when SMTP is configured; otherwise the response carries `acceptUrl` for you to hand over.',
  })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblems([400, 'validation_failed'], [409, 'already_member'])
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', uuidParam('project_not_found', 'Project'))
    projectId: string,
    @Body() body: CreateInvitationDto,
  ): Promise<InvitationDto> {
    return this.invitations.create(projectId, principal, body);
  }

  @Authenticated({ projectRole: 'facilitator' })
  @Delete('projects/:projectId/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeInvitation',
    summary: 'Withdraw a pending invitation',
  })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiProblems([404, 'invitation_not_found'])
  async revoke(
    @Param('projectId', uuidParam('project_not_found', 'Project'))
    projectId: string,
    @Param('invitationId', uuidParam('invitation_not_found', 'Invitation'))
    invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(projectId, invitationId);
  }

  @Public()
  @Get('invitations/:token')
  @ApiOperation({
    operationId: 'previewInvitation',
    summary: 'What an invitation link offers, before accepting it',
  })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiProblems(
    [404, 'invitation_not_found'],
    [410, 'invitation_used, invitation_expired or invitation_revoked'],
  )
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.invitations.preview(token);
  }

  @Authenticated()
  @Post('invitations/:token/accept')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'acceptInvitation',
    summary: 'Join the project with the invited role',
  })
  @ApiOkResponse({ type: AcceptInvitationResponseDto })
  @ApiProblems(
    [403, 'invitation_email_mismatch: sign in with the invited address'],
    [404, 'invitation_not_found'],
    [410, 'invitation_used, invitation_expired or invitation_revoked'],
  )
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('token') token: string,
  ): Promise<AcceptInvitationResponseDto> {
    return { project: await this.invitations.accept(token, principal) };
  }
}

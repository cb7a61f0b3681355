import type { ProjectRole } from '@orca/shared/domain';

export interface ProjectDto {
  id: string;
  name: string;
  description: string;
  /** The caller's role on this project. */
  role: ProjectRole;
  /** The model revision: raised by one on every committed change. */
  rev: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateProjectRequest {
  name: string;
  description?: string;
}

export interface UpdateProjectRequest {
  name?: string;
  description?: string;
}

export interface MemberDto {
  userId: string;
  email: string;
  displayName: string;
  role: ProjectRole;
  joinedAt: string;
}

export interface UpdateMemberRequest {
  role: ProjectRole;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationDto {
  id: string;
  email: string;
  role: ProjectRole;
  status: InvitationStatus;
  invitedBy: { id: string; displayName: string };
  createdAt: string;
  expiresAt: string;
  /** Present only when the invitation could not be emailed (no SMTP configured): hand it over yourself. */
  acceptUrl?: string;
}

export interface CreateInvitationRequest {
  email: string;
  role: ProjectRole;
}

/** What the person holding an invitation link may see before accepting. */
export interface InvitationPreviewDto {
  projectName: string;
  role: ProjectRole;
  invitedBy: string;
  email: string;
  expiresAt: string;
  status: InvitationStatus;
}

export interface AcceptInvitationResponse {
  project: ProjectDto;
}

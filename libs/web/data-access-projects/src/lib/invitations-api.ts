import { Injectable } from '@angular/core';
import type {
  AcceptInvitationResponse,
  CreateInvitationRequest,
  InvitationDto,
  InvitationPreviewDto,
} from '@orca/shared/contracts';
import {
  acceptInvitation,
  createInvitation,
  injectApiCaller,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '@orca/web/api-client';
import { type Observable, map } from 'rxjs';

/** Invitations through the generated client: those a facilitator sends, and the link the invited person opens. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly call = injectApiCaller();

  listPending(projectId: string): Observable<InvitationDto[]> {
    return this.call(listInvitations, { projectId });
  }

  create(
    projectId: string,
    request: CreateInvitationRequest,
  ): Observable<InvitationDto> {
    return this.call(createInvitation, { projectId, body: request });
  }

  revoke(projectId: string, invitationId: string): Observable<void> {
    return this.call(revokeInvitation, { projectId, invitationId }).pipe(
      map(() => undefined),
    );
  }

  preview(token: string): Observable<InvitationPreviewDto> {
    return this.call(previewInvitation, { token });
  }

  accept(token: string): Observable<AcceptInvitationResponse> {
    return this.call(acceptInvitation, { token });
  }
}

import { Injectable } from '@angular/core';
import type {
  ChangePasswordRequest,
  SessionDto,
  SignedOutSessionsDto,
  UpdateProfileRequest,
  UserDto,
} from '@orca/shared/contracts';
import {
  changePassword,
  endOtherSessions,
  endSession,
  injectApiCaller,
  listSessions,
  updateMe,
} from '@orca/web/api-client';
import { type Observable, map } from 'rxjs';

/** The account endpoints (profile, password, sessions) through the generated client. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly call = injectApiCaller();

  updateProfile(request: UpdateProfileRequest): Observable<UserDto> {
    return this.call(updateMe, { body: request });
  }

  changePassword(
    request: ChangePasswordRequest,
  ): Observable<SignedOutSessionsDto> {
    return this.call(changePassword, { body: request });
  }

  listSessions(): Observable<SessionDto[]> {
    return this.call(listSessions, {});
  }

  endSession(sessionId: string): Observable<void> {
    return this.call(endSession, { sessionId }).pipe(map(() => undefined));
  }

  endOtherSessions(): Observable<SignedOutSessionsDto> {
    return this.call(endOtherSessions, {});
  }
}

import { Injectable } from '@angular/core';
import type {
  LoginRequest,
  RegisterRequest,
  SessionStateDto,
  UserDto,
} from '@orca/shared/contracts';
import {
  currentSession,
  injectApiCaller,
  login,
  logout,
  me,
  register,
} from '@orca/web/api-client';
import { type Observable, map } from 'rxjs';

/** The `/auth` session endpoints through the generated client. No state, no UI concerns. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly call = injectApiCaller();

  register(request: RegisterRequest): Observable<UserDto> {
    return this.call(register, { body: request });
  }

  login(request: LoginRequest): Observable<UserDto> {
    return this.call(login, { body: request });
  }

  logout(): Observable<void> {
    return this.call(logout, {}).pipe(map(() => undefined));
  }

  me(): Observable<UserDto> {
    return this.call(me, {});
  }

  /** Like `me()`, but a signed-out visitor is `{ user: null }`, not a 401 (no failed request). */
  session(): Observable<SessionStateDto> {
    return this.call(currentSession, {});
  }
}

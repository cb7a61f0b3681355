import { Injectable } from '@angular/core';
import type {
  ApiTokenDto,
  CreateApiTokenRequest,
  CreatedApiTokenDto,
} from '@orca/shared/contracts';
import {
  createApiToken,
  injectApiCaller,
  listApiTokens,
  revokeApiToken,
} from '@orca/web/api-client';
import { type Observable, map } from 'rxjs';

/** The `/auth/tokens` endpoints (personal API tokens) through the generated client. */
@Injectable({ providedIn: 'root' })
export class TokensApi {
  private readonly call = injectApiCaller();

  list(): Observable<ApiTokenDto[]> {
    return this.call(listApiTokens, {});
  }

  create(request: CreateApiTokenRequest): Observable<CreatedApiTokenDto> {
    return this.call(createApiToken, { body: request });
  }

  revoke(tokenId: string): Observable<void> {
    return this.call(revokeApiToken, { tokenId }).pipe(map(() => undefined));
  }
}

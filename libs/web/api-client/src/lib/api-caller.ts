import { HttpClient, type HttpContext } from '@angular/common/http';
import { inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import { ApiConfiguration } from './generated/api-configuration';
import type { StrictHttpResponse } from './generated/strict-http-response';

type GeneratedOperation<P, R> = (
  http: HttpClient,
  rootUrl: string,
  params: P,
  context?: HttpContext,
) => Observable<StrictHttpResponse<R>>;

/**
 * Calls one generated operation (from `fn/`) and emits its response body. Use in an injection
 * context: `private readonly call = injectApiCaller();` then `this.call(login, { body })`.
 */
export function injectApiCaller() {
  const http = inject(HttpClient);
  const configuration = inject(ApiConfiguration);
  return <P, R>(
    operation: GeneratedOperation<P, R>,
    params: P,
  ): Observable<R> =>
    operation(http, configuration.rootUrl, params).pipe(
      map((response) => response.body),
    );
}

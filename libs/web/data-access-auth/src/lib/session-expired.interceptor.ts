import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE } from './api-base';
import { AuthStore } from './auth-store';

/**
 * Requests whose 401 is an answer, not an expired session: asking who is signed in, signing in
 * and out. (`PATCH /auth/me` answering 401 does mean the session is gone.)
 */
const ANSWERS_WITH_401: ReadonlyArray<{ method: string; url: string }> = [
  { method: 'GET', url: `${API_BASE}/auth/me` },
  { method: 'POST', url: `${API_BASE}/auth/login` },
  { method: 'POST', url: `${API_BASE}/auth/logout` },
];

/**
 * When the API says 401 the session is gone: forget the user and send them to sign in,
 * coming back to the page they were on.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const path = request.url.split('?')[0];
  if (
    ANSWERS_WITH_401.some(
      (answer) => answer.method === request.method && answer.url === path,
    )
  ) {
    return next(request);
  }
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        auth.sessionLost();
        const current = router.url;
        if (!current.startsWith('/sign-in')) {
          void router.navigate(['/sign-in'], {
            queryParams: { returnUrl: current },
          });
        }
      }
      return throwError(() => error);
    }),
  );
};

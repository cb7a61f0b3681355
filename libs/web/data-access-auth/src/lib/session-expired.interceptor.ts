import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE } from './api-base';
import { AuthStore } from './auth-store';

/** Requests whose 401 is an answer, not an expired session. */
const ANSWERS_WITH_401 = [
  `${API_BASE}/auth/me`,
  `${API_BASE}/auth/login`,
  `${API_BASE}/auth/logout`,
];

/**
 * When the API says 401 the session is gone: forget the user and send them to sign in,
 * coming back to the page they were on.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  if (ANSWERS_WITH_401.some((url) => request.url.startsWith(url))) {
    return next(request);
  }
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        auth.clear();
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

import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { map } from 'rxjs';
import { AuthStore } from './auth-store';
import { safeReturnUrl } from './return-url';

/** Lets signed-in people through; sends others to sign in, remembering where they were going. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return auth.resolveStatus().pipe(
    map((status) =>
      status === 'signed-in'
        ? true
        : router.createUrlTree(['/sign-in'], {
            queryParams: { returnUrl: state.url },
          }),
    ),
  );
};

/** For the sign-in and sign-up pages: people already signed in go on to where they were heading. */
export const signedOutGuard: CanActivateFn = (route) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return auth
    .resolveStatus()
    .pipe(
      map((status) =>
        status === 'signed-out'
          ? true
          : router.parseUrl(
              safeReturnUrl(route.queryParamMap.get('returnUrl')),
            ),
      ),
    );
};

/**
 * For the account's own pages: asks the server again on every visit (a 200, never a 401), so a
 * browser whose session was signed out elsewhere goes to sign in instead of showing stale details.
 */
export const confirmedSessionGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return auth.confirmSession().pipe(
    map((status) =>
      status === 'signed-in'
        ? true
        : router.createUrlTree(['/sign-in'], {
            queryParams: { returnUrl: state.url },
          }),
    ),
  );
};

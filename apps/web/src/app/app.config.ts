import {
  provideHttpClient,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { XSRF_COOKIE, XSRF_HEADER } from '@orca/shared/contracts';
import { sessionExpiredInterceptor } from '@orca/web/data-access-auth';
import { appRoutes } from './app.routes';
import { OrcaTitleStrategy } from './title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
    ),
    // Relative `/api/v1/...` URLs only: HttpClient adds the XSRF header to those alone.
    provideHttpClient(
      withInterceptors([sessionExpiredInterceptor]),
      withXsrfConfiguration({
        cookieName: XSRF_COOKIE,
        headerName: XSRF_HEADER,
      }),
    ),
    { provide: TitleStrategy, useClass: OrcaTitleStrategy },
  ],
};

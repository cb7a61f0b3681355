import { VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import {
  json,
  type NextFunction,
  type Request,
  type Response,
  urlencoded,
} from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { findUnstorableText } from '@orca/shared/domain';
import type { AppConfig } from '../config/app-config';
import { ProblemException } from './problem.exception';
import { fromBodyParser } from './problem.filter';
import { createValidationPipe } from './validation';
import { xsrfCookieIssuer } from './xsrf-cookie';

/**
 * HTTP behaviour shared by the real server and the integration tests, so tests exercise exactly
 * what production runs: `/api` prefix with URI versions (`/api/v1/...`), limited JSON bodies,
 * strict validation, cookies, security headers and CORS.
 */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  // Our own parsers (the app is created with bodyParser: false) so that their errors keep
  // their cause: malformed JSON and oversized bodies get precise problem details.
  app.use(
    json({ limit: config.bodyLimit }),
    urlencoded({ limit: config.bodyLimit, extended: false }),
    bodyParserErrors,
    refuseUnstorableText,
  );
  app.use(cookieParser());
  app.use(xsrfCookieIssuer(config.secureCookies));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': config.publicUrl.startsWith('https:')
            ? []
            : null,
        },
      },
      hsts: config.publicUrl.startsWith('https:'),
    }),
  );
  app.enableCors(
    config.corsOrigins.length > 0
      ? {
          origin: config.corsOrigins,
          credentials: true,
          allowedHeaders: ['Content-Type', 'Authorization', 'X-XSRF-TOKEN'],
        }
      : { origin: false },
  );
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
}

function bodyParserErrors(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const problem = fromBodyParser(error);
  if (!problem) return next(error);
  response
    .status(problem.getStatus())
    .type('application/problem+json')
    .send(JSON.stringify(problem.toProblem(request.originalUrl)));
}

/**
 * One check for every route: a NUL or a lone surrogate anywhere in a JSON body or the query is a
 * 422 naming the field, before any feature could try to store it (PostgreSQL refuses both).
 */
function refuseUnstorableText(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const found =
    findUnstorableText(request.body) ??
    findUnstorableText(request.query, 'query');
  if (!found) return next();
  const problem = new ProblemException(
    422,
    'unstorable_text',
    'The request holds text that cannot be stored',
    found.message,
    [{ field: found.field, message: found.message, code: found.reason }],
  );
  response
    .status(422)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toProblem(request.originalUrl)));
}

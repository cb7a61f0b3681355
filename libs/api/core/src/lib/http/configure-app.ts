import { RequestMethod, VersioningType } from '@nestjs/common';
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
import type { Server } from 'node:http';
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
  // `/metrics` stays outside `/api`: the ingress and nginx route only `/api` and `/socket.io` to
  // the api, so scrapes reach it on the pod's port and the internet does not (decision 0027).
  app.setGlobalPrefix('api', {
    exclude: [{ path: 'metrics', method: RequestMethod.GET }],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  // Our own parsers (the app is created with bodyParser: false) so that their errors keep
  // their cause: malformed JSON and oversized bodies get precise problem details.
  app.use(
    json({ limit: config.bodyLimit }),
    urlencoded({ limit: config.bodyLimit, extended: false }),
    bodyParserErrors,
    refuseRepeatedQuery,
    refuseUnstorableText,
  );
  answerMalformedRequests(app);
  app.use(cookieParser());
  app.use(refuseCrossSiteWrites(config.corsOrigins));
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
  // No enableShutdownHooks(): `main.ts` handles SIGTERM itself, draining before it closes.
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers say which site a request comes from (Fetch Metadata, `Sec-Fetch-Site`). An unsafe
 * request made by another site's page is refused before any route, unless that site is one of
 * CORS_ORIGINS: the CSRF token already guards signed-in routes, and this also stops a form on
 * another site from signing a visitor in to an account of the attacker's (login CSRF) or signing
 * them up. Scripts and API clients send no such header and are not affected.
 */
function refuseCrossSiteWrites(corsOrigins: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (
      SAFE_METHODS.has(request.method) ||
      request.get('sec-fetch-site') !== 'cross-site' ||
      corsOrigins.includes(request.get('origin') ?? '')
    )
      return next();
    const problem = new ProblemException(
      403,
      'cross_site_request',
      'Requests from other sites are not accepted',
      'Use the app at its own address, or ask the operator to add your site to CORS_ORIGINS.',
    );
    response
      .status(403)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toProblem(request.originalUrl)));
  };
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
 * Every query parameter of the API is one value: `?q=a&q=b` (which Express reads as a list) is a
 * 400 naming the parameter, not a list handed to code that expects text.
 */
function refuseRepeatedQuery(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const repeated = Object.entries(request.query).find(
    ([, value]) => typeof value !== 'string',
  )?.[0];
  if (repeated === undefined) return next();
  const message = `${repeated} may be given once, as one value`;
  const problem = new ProblemException(
    400,
    'validation_failed',
    'A query parameter was given more than once',
    message,
    [{ field: repeated, message }],
  );
  response
    .status(400)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toProblem(request.originalUrl)));
}

/** Node's own answers to requests it cannot parse, by its error code; anything else is a 400. */
const CLIENT_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers_too_large',
    'The request line or headers are too large',
  ],
  HPE_URI_OVERFLOW: [414, 'uri_too_long', 'The request URI is too long'],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'request_timeout',
    'The request took too long',
  ],
};

/**
 * Requests so malformed that Node refuses them before Express sees them (a 20 kB URL, a broken
 * request line) still get problem details, not a bare status line.
 */
function answerMalformedRequests(app: NestExpressApplication): void {
  const server = app.getHttpServer() as Server;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, title] = CLIENT_ERRORS[error.code ?? ''] ?? [
      400,
      'malformed_request',
      'The request could not be read',
    ];
    const body = JSON.stringify(
      new ProblemException(status, code, title).toProblem(''),
    );
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
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

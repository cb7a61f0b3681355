import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { SESSION_COOKIE } from '@orca/shared/contracts';
import { FieldErrorDto, ProblemDetailsDto } from './problem.dto';

export const OPENAPI_JSON_PATH = 'api/openapi.json';
export const OPENAPI_UI_PATH = 'api/docs';

/** The API description every client (our generated Angular client included) is built from. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ORCA Project Builder API')
    .setDescription(
      'Model a system the OOUX way: objects, relationships, calls-to-action and attributes. ' +
        'Browsers authenticate with the session cookie (and send the XSRF-TOKEN cookie back as the ' +
        'X-XSRF-TOKEN header on unsafe requests); machine clients send a personal API token as ' +
        '`Authorization: Bearer <token>`. Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1.0.0')
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      'session',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'A personal API token from POST /api/v1/auth/tokens',
      },
      'token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto, FieldErrorDto],
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return sortKeys(document);
}

/** Stable key order, so the committed spec diffs cleanly. */
function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, sortKeys(inner)]),
    ) as T;
  }
  return value;
}

export function serveOpenApi(
  app: INestApplication,
  document: OpenAPIObject,
): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: 'ORCA Project Builder API',
    swaggerOptions: { persistAuthorization: true, withCredentials: true },
  });
}

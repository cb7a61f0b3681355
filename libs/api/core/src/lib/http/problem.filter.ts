import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import {
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
} from '@orca/shared/contracts';
import type { Request, Response } from 'express';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailable,
  isDatabaseUnavailable,
} from '../database/database-unavailable';
import { ProblemException } from './problem.exception';

const TITLES: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthenticated', 'Sign in required'],
  403: ['forbidden', 'Not allowed'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload_too_large', 'Request body too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['rate_limited', 'Too many requests'],
};

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
  message?: string;
}

export function fromBodyParser(error: unknown): ProblemException | null {
  const candidate = error as BodyParserError;
  if (
    !candidate ||
    typeof candidate !== 'object' ||
    typeof candidate.type !== 'string'
  )
    return null;
  switch (candidate.type) {
    case 'entity.parse.failed':
      return new ProblemException(
        400,
        'malformed_json',
        'The request body is not valid JSON',
        candidate.message,
      );
    case 'entity.too.large':
      return new ProblemException(
        413,
        'payload_too_large',
        'Request body too large',
        `The body may be at most ${candidate.limit ?? 'the configured'} bytes.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemException(
        415,
        'unsupported_encoding',
        'Unsupported body encoding',
        candidate.message,
      );
    default:
      return null;
  }
}

/** Every error leaves the API as application/problem+json; unexpected ones are logged, never leaked. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(
      exception,
      request.originalUrl ?? request.url,
    );
    if (response.headersSent) return;
    if (problem.status === 429 && !response.getHeader('Retry-After'))
      response.setHeader('Retry-After', '60');
    if (problem.code === 'database_unavailable')
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof ProblemException)
      return exception.toProblem(instance);
    const parserProblem = fromBodyParser(exception);
    if (parserProblem) return parserProblem.toProblem(instance);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, title] = TITLES[status] ?? [
        status >= 500 ? 'server_error' : 'request_failed',
        exception.message,
      ];
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      const detail = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string' && message !== title
          ? message
          : undefined;
      return new ProblemException(status, code, title, detail).toProblem(
        instance,
      );
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        { instance, reason: (exception as Error).message },
        'database unavailable: answered 503',
      );
      return databaseUnavailable().toProblem(instance);
    }
    this.logger.error({ err: exception, instance }, 'Unhandled error');
    return new ProblemException(
      500,
      'internal_error',
      'Something went wrong on our side',
      'The error was logged with this request path.',
    ).toProblem(instance);
  }
}

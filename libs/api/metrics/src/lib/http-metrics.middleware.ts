import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

/** What a request that no route took is counted under (unknown paths must not become labels). */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Times every request Nest routes, under its route template (`/api/v1/projects/:projectId/model`,
 * never the raw URL, whose ids would make one series per project), method and status.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request as Request & { route?: { path?: unknown } }).route
        ?.path;
      this.metrics.httpRequest(
        request.method,
        typeof route === 'string'
          ? `${request.baseUrl}${route}`
          : UNMATCHED_ROUTE,
        response.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  }
}

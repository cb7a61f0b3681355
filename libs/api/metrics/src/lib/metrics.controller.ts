import {
  Controller,
  Get,
  Headers,
  Inject,
  Res,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  APP_CONFIG,
  type AppConfig,
  ProblemException,
  Public,
} from '@orca/api/core';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Metrics } from './metrics.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` (outside `/api`, not in the OpenAPI document: it is for Prometheus, not for
 * clients). Needs `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN there is none.
 */
@ApiExcludeController()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  private readonly expected: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = config.metricsToken ? digest(config.metricsToken) : null;
  }

  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (!this.expected)
      throw new ProblemException(
        404,
        'metrics_disabled',
        'Metrics are not served',
        'Set METRICS_TOKEN to serve them at /metrics.',
      );
    const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    // Compared as digests: equal length, constant time, whatever was sent.
    if (!sent || !timingSafeEqual(digest(sent), this.expected)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ProblemException(
        401,
        'metrics_token_required',
        'The metrics need their token',
        'Send Authorization: Bearer with the value of METRICS_TOKEN.',
      );
    }
    const { contentType, body } = await this.metrics.render();
    response.setHeader('Content-Type', contentType);
    response.setHeader('Cache-Control', 'no-store');
    return body;
  }
}

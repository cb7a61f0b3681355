import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

/**
 * JSON lines on stdout; secrets in headers are never written. Each request has an id (the
 * caller's `X-Request-Id`, or a new UUID), answered in `X-Request-Id`; what is logged while it is
 * handled carries it as `reqId`, and its summary line carries the whole request.
 */
export function buildLoggerParams(config: AppConfig): Params {
  return {
    // Every route, in the path syntax of Express 5 (nestjs-pino's default `*` draws a warning).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request, response) => {
        const id = requestIdOf(request.headers[REQUEST_ID_HEADER]);
        response.setHeader('X-Request-Id', id);
        return id;
      },
      quietReqLogger: true,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-xsrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      autoLogging: {
        // Probes and scrapes come every few seconds; their answers are in the metrics.
        ignore: (req) =>
          /^\/(api\/health|metrics)(\/|\?|$)/.test(req.url ?? ''),
      },
      customProps: () => ({ service: 'orca-api' }),
    },
  };
}

import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** JSON lines on stdout; secrets in headers are never written. */
export function buildLoggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
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
        ignore: (req) => (req.url ?? '').startsWith('/api/health'),
      },
      customProps: () => ({ service: 'orca-api' }),
    },
  };
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const API_OR_SOCKET = /^\/(api|socket\.io)(\/|$)/;

/**
 * Serves the built Angular app at `/` from the same origin as the API (so cookies, CSRF and the
 * socket need no CORS): hashed assets are cached for a year, and any other GET that is not API or
 * socket traffic gets index.html so deep links work. Returns false when there is no build.
 */
export function serveWebApp(
  app: NestExpressApplication,
  distPath: string | null,
): boolean {
  if (!distPath || !existsSync(join(distPath, 'index.html'))) return false;
  const indexHtml = join(distPath, 'index.html');
  app.use(
    express.static(distPath, {
      index: false,
      setHeaders: (response, file) => {
        const hashed =
          /\.[0-9a-z]{8,}\.(js|css|woff2?|svg|png)$/i.test(file) ||
          /-[0-9A-Z]{8,}\.(js|css)$/.test(file);
        response.setHeader(
          'Cache-Control',
          hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      API_OR_SOCKET.test(request.path) ||
      !request.accepts('html')
    ) {
      return next();
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}

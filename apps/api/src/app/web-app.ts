import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const API_OR_SOCKET = /^\/(api|socket\.io|metrics)(\/|$)/;

/** How a precompressed sibling is named, per `Content-Encoding` (tools/web/precompress.mjs). */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

function isHashed(file: string): boolean {
  return (
    /\.[0-9a-z]{8,}\.(js|css|woff2?|svg|png)$/i.test(file) ||
    /-[0-9A-Z]{8,}\.(js|css)$/.test(file)
  );
}

/**
 * The offered encoding with the highest `q` in Accept-Encoding (`*` counts for any not named);
 * on a tie the first offered wins, so brotli beats gzip for `gzip, deflate, br` as browsers send
 * it. Undefined means identity: no header, nothing offered accepted, or identity named with a higher `q`.
 */
function preferredEncoding<T extends { name: string }>(
  header: string | undefined,
  offered: readonly T[],
): T | undefined {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params
      .map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1])
      .find((value) => value !== undefined);
    weights.set(token, q === undefined ? 1 : Number(q) || 0);
  }
  const weight = (name: string): number =>
    weights.get(name) ?? weights.get('*') ?? 0;
  let best: T | undefined;
  let bestWeight = 0;
  for (const candidate of offered) {
    const q = weight(candidate.name);
    if (q > bestWeight) [best, bestWeight] = [candidate, q];
  }
  return best && bestWeight >= (weights.get('identity') ?? 0)
    ? best
    : undefined;
}

/** Every file of the build by URL path, with the encodings that have a precompressed sibling. */
function scanBuild(distPath: string): Map<string, Set<Encoding>> {
  const found = new Map<string, Set<Encoding>>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        continue;
      }
      const sibling = ENCODINGS.find(({ ext }) => entry.name.endsWith(ext));
      if (!sibling) continue;
      const original = entry.name.slice(0, -sibling.ext.length);
      if (!existsSync(join(dir, original))) continue;
      const key = `${prefix}${original}`;
      const encodings = found.get(key) ?? new Set<Encoding>();
      encodings.add(sibling.name);
      found.set(key, encodings);
    }
  };
  walk(distPath, '/');
  return found;
}

/**
 * Serves the built Angular app at `/` from the same origin as the API (so cookies, CSRF and the
 * socket need no CORS): hashed assets are cached for a year, and any other GET that is not API or
 * socket traffic gets index.html so deep links work. A file with a precompressed `.br`/`.gz`
 * sibling is sent as brotli or gzip when the request's Accept-Encoding allows it (identity
 * otherwise), always with `Vary: Accept-Encoding` and the original's Content-Type
 * (docs/decisions/0028). Returns false when there is no build.
 */
export function serveWebApp(
  app: NestExpressApplication,
  distPath: string | null,
): boolean {
  if (!distPath || !existsSync(join(distPath, 'index.html'))) return false;
  const indexHtml = join(distPath, 'index.html');
  const precompressed = scanBuild(distPath);
  const cacheControl = (file: string): string =>
    isHashed(file) ? 'public, max-age=31536000, immutable' : 'no-cache';

  /** Sends `urlPath` (a key of the build) in the best encoding the client accepts. */
  const sendFile = (
    request: Request,
    response: Response,
    next: NextFunction,
    urlPath: string,
  ): void => {
    const encodings = precompressed.get(urlPath);
    const file = join(distPath, urlPath);
    response.setHeader('Cache-Control', cacheControl(file));
    if (!encodings) {
      response.sendFile(file, (error) => error && next(error));
      return;
    }
    response.vary('Accept-Encoding');
    const encoding = preferredEncoding(
      request.headers['accept-encoding'],
      ENCODINGS.filter(({ name }) => encodings.has(name)),
    );
    response.type(extname(urlPath));
    if (!encoding) {
      response.sendFile(file, (error) => error && next(error));
      return;
    }
    response.setHeader('Content-Encoding', encoding.name);
    response.sendFile(file + encoding.ext, (error) => error && next(error));
  };

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      precompressed.has(request.path)
    ) {
      return sendFile(request, response, next, request.path);
    }
    next();
  });
  app.use(
    express.static(distPath, {
      index: false,
      setHeaders: (response, file) => {
        response.setHeader('Cache-Control', cacheControl(file));
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
    if (precompressed.has('/index.html')) {
      return sendFile(request, response, next, '/index.html');
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  brotliCompressSync,
  brotliDecompressSync,
  gunzipSync,
  gzipSync,
} from 'node:zlib';
import { serveWebApp } from './web-app';

@Module({})
class EmptyModule {}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (no client-side decoding), so the test sees the bytes on the wire. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

describe('serveWebApp: precompressed assets', () => {
  const script = `export const greeting = ${JSON.stringify('hello '.repeat(2000))};\n`;
  const html = `<!doctype html><html><head><script src="/main-ABCD1234.js" type="module"></script></head><body>${'<p>ORCA</p>'.repeat(200)}</body></html>`;
  let dist: string;
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'orca-web-app-'));
    writeFileSync(join(dist, 'index.html'), html);
    writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(join(dist, 'index.html.gz'), gzipSync(html));
    writeFileSync(join(dist, 'main-ABCD1234.js'), script);
    writeFileSync(
      join(dist, 'main-ABCD1234.js.br'),
      brotliCompressSync(script),
    );
    writeFileSync(join(dist, 'main-ABCD1234.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'plain-ABCD1234.css'), 'body{margin:0}');
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, {
      logger: false,
    });
    expect(serveWebApp(app, dist)).toBe(true);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, as JavaScript, cached for good', async () => {
    const answer = await get(port, '/main-ABCD1234.js', {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(
      /^(text|application)\/javascript/,
    );
    expect(answer.headers['vary']).toMatch(/accept-encoding/i);
    expect(answer.headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it('follows the q-values a client gives', async () => {
    const gzipFirst = await get(port, '/main-ABCD1234.js', {
      'accept-encoding': 'br;q=0.5, gzip',
    });
    expect(gzipFirst.headers['content-encoding']).toBe('gzip');
    const noBrotli = await get(port, '/main-ABCD1234.js', {
      'accept-encoding': '*, br;q=0',
    });
    expect(noBrotli.headers['content-encoding']).toBe('gzip');
  });

  it('sends gzip when only gzip is accepted', async () => {
    const answer = await get(port, '/main-ABCD1234.js', {
      'accept-encoding': 'gzip',
    });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toMatch(
      /^(text|application)\/javascript/,
    );
    expect(answer.headers['vary']).toMatch(/accept-encoding/i);
    expect(gunzipSync(answer.body).toString()).toBe(script);
  });

  it('sends the file as it is to a client that asks for identity or names no encoding', async () => {
    const asks: Record<string, string>[] = [
      { 'accept-encoding': 'identity' },
      {},
    ];
    for (const headers of asks) {
      const answer = await get(port, '/main-ABCD1234.js', headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['content-type']).toMatch(
        /^(text|application)\/javascript/,
      );
      expect(answer.headers['vary']).toMatch(/accept-encoding/i);
      expect(answer.body.toString()).toBe(script);
    }
  });

  it('sends the shell compressed for deep links too, never cached', async () => {
    const answer = await get(port, '/projects/some-id/objects', {
      accept: 'text/html',
      'accept-encoding': 'br',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(answer.body).toString()).toBe(html);
  });

  it('serves a file without compressed siblings as before', async () => {
    const answer = await get(port, '/plain-ABCD1234.css', {
      'accept-encoding': 'br, gzip',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/^text\/css/);
    expect(answer.body.toString()).toBe('body{margin:0}');
  });
});

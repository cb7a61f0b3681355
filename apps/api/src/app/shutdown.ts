import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@orca/api/core';
import { CollabGateway } from '@orca/api/collaboration';
import { ExportService } from '@orca/api/export';
import { ChangePipeline } from '@orca/api/model';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long the sockets' last answers may take before their connections close. */
const ANSWER_WITHIN_MS = 5000;
/** What closing the app (pool, Redis, the embedded database) is left of the grace period. */
const CLOSE_RESERVE_MS = 3000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` until it holds or `until` (epoch ms) passes; true when it held. */
async function waitFor(done: () => boolean, until: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= until) return false;
    await pause(25);
  }
  return true;
}

/**
 * The HTTP connections and the requests under way on each. Once closing, every answer not yet
 * started says `Connection: close` (so clients do not take the end of the connection for a cut
 * answer), and a connection is ended as soon as it has no request under way: `socket.end()`
 * sends what is still buffered first, where Node's `closeIdleConnections()` would destroy a
 * connection whose last answer is not flushed yet. WebSocket connections are left to Socket.IO.
 */
class HttpConnections {
  private readonly requests = new Map<Socket, number>();
  private readonly answering = new Set<ServerResponse>();
  private readonly upgraded = new WeakSet<Socket>();
  private closing = false;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.requests.set(socket, 0);
      socket.once('close', () => this.requests.delete(socket));
    });
    server.on('upgrade', (request: IncomingMessage) =>
      this.upgraded.add(request.socket),
    );
    server.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        const socket = request.socket;
        this.requests.set(socket, (this.requests.get(socket) ?? 0) + 1);
        this.answering.add(response);
        if (this.closing) closeAfter(response);
        response.once('close', () => {
          this.answering.delete(response);
          const left = (this.requests.get(socket) ?? 1) - 1;
          if (!this.requests.has(socket)) return;
          this.requests.set(socket, left);
          if (this.closing && left === 0) socket.end();
        });
      },
    );
  }

  /** Ends the idle connections now, and each other one after its last answer. */
  close(): void {
    this.closing = true;
    this.answering.forEach(closeAfter);
    for (const [socket, requests] of this.requests)
      if (requests === 0 && !this.upgraded.has(socket)) socket.end();
  }

  /** HTTP requests under way. */
  get inFlight(): number {
    return this.answering.size;
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

/**
 * SIGTERM (a pod stopping, `docker stop`) or SIGINT (Ctrl+C) drains the instance within
 * SHUTDOWN_GRACE_MS (decision 0027): stop accepting connections; tell the sockets
 * (`server:draining`) and answer the writes they already sent; close their connections, so they
 * reconnect to another instance and resend what was not acknowledged; let HTTP requests in
 * flight (writes, imports, exports) finish; then cancel what is left, close the app (pool, Redis,
 * embedded database) and exit 0. A second signal, or a close that hangs past the grace period,
 * exits at once with 1. Call before `listen`.
 */
export function drainOnSignals(
  app: NestExpressApplication,
  config: AppConfig,
): void {
  const connections = new HttpConnections(app.getHttpServer() as Server);
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) {
      process.stderr.write(`${signal} again: exiting without draining\n`);
      process.exit(1);
    }
    draining = true;
    drain(app, config, connections, signal).then(
      () => process.exit(0),
      (error: unknown) => {
        new Logger('Shutdown').error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function drain(
  app: NestExpressApplication,
  config: AppConfig,
  connections: HttpConnections,
  signal: NodeJS.Signals,
): Promise<void> {
  const started = Date.now();
  const hardStop = setTimeout(() => {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', msg: `shutdown took longer than SHUTDOWN_GRACE_MS (${config.shutdownGraceMs} ms): exiting` })}\n`,
    );
    process.exit(1);
  }, config.shutdownGraceMs);
  hardStop.unref();
  const logger = new Logger('Shutdown');
  const server = app.getHttpServer() as Server;
  const gateway = app.get(CollabGateway);
  const pipeline = app.get(ChangePipeline);
  const exports = app.get(ExportService);
  const drainUntil =
    started +
    config.shutdownGraceMs -
    Math.min(CLOSE_RESERVE_MS, config.shutdownGraceMs / 4);
  const busy = () => ({
    writes: pipeline.writesInFlight,
    requests: connections.inFlight,
    exports: exports.runningExports().length,
  });

  // 1. No new connections: the load balancer's next attempt goes to another instance. Open ones
  // close after their answers under way.
  let httpClosed = false;
  server.close(() => (httpClosed = true));
  connections.close();
  // 2. The sockets send nothing more; what they sent is answered while they are still connected.
  const sockets = gateway.drain(Math.max(0, drainUntil - Date.now()));
  logger.log(
    { signal, sockets, ...busy() },
    `${signal}: draining within ${config.shutdownGraceMs} ms`,
  );
  await waitFor(
    () => pipeline.writesInFlight === 0,
    Math.min(drainUntil, Date.now() + ANSWER_WITHIN_MS),
  );
  // 3. Their connections close; they reconnect elsewhere and resend what was not acknowledged.
  gateway.closeConnections();
  // 4. HTTP requests in flight finish: writes, imports, exports.
  const finished = await waitFor(
    () => httpClosed && pipeline.writesInFlight === 0,
    drainUntil,
  );
  if (!finished)
    logger.warn(busy(), 'the grace period is ending: cancelling what is left');
  // 5. Exports still running are cancelled (their callers get 409 export_cancelled); the pool,
  // Redis and the embedded database close.
  await app.close();
  server.closeAllConnections();
  logger.log({ ms: Date.now() - started }, 'drained; exiting');
  clearTimeout(hardStop);
}

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type AppConfig,
  buildDataSourceOptions,
  buildOpenApiDocument,
  ConfigValidationError,
  configureApp,
  loadAppConfig,
  probeDatabase,
  runMigrations,
  serveOpenApi,
  startEmbeddedPostgres,
} from '@orca/api/core';
import { Logger } from 'nestjs-pino';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import pino from 'pino';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { CollabIoAdapter } from '@orca/api/collaboration';
import { AppModule } from './app/app.module';
import { drainOnSignals } from './app/shutdown';
import { serveWebApp } from './app/web-app';

function readConfig(): AppConfig {
  try {
    // The web build sits beside the api build unless WEB_DIST_PATH says otherwise.
    const env = { ...process.env };
    env['WEB_DIST_PATH'] ??= resolve(__dirname, '../web/browser');
    return loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * A database that does not exist or a server that is down stops the start in one JSON line, in the
 * log format of the running server, naming the cause and the fix.
 */
async function requireDatabase(config: AppConfig): Promise<void> {
  if (!config.databaseUrl) return;
  const problem = await probeDatabase(config.databaseUrl);
  if (!problem) return;
  pino(
    { base: { pid: process.pid, hostname: hostname(), service: 'orca-api' } },
    pino.destination({ fd: 1, sync: true }),
  ).fatal({ code: problem.code }, problem.message);
  process.exit(1);
}

/** `node main.js migrate`: apply pending migrations and exit (the Kubernetes Job / compose step). */
async function migrate(config: AppConfig): Promise<void> {
  await requireDatabase(config);
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(config.dataDir);
  const dataSource = new DataSource(
    buildDataSourceOptions(
      config.databaseUrl ?? (embedded?.url as string),
      [],
      2,
    ),
  );
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      `${JSON.stringify({ level: 'info', msg: 'migrations applied', migrations: applied.map((m) => m.name) })}\n`,
    );
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

async function serve(config: AppConfig): Promise<void> {
  await requireDatabase(config);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    { bufferLogs: true, bodyParser: false },
  );
  configureApp(app, config);
  const sockets = new CollabIoAdapter(app, config);
  await sockets.connect();
  app.useWebSocketAdapter(sockets);
  serveOpenApi(app, buildOpenApiDocument(app));
  const servingWeb = serveWebApp(app, config.webDistPath);
  drainOnSignals(app, config);
  await app.listen(config.port, config.host);
  app
    .get(Logger)
    .log(
      `ORCA Project Builder listening on ${config.publicUrl} (api under /api, docs at /api/docs${servingWeb ? ', web app at /' : ', no web build found'}); ` +
        `database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; cache: ${config.redisUrl ? 'Redis' : 'memory'}`,
    );
}

/** `node main.js openapi <file>`: write the OpenAPI spec (booted on a throw-away in-memory database). */
async function exportOpenApi(config: AppConfig, file: string): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      ...config,
      databaseUrl: null,
      dataDir: 'memory://',
      redisUrl: null,
      logLevel: 'warn',
    }),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  configureApp(app, config);
  await app.init();
  writeFileSync(
    file,
    `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`,
  );
  await app.close();
}

async function main(): Promise<void> {
  const config = readConfig();
  const [command, argument] = process.argv.slice(2);
  if (command === 'migrate') return migrate(config);
  if (command === 'openapi')
    return exportOpenApi(config, resolve(argument ?? 'openapi.json'));
  return serve(config);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', msg: 'start-up failed', err: String((error as Error)?.stack ?? error) })}\n`,
  );
  process.exit(1);
});

import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { loadAppConfig, type AppConfig } from '../config/app-config';
import { CoreModule } from '../core.module';
import { configureApp } from '../http/configure-app';

export interface TestAppOptions {
  /** Environment overrides on top of the process environment (e.g. AUTH_RATE_LIMIT). */
  env?: Record<string, string>;
  /** The whole application module instead of CoreModule plus `features` (the composition root's test). */
  root?: (config: AppConfig) => DynamicModule;
  /** Runs after configureApp and before init (e.g. to install the Socket.IO adapter). */
  configure?: (
    app: NestExpressApplication,
    config: AppConfig,
  ) => Promise<void> | void;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Boots the real HTTP stack (same configureApp as main.ts) around the given feature modules.
 * The database is DATABASE_URL: real PostgreSQL in CI, or the embedded one the Jest global setup
 * (tools/jest) started; the cache and rate limits use REDIS_URL when set.
 */
export async function createTestApp(
  features: Array<Type | DynamicModule>,
  options: TestAppOptions = {},
): Promise<TestApp> {
  if (!process.env['DATABASE_URL']) {
    throw new Error(
      'DATABASE_URL is not set: run api tests through their Jest config (tools/jest starts an embedded PostgreSQL).',
    );
  }
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    AUTH_RATE_LIMIT: '10000',
    // Tests drive sockets far faster than people do; the limit's own test sets it low.
    SOCKET_RATE_LIMIT: '100000',
    ...options.env,
  });

  @Module({ imports: [CoreModule.forRoot(config), ...features] })
  class TestRootModule {}

  const app = await NestFactory.create<NestExpressApplication>(
    options.root ? options.root(config) : TestRootModule,
    {
      bufferLogs: true,
      abortOnError: false,
      bodyParser: false,
    },
  );
  configureApp(app, config);
  await options.configure?.(app, config);
  await app.init();
  return {
    app,
    config,
    close: () => app.close(),
  };
}

/** An email nobody else in this test run (or an earlier one on the same database) has used. */
export function uniqueEmail(label = 'person'): string {
  return `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@example.com`;
}

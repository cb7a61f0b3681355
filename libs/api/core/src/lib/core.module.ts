import { CacheModule } from '@nestjs/cache-manager';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { buildCacheOptions } from './cache/cache.config';
import { RedisLifecycle, type RedisConnection } from './cache/redis.provider';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG, REDIS_CLIENT } from './config/tokens';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { buildLoggerParams } from './logging/logger.config';
import { MailerService } from './mail/mailer.service';
import { RedisThrottlerStorage } from './rate-limit/redis-throttler.storage';

/** Attempts per address and email (sign-in and sign-up). */
export const AUTH_THROTTLER = 'auth';
/** Sign-ups per address: a ceiling several times higher than AUTH_THROTTLER's. */
export const SIGNUP_THROTTLER = 'signup';

@Global()
@Module({})
class ConfigTokenModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ConfigTokenModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        RedisLifecycle,
        {
          provide: REDIS_CLIENT,
          inject: [RedisLifecycle],
          useFactory: (lifecycle: RedisLifecycle) => lifecycle.connect(),
        },
        MailerService,
      ],
      exports: [APP_CONFIG, REDIS_CLIENT, MailerService],
    };
  }
}

/**
 * Infrastructure every feature stands on: validated config, JSON logs, PostgreSQL (real or
 * embedded) with migrations, cache (memory or Redis), rate-limit storage, mail, health, errors.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigTokenModule.register(config),
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ app: config })],
        }),
        LoggerModule.forRoot(buildLoggerParams(config)),
        DatabaseModule,
        CacheModule.register({ isGlobal: true, ...buildCacheOptions(config) }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS_CLIENT],
          useFactory: (redis: RedisConnection | null) => ({
            throttlers: [
              {
                name: AUTH_THROTTLER,
                ttl: 60_000,
                limit: config.authRateLimit,
              },
              {
                name: SIGNUP_THROTTLER,
                ttl: 60_000,
                limit: config.authRateLimit * 5,
              },
            ],
            // Without Redis, the module's own in-memory storage (and its timers) is managed by Nest.
            ...(redis ? { storage: new RedisThrottlerStorage(redis) } : {}),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
      exports: [ThrottlerModule],
    };
  }
}

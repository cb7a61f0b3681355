import {
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, DATABASE_URL } from '../config/tokens';
import { buildDataSourceOptions } from './data-source-options';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres';
import { runMigrations } from './run-migrations';

/** Holds the embedded PostgreSQL (when DATABASE_URL is not set) for the life of the process. */
@Injectable()
export class EmbeddedPostgresLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  instance: EmbeddedPostgres | null = null;

  async resolveUrl(config: AppConfig): Promise<string> {
    if (config.databaseUrl) return config.databaseUrl;
    const started = Date.now();
    this.instance = await startEmbeddedPostgres(config.dataDir);
    this.logger.log(
      `Embedded PostgreSQL (PGlite) ready in ${Date.now() - started} ms, data in ${config.dataDir}`,
    );
    return this.instance.url;
  }

  async onApplicationShutdown(): Promise<void> {
    const instance = this.instance;
    this.instance = null;
    // Let TypeORM's pool close its sockets first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await instance?.stop().catch(() => undefined);
  }
}

@Global()
@Module({
  providers: [
    EmbeddedPostgresLifecycle,
    {
      provide: DATABASE_URL,
      inject: [APP_CONFIG, EmbeddedPostgresLifecycle],
      useFactory: (config: AppConfig, embedded: EmbeddedPostgresLifecycle) =>
        embedded.resolveUrl(config),
    },
  ],
  exports: [DATABASE_URL],
})
class DatabaseUrlModule {}

@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG, DATABASE_URL],
      useFactory: (config: AppConfig, url: string) => ({
        ...buildDataSourceOptions(
          url,
          [],
          config.databaseUrl ? config.databasePoolMax : 1,
        ),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('TypeORM options are missing');
        // Migrations need two connections (one holds the advisory lock). The embedded database
        // runs with a single pooled connection, so it migrates through a short-lived second pool.
        const poolMax =
          (options.extra as { max?: number } | undefined)?.max ?? 10;
        const migrator =
          poolMax > 1
            ? null
            : await new DataSource({
                ...options,
                extra: { ...options.extra, max: 2 },
              } as DataSourceOptions).initialize();
        const dataSource = await new DataSource(options).initialize();
        const applied = await runMigrations(migrator ?? dataSource).finally(
          () => migrator?.destroy(),
        );
        if (applied.length > 0) {
          new Logger('Database').log(
            `Applied migrations: ${applied.map((m) => m.name).join(', ')}`,
          );
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}

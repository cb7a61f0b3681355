import type { DataSourceOptions, MixedList } from 'typeorm';
import { FoundationSchema1764130000000 } from './migrations/1764130000000-foundation-schema';
import { ModelSchema1764140000000 } from './migrations/1764140000000-model-schema';
import { ProjectCheckSettings1764150000000 } from './migrations/1764150000000-project-check-settings';
import { ChangeTextOps1764160000000 } from './migrations/1764160000000-change-text-ops';
import { ChangeInverse1764170000000 } from './migrations/1764170000000-change-inverse';
import { Snapshots1764180000000 } from './migrations/1764180000000-snapshots';
import { ForagingSources1764190000000 } from './migrations/1764190000000-foraging-sources';
import { AccountSessions1764200000000 } from './migrations/1764200000000-account-sessions';

/** Every migration, in order. Schema changes happen only here (never `synchronize`). */
export const MIGRATIONS = [
  FoundationSchema1764130000000,
  ModelSchema1764140000000,
  ProjectCheckSettings1764150000000,
  ChangeTextOps1764160000000,
  ChangeInverse1764170000000,
  Snapshots1764180000000,
  ForagingSources1764190000000,
  AccountSessions1764200000000,
];

export function buildDataSourceOptions(
  url: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity lists
  entities: MixedList<Function | string>,
  poolMax: number,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolMax, connectionTimeoutMillis: 30_000 },
  };
}

import type { DataSource, Migration } from 'typeorm';

/** An arbitrary constant: the advisory lock every api instance takes around migrations. */
const MIGRATION_LOCK_KEY = 774_201_003;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several replicas (or test
 * workers) starting at once apply each migration exactly once.
 */
export async function runMigrations(
  dataSource: DataSource,
): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}

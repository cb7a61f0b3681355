import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface FailStatementOptions {
  /** The table whose row write fails. */
  table: string;
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  /**
   * Which rows (a trigger's WHEN condition on NEW, or OLD for DELETE): narrow enough that only
   * the operation under test trips it, never another test's writes on the same database.
   */
  when: string;
}

/** The message of the error the injected fault raises. */
export const INJECTED_FAULT = 'injected fault: this statement fails on purpose';

/**
 * A fault in the database itself: a row trigger that raises when `table` gets the given write
 * for rows matching `when`, so one chosen statement of an operation fails (its last, to prove
 * that everything before it is rolled back with it). Returns what removes the trigger again.
 */
export async function failStatement(
  dataSource: DataSource,
  { table, event, when }: FailStatementOptions,
): Promise<() => Promise<void>> {
  const name = `orca_test_fail_${randomUUID().replace(/-/g, '')}`;
  await dataSource.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '${INJECTED_FAULT}'; END $$`,
  );
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await dataSource.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
    await dataSource.query(`DROP FUNCTION IF EXISTS ${name}()`);
  };
}

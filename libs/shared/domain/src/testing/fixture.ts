import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** /work/shared/fixtures, from libs/shared/domain/src/testing. Missing files fail the test. */
export const FIXTURES_DIR = join(
  __dirname,
  '../../../../../../shared/fixtures',
);

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

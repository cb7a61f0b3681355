import { createServer } from 'node:net';
import { describeDatabaseFailure, probeDatabase } from './database-probe';

const URL = 'postgres://orca:secret@db.internal:6543/orca_prod';

/** A loopback port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a database that cannot be reached, said in one sentence', () => {
  it('names a missing database and the command that creates it', () => {
    const problem = describeDatabaseFailure(
      Object.assign(new Error('database "orca_prod" does not exist'), {
        code: '3D000',
      }),
      URL,
    );
    expect(problem).toMatchObject({
      code: 'database_missing',
      transient: false,
    });
    expect(problem.message).toContain('db.internal:6543');
    expect(problem.message).toContain(
      'createdb -h db.internal -p 6543 -U orca orca_prod',
    );
    expect(problem.message).not.toContain('secret');
  });

  it('tells a server that is down from a host that does not exist and a wrong password', () => {
    const failure = (code: string, message = 'failed') =>
      describeDatabaseFailure(Object.assign(new Error(message), { code }), URL);
    expect(failure('ECONNREFUSED')).toMatchObject({
      code: 'server_unreachable',
      transient: true,
    });
    expect(failure('ENOTFOUND').message).toContain('"db.internal"');
    expect(failure('28P01', 'password authentication failed')).toMatchObject({
      code: 'authentication_failed',
      transient: false,
    });
    expect(
      describeDatabaseFailure(new Error('timeout expired'), URL).code,
    ).toBe('timeout');
    expect(failure('XX000', 'disk on fire').message).toContain('disk on fire');
  });

  it('answers within its wait when nothing listens, saying the server is not answering', async () => {
    const port = await closedPort();
    const started = Date.now();
    const problem = await probeDatabase(
      `postgres://postgres@127.0.0.1:${port}/orca`,
      { waitMs: 1_000 },
    );
    expect(problem?.code).toBe('server_unreachable');
    expect(problem?.message).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes a database that is there, and names one that is not on the same server', async () => {
    const url = process.env['DATABASE_URL'] as string;
    expect(await probeDatabase(url)).toBeNull();
    // The embedded database (PGlite) serves one database whatever the name: only PostgreSQL knows.
    if (process.env['ORCA_TEST_EMBEDDED_DB'] === '1') return;
    const missing = new globalThis.URL(url);
    missing.pathname = `/orca_missing_${process.pid}`;
    const problem = await probeDatabase(missing.toString());
    expect(problem?.code).toBe('database_missing');
  });
});

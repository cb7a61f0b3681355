import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ProblemFilter } from '../http/problem.filter';
import { isDatabaseUnavailable } from './database-unavailable';
import { createServer, type AddressInfo } from 'node:net';

/** A loopback port nothing listens on (taken from the kernel, then freed). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** What node-postgres and TypeORM really throw, not hand-made look-alikes. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('telling a database that is away from a bug', () => {
  const url = process.env['DATABASE_URL'] as string;
  beforeAll(() => Logger.overrideLogger(false));

  it('takes a refused connection, directly and through TypeORM, and answers it 503 with a retry hint', async () => {
    const port = await freePort();
    const refused = await failureOf(() =>
      new Client({ host: '127.0.0.1', port }).connect(),
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);

    // Through TypeORM: a query on a pool whose server is not there.
    const nowhere = new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    });
    const viaTypeorm = await failureOf(() => nowhere.initialize());
    expect(isDatabaseUnavailable(viaTypeorm)).toBe(true);

    const problem = new ProblemFilter().toProblem(refused, '/api/v1/x');
    expect(problem).toMatchObject({
      status: 503,
      code: 'database_unavailable',
    });
  });

  (process.env['ORCA_TEST_EMBEDDED_DB'] ? it.skip : it)(
    'takes a session terminated by the server (an administrator, a restart)',
    async () => {
      const victim = new Client({ connectionString: url });
      await victim.connect();
      victim.on('error', () => undefined);
      const admin = new Client({ connectionString: url });
      await admin.connect();
      const [{ pid }] = (await victim.query('SELECT pg_backend_pid() AS pid'))
        .rows as Array<{ pid: number }>;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.end();
      const ended = await failureOf(() => victim.query('SELECT 1'));
      expect(isDatabaseUnavailable(ended)).toBe(true);
    },
  );

  it('does not take an error of the statement itself, which stays a 500', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const syntax = await failureOf(() => client.query('SELEKT 1'));
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      const missing = await failureOf(() =>
        client.query('SELECT * FROM no_such_table_here'),
      );
      expect(isDatabaseUnavailable(missing)).toBe(false);
      expect(new ProblemFilter().toProblem(missing, '/api/v1/x').status).toBe(
        500,
      );
    } finally {
      await client.end();
    }
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

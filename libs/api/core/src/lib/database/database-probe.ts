import { Client } from 'pg';

/**
 * Before anything else starts, one connection to DATABASE_URL: a database that does not exist or a
 * server that is down is then one line naming the cause and the fix, not a wall of TypeORM retries.
 */

export interface DatabaseProblem {
  /** Stable, for logs and tests: `database_missing`, `server_unreachable`, … */
  readonly code:
    | 'database_missing'
    | 'server_unreachable'
    | 'host_unknown'
    | 'authentication_failed'
    | 'timeout'
    | 'connection_failed';
  /** One sentence: what is wrong and what to do. */
  readonly message: string;
  /** Worth trying again for a while (a server still starting), or final. */
  readonly transient: boolean;
}

interface Target {
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly user: string;
}

function targetOf(url: string): Target {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    database:
      decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
  };
}

/** What a failed connection attempt means for the person starting the server. */
export function describeDatabaseFailure(
  error: unknown,
  url: string,
): DatabaseProblem {
  const { host, port, database, user } = targetOf(url);
  const where = `${host}:${port}`;
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case '3D000':
      return {
        code: 'database_missing',
        transient: false,
        message: `PostgreSQL at ${where} has no database "${database}": create it (createdb -h ${host} -p ${port} -U ${user} ${database}), or point DATABASE_URL at one that exists.`,
      };
    case 'ECONNREFUSED':
      return {
        code: 'server_unreachable',
        transient: true,
        message: `PostgreSQL is not answering at ${where} (connection refused): start it, or fix DATABASE_URL. Without DATABASE_URL the server uses its embedded database.`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        code: 'host_unknown',
        transient: code === 'EAI_AGAIN',
        message: `The PostgreSQL host "${host}" in DATABASE_URL cannot be found: check its spelling.`,
      };
    case '28P01':
    case '28000':
      return {
        code: 'authentication_failed',
        transient: false,
        message: `PostgreSQL at ${where} refused user "${user}" (${detail}): check the user and password in DATABASE_URL.`,
      };
    default:
      if (/timeout/i.test(detail))
        return {
          code: 'timeout',
          transient: true,
          message: `PostgreSQL at ${where} did not answer in time: is DATABASE_URL's host reachable from here?`,
        };
      return {
        code: 'connection_failed',
        transient: false,
        message: `Cannot connect to PostgreSQL at ${where}: ${detail}. Check DATABASE_URL.`,
      };
  }
}

export interface ProbeOptions {
  /** How long to keep trying while the server may still be starting (connection refused). */
  readonly waitMs?: number;
  readonly attemptTimeoutMs?: number;
}

/** Null when DATABASE_URL accepts a connection; else why not, after waiting out transient causes. */
export async function probeDatabase(
  url: string,
  { waitMs = 10_000, attemptTimeoutMs = 5_000 }: ProbeOptions = {},
): Promise<DatabaseProblem | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: attemptTimeoutMs,
    });
    // A refused connection can also surface as an 'error' event; the promise below reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return null;
    } catch (error) {
      await client.end().catch(() => undefined);
      const problem = describeDatabaseFailure(error, url);
      if (!problem.transient || Date.now() >= deadline) return problem;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

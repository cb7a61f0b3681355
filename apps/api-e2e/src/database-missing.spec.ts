import { spawn } from 'node:child_process';
import {
  freeLoopbackPort,
  serverEntry,
  workspaceRoot,
} from './support/server-process';

/**
 * A DATABASE_URL that names a database that does not exist, or a server that is down: the server
 * says so in one JSON line (the log format of the running server) with the fix, and exits non-zero.
 */
async function start(
  databaseUrl: string,
  command: string[] = [],
): Promise<{ code: number | null; lines: string[] }> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [serverEntry, ...command], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', resolve),
  );
  clearTimeout(killer);
  return { code, lines: output.split('\n').filter((line) => line.trim()) };
}

function theOneLine(lines: string[]): {
  level: number;
  code: string;
  msg: string;
} {
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string);
}

describe('start-up without a usable database', () => {
  it('says in one line that the server is not answering, and exits 1', async () => {
    const port = await freeLoopbackPort();
    const { code, lines } = await start(
      `postgres://postgres@127.0.0.1:${port}/orca`,
    );
    expect(code).toBe(1);
    const line = theOneLine(lines);
    expect(line).toMatchObject({ level: 60, code: 'server_unreachable' });
    expect(line.msg).toContain(`127.0.0.1:${port}`);
  }, 60_000);

  const realDatabase = process.env['SCALE_OUT_DATABASE_URL'];
  (realDatabase ? it : it.skip)(
    'names a missing database and how to create it, for serve and migrate alike',
    async () => {
      const url = new URL(realDatabase as string);
      url.pathname = `/orca_missing_${process.pid}`;
      for (const command of [[], ['migrate']]) {
        const { code, lines } = await start(url.toString(), command);
        expect(code).toBe(1);
        const line = theOneLine(lines);
        expect(line.code).toBe('database_missing');
        expect(line.msg).toContain(`createdb -h ${url.hostname}`);
        expect(line.msg).toContain(`orca_missing_${process.pid}`);
      }
    },
    60_000,
  );
});

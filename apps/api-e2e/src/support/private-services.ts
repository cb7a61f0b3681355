import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, freeLoopbackPort } from './server-process';

/**
 * PostgreSQL and Redis of a test's own, on free loopback ports, that it may stop, kill and start
 * again (the shared services on 5432 and 6379 serve everyone else's tests and are never touched).
 */
export const POSTGRES_BIN =
  process.env['POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';
export const REDIS_SERVER =
  process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';

/** Why the private services cannot run here (missing binaries), or null. */
export function privateServicesMissing(): string | null {
  for (const file of [
    join(POSTGRES_BIN, 'initdb'),
    join(POSTGRES_BIN, 'pg_ctl'),
    REDIS_SERVER,
  ])
    if (!existsSync(file)) return `${file} is missing`;
  return null;
}

const running = new Set<{ forceStop(): void }>();
// A test run that ends abruptly still takes its servers with it.
process.once('exit', () => running.forEach((service) => service.forceStop()));

/** Answers once `port` takes a connection and replies to `probe` with something matching `reply`. */
async function waitForAnswer(
  port: number,
  probe: string,
  reply: RegExp,
  withinMs: number,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const answered = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.setTimeout(500, () => socket.destroy());
      socket.on('connect', () => socket.write(probe));
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (reply.test(text)) {
          socket.destroy();
          done(true);
        }
      });
      socket.on('close', () => done(false));
      socket.on('error', () => undefined);
    });
    if (answered) return;
    await delay(50);
  }
  throw new Error(`127.0.0.1:${port} did not answer within ${withinMs} ms`);
}

/** A redis-server without persistence: a restart comes back empty, as a cache's would. */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  private output = '';
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return `--- private redis-server :${this.port} ---\n${this.output.slice(-5000)}`;
  }

  async start(): Promise<void> {
    this.port ||= await freeLoopbackPort();
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const keep = (chunk: Buffer) =>
      (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    running.add(this);
    await waitForAnswer(this.port, 'PING\r\n', /\+PONG/, 10_000);
  }

  /** Stops it (SIGKILL: a crash; SIGTERM: a clean shutdown); its port stays reserved for start(). */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    running.delete(this);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  forceStop(): void {
    this.child?.kill('SIGKILL');
  }
}

/**
 * A PostgreSQL cluster in a temp directory. As root (CI), it runs as the `postgres` user
 * (PostgreSQL refuses to run as root) in a directory that user owns.
 */
export class PrivatePostgres {
  private dir = '';
  port = 0;
  private readonly asPostgres = process.getuid?.() === 0;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get log(): string {
    const file = join(this.dir, 'server.log');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '(no log)';
    return `--- private PostgreSQL :${this.port} ---\n${text.slice(-5000)}`;
  }

  private run(tool: string, args: string[]): void {
    const command = join(POSTGRES_BIN, tool);
    const [file, argv] = this.asPostgres
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  }

  async start(): Promise<void> {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'orca-faults-pg-'));
      if (this.asPostgres) {
        const uid = Number(
          execFileSync('id', ['-u', 'postgres']).toString().trim(),
        );
        const gid = Number(
          execFileSync('id', ['-g', 'postgres']).toString().trim(),
        );
        chownSync(this.dir, uid, gid);
      }
      this.port = await freeLoopbackPort();
      this.run('initdb', [
        '-D',
        join(this.dir, 'data'),
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ]);
    }
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-c port=${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off -c max_connections=60`,
      'start',
    ]);
    running.add(this);
  }

  /**
   * `fast`: what a restart by an operator or an orchestrator does (open sessions are ended with
   * "terminating connection due to administrator command"); `immediate`: a crash.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.dir) return;
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-m',
      mode,
      '-w',
      '-t',
      '30',
      'stop',
    ]);
    running.delete(this);
  }

  /** Runs one SQL statement through psql (for setting up a fault, or reading what is stored). */
  sql(statement: string): string {
    const command = join(POSTGRES_BIN, 'psql');
    return execFileSync(
      command,
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(this.port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-At',
        '-c',
        statement,
      ],
      { timeout: 30_000 },
    ).toString();
  }

  /** Stops the cluster and removes its files. */
  async destroy(): Promise<void> {
    if (!this.dir) return;
    try {
      await this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }

  forceStop(): void {
    if (!this.dir) return;
    try {
      this.run('pg_ctl', [
        '-D',
        join(this.dir, 'data'),
        '-m',
        'immediate',
        'stop',
      ]);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

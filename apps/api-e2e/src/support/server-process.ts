import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The built server, run as a person or a container runtime runs it. */
export const workspaceRoot = resolve(__dirname, '../../../..');
export const serverEntry = join(workspaceRoot, 'dist/apps/api/main.js');
export const READY_WITHIN_MS = 90_000;
export const STOP_WITHIN_MS = 15_000;
const KEPT_OUTPUT_CHARS = 200_000;

/** Asks the kernel for a free loopback port, then frees it for the server to take. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** One run of the built server on a given data directory, with its output kept for failures. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exit: Promise<void> = Promise.resolve();
  /** The exit code once the process has exited (null: killed by a signal, or still running). */
  exitCode: number | null = null;
  baseUrl = '';

  /** `env`: what to set on top of this process's environment (undefined removes a variable). */
  constructor(
    private readonly env: Record<string, string | undefined>,
    readonly label: string,
  ) {}

  get log(): string {
    return `--- ${this.label}: server output (${serverEntry}) ---\n${this.output || '(nothing)'}\n--- end of ${this.label} ---`;
  }

  async start(): Promise<void> {
    const port = await freeLoopbackPort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Jest sets NODE_ENV=test; the server should see what a person's shell gives it.
    delete env['NODE_ENV'];
    for (const [name, value] of Object.entries(this.env)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    env['PORT'] = String(port);

    const child = spawn(process.execPath, [serverEntry], {
      cwd: workspaceRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(
        -KEPT_OUTPUT_CHARS,
      );
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.output += `\n[exited with ${signal ?? `code ${code}`}]`;
        done();
      });
      child.once('error', (error) => {
        this.output += `\n[could not run: ${error.message}]`;
        done();
      });
    });
  }

  /** Resolves when GET /api/health/ready answers 200; fails early if the process exits. */
  async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_WITHIN_MS;
    let lastAnswer = 'no answer yet';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`the server exited before it was ready\n${this.log}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/api/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        lastAnswer = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
        if (response.status === 200) {
          return;
        }
      } catch (error) {
        lastAnswer = String(error);
      }
      await delay(250);
    }
    throw new Error(
      `GET /api/health/ready did not answer 200 within ${READY_WITHIN_MS / 1000}s (last: ${lastAnswer})\n${this.log}`,
    );
  }

  get running(): boolean {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  /** kill -9: no chance to close anything (a crash, an OOM kill, a pulled plug). */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /**
   * Sends SIGTERM without waiting (a pod being stopped mid-work); resolves with how long the
   * process took to exit, in ms.
   */
  async terminate(): Promise<number> {
    if (!this.child || !this.running) return 0;
    const sent = Date.now();
    this.child.kill('SIGTERM');
    await this.exit;
    return Date.now() - sent;
  }

  /** SIGTERM, as a container runtime stops it: PGlite must close its files cleanly. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      this.exit.then(() => true),
      new Promise<boolean>((done) => {
        timer = setTimeout(() => done(false), STOP_WITHIN_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!stopped) {
      this.output += `\n[did not stop within ${STOP_WITHIN_MS / 1000}s of SIGTERM: killed]`;
      child.kill('SIGKILL');
      await this.exit;
    }
  }
}

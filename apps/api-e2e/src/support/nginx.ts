import { ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, freeLoopbackPort, workspaceRoot } from './server-process';

/** Debian's nginx (`apt-get install nginx`), or NGINX_BIN. */
export const nginxBinary = process.env['NGINX_BIN'] || '/usr/sbin/nginx';
export const nginxTemplate = join(workspaceRoot, 'deploy/nginx.conf');

/** Replaces exactly one match, so a change to deploy/nginx.conf that the harness no longer fits fails loudly. */
function replaceOnce(
  text: string,
  pattern: RegExp,
  replacement: string,
): string {
  const matches =
    text.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `deploy/nginx.conf: expected one match of ${pattern}, found ${matches.length}`,
    );
  }
  return text.replace(pattern, replacement);
}

/**
 * deploy/nginx.conf as the web image renders it (its entrypoint substitutes ${API_UPSTREAM} and
 * nothing else), with the two changes a loopback run needs in place of the image's: the listen
 * address and the web root. The image's API_UPSTREAM is one name that resolves to every api
 * replica; here the name is replaced by the addresses it would resolve to, each with the same
 * server parameters.
 */
export function renderServerBlock(
  upstreams: string[],
  port: number,
  webRoot: string,
): string {
  const [first, ...rest] = upstreams;
  if (!first) throw new Error('no upstream');
  let text = readFileSync(nginxTemplate, 'utf8');
  const line = /^(\s*)server \$\{API_UPSTREAM\}( [^;\n]*);$/m.exec(text);
  if (!line)
    throw new Error('deploy/nginx.conf: no `server ${API_UPSTREAM} ...;` line');
  const [, indent, params] = line;
  text = text.replace(
    line[0],
    [first, ...rest]
      .map((address) => `${indent}server ${address}${params};`)
      .join('\n'),
  );
  // Anywhere else (the header comment), as envsubst would.
  text = text.replaceAll('${API_UPSTREAM}', upstreams.join(' '));
  const left = /\$\{[A-Za-z_]+\}/.exec(text);
  if (left)
    throw new Error(
      `deploy/nginx.conf: ${left[0]} is not set in the web image`,
    );
  text = replaceOnce(
    text,
    /^(\s*)listen 8080;$/m,
    `$1listen 127.0.0.1:${port};`,
  );
  text = replaceOnce(
    text,
    /^(\s*)root \/usr\/share\/nginx\/html;$/m,
    `$1root ${webRoot};`,
  );
  return text;
}

/** nginx in the foreground on a temp prefix: its own pid, logs and temp paths, one worker. */
export class NginxProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exit: Promise<void> = Promise.resolve();
  private prefix = '';
  baseUrl = '';

  constructor(
    private readonly upstreams: string[],
    private readonly webRoot: string,
  ) {}

  get log(): string {
    const read = (file: string) =>
      this.prefix && existsSync(join(this.prefix, file))
        ? readFileSync(join(this.prefix, file), 'utf8').slice(-20_000)
        : '(none)';
    return `--- nginx output ---\n${this.output || '(nothing)'}\n--- nginx error.log ---\n${read('error.log')}\n--- end of nginx ---`;
  }

  async start(): Promise<void> {
    const port = await freeLoopbackPort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.prefix = mkdtempSync(join(tmpdir(), 'orca-nginx-'));
    // Workers run as nobody when the master is root: they must reach the temp paths.
    chmodSync(this.prefix, 0o755);
    mkdirSync(join(this.prefix, 'conf.d'));
    writeFileSync(
      join(this.prefix, 'conf.d/default.conf'),
      renderServerBlock(this.upstreams, port, this.webRoot),
    );
    const user = process.getuid?.() === 0 ? 'user nobody nogroup;\n' : '';
    writeFileSync(
      join(this.prefix, 'nginx.conf'),
      `${user}daemon off;
worker_processes 1;
pid ${this.prefix}/nginx.pid;
error_log ${this.prefix}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${this.prefix}/access.log;
  client_body_temp_path ${this.prefix}/client_body;
  proxy_temp_path ${this.prefix}/proxy;
  fastcgi_temp_path ${this.prefix}/fastcgi;
  uwsgi_temp_path ${this.prefix}/uwsgi;
  scgi_temp_path ${this.prefix}/scgi;
  include ${this.prefix}/conf.d/*.conf;
}
`,
    );
    const child = spawn(
      nginxBinary,
      [
        '-p',
        this.prefix,
        '-c',
        join(this.prefix, 'nginx.conf'),
        '-e',
        join(this.prefix, 'error.log'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const keep = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((done) => {
      child.once('exit', (code, signal) => {
        this.output += `\n[exited with ${signal ?? `code ${code}`}]`;
        done();
      });
      child.once('error', (error) => {
        this.output += `\n[could not run: ${error.message}]`;
        done();
      });
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        const response = await fetch(`${this.baseUrl}/healthz`, {
          signal: AbortSignal.timeout(1_000),
        });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await delay(50);
    }
    throw new Error(`nginx did not answer /healthz within 10 s\n${this.log}`);
  }

  /** Fast stop (SIGTERM; open WebSockets would hold a graceful one), then the temp prefix goes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exit;
      clearTimeout(timer);
    }
    if (this.prefix) rmSync(this.prefix, { recursive: true, force: true });
  }
}

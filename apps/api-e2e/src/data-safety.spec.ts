import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { HttpPerson } from './support/http-person';
import {
  READY_WITHIN_MS,
  serverEntry,
  ServerProcess,
  STOP_WITHIN_MS,
  workspaceRoot,
} from './support/server-process';

/**
 * Data safety (issue 12 §5), the built server as a black box:
 * - the embedded database survives a kill -9 of the server while changes stream in, and opens
 *   again with every acknowledged change;
 * - the documented backups restore: stop-and-copy of DATA_DIR for the embedded database, and
 *   `pg_dump` / `pg_restore` for PostgreSQL (when SCALE_OUT_DATABASE_URL names a real server).
 * Each test prints what it tried and what held (docs/reliability.md keeps the last figures).
 */

interface ModelAnswer {
  rev: number;
  model: { objects: Record<string, { name: string }> };
}

const STREAMS = 4;
const STREAM_FOR_MS = 2_500;

function objectNames(answer: ModelAnswer): string[] {
  return Object.values(answer.model.objects).map((object) => object.name);
}

/**
 * Posts objects from `STREAMS` concurrent writers until `stop()` says so; a name counts as
 * acknowledged only when the server answered 201. Failures after the kill are expected.
 */
function streamObjects(person: HttpPerson, projectId: string, tag: string) {
  const acknowledged: string[] = [];
  let unanswered = 0;
  let stopped = false;
  const writers = Array.from({ length: STREAMS }, async (_, writer) => {
    for (let n = 0; !stopped; n++) {
      const name = `${tag} ${writer}-${n}`;
      try {
        await person.call('POST', `/projects/${projectId}/objects`, { name });
        acknowledged.push(name);
      } catch {
        unanswered++;
        return;
      }
    }
  });
  return {
    acknowledged,
    unanswered: () => unanswered,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

describe('data safety of the built server', () => {
  const servers: ServerProcess[] = [];
  const folders: string[] = [];

  async function withLogs(body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const logs = servers.map((server) => server.log).join('\n');
      throw new Error(`${String(error)}\n\n${logs}`);
    }
  }

  async function startEmbedded(
    dataDir: string,
    label: string,
  ): Promise<ServerProcess> {
    const server = new ServerProcess(
      {
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
        DATA_DIR: dataDir,
        WEB_DIST_PATH: 'off',
        LOG_LEVEL: 'warn',
      },
      label,
    );
    servers.push(server);
    await server.start();
    await server.waitUntilReady();
    return server;
  }

  beforeAll(() => {
    if (!existsSync(serverEntry))
      throw new Error(`${serverEntry} is missing: build the api first`);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const folder of folders)
      rmSync(folder, { recursive: true, force: true });
  }, 3 * STOP_WITHIN_MS);

  it(
    'the embedded database keeps every acknowledged change through a kill -9, and a stopped copy of DATA_DIR restores',
    () =>
      withLogs(async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'orca-kill9-'));
        folders.push(dataDir);
        const first = await startEmbedded(dataDir, 'embedded, first run');
        const ada = new HttpPerson(first.baseUrl);
        await ada.signUp(`ada-${randomUUID().slice(0, 8)}@example.com`, 'Ada');
        const project = await ada.call<{ id: string }>('POST', '/projects', {
          name: 'Kill -9 workshop',
        });

        const stream = streamObjects(ada, project.id, 'Object');
        await new Promise((done) => setTimeout(done, STREAM_FOR_MS));
        await first.kill();
        await stream.stop();
        const acknowledged = [...stream.acknowledged];
        expect(acknowledged.length).toBeGreaterThan(10);

        const second = await startEmbedded(dataDir, 'embedded, after kill -9');
        ada.baseUrl = second.baseUrl;
        const after = await ada.call<ModelAnswer>(
          'GET',
          `/projects/${project.id}/model`,
        );
        const names = objectNames(after);
        const lost = acknowledged.filter((name) => !names.includes(name));
        expect(lost).toEqual([]);
        // Nothing half-written: every stored object is one some writer sent, once.
        expect(new Set(names).size).toBe(names.length);
        expect(names.every((name) => name.startsWith('Object '))).toBe(true);
        // One change per object, and the rev counts them all.
        expect(after.rev).toBe(names.length);
        console.log(
          `data safety: kill -9 of the embedded server after ${acknowledged.length} acknowledged changes ` +
            `(${stream.unanswered()} cut off in flight): ${names.length} stored, lost ${lost.length}`,
        );

        // Backup by stop-and-copy (docs/reliability.md): stop cleanly, copy the folder, open the copy.
        await second.stop();
        const copy = mkdtempSync(join(tmpdir(), 'orca-backup-'));
        folders.push(copy);
        cpSync(dataDir, copy, { recursive: true });
        const restored = await startEmbedded(copy, 'embedded, restored copy');
        ada.baseUrl = restored.baseUrl;
        const fromCopy = await ada.call<ModelAnswer>(
          'GET',
          `/projects/${project.id}/model`,
        );
        expect(fromCopy.rev).toBe(after.rev);
        expect(objectNames(fromCopy).sort()).toEqual([...names].sort());
        await restored.stop();
        console.log(
          `data safety: stop-and-copy backup of DATA_DIR restored rev ${fromCopy.rev} with ${names.length} objects`,
        );
      }),
    2 * READY_WITHIN_MS + 60_000,
  );

  const adminUrl = process.env['SCALE_OUT_DATABASE_URL'];
  (adminUrl ? it : it.skip)(
    'pg_dump and pg_restore carry a PostgreSQL database to a new one that serves the same model',
    () =>
      withLogs(async () => {
        const suffix = randomUUID().slice(0, 8);
        const source = new URL(adminUrl as string);
        const database = (name: string) => {
          const url = new URL(source);
          url.pathname = `/${name}`;
          return url.toString();
        };
        const admin = database('postgres');
        const from = `orca_backup_from_${suffix}`;
        const to = `orca_backup_to_${suffix}`;
        const psql = (sql: string) =>
          execFileSync('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
        psql(`CREATE DATABASE ${from}`);
        psql(`CREATE DATABASE ${to}`);
        const dump = join(
          mkdtempSync(join(tmpdir(), 'orca-dump-')),
          'orca.dump',
        );
        folders.push(join(dump, '..'));
        try {
          const env = {
            DATABASE_URL: database(from),
            REDIS_URL: undefined,
            WEB_DIST_PATH: 'off',
            LOG_LEVEL: 'warn',
          };
          execFileSync(process.execPath, [serverEntry, 'migrate'], {
            cwd: workspaceRoot,
            env: { ...process.env, ...env, REDIS_URL: '' },
            stdio: 'ignore',
          });
          const original = new ServerProcess(env, 'PostgreSQL, original');
          servers.push(original);
          await original.start();
          await original.waitUntilReady();
          const ada = new HttpPerson(original.baseUrl);
          await ada.signUp(`ada-${suffix}@example.com`, 'Ada');
          const project = await ada.call<{ id: string }>('POST', '/projects', {
            name: 'Backed-up workshop',
          });
          for (const name of ['Plot', 'Gardener', 'Booking'])
            await ada.call('POST', `/projects/${project.id}/objects`, { name });
          const before = await ada.call<ModelAnswer>(
            'GET',
            `/projects/${project.id}/model`,
          );
          await original.stop();

          execFileSync('pg_dump', [
            '--format=custom',
            `--file=${dump}`,
            database(from),
          ]);
          execFileSync('pg_restore', [
            '--no-owner',
            `--dbname=${database(to)}`,
            dump,
          ]);

          const restored = new ServerProcess(
            { ...env, DATABASE_URL: database(to) },
            'PostgreSQL, restored',
          );
          servers.push(restored);
          await restored.start();
          await restored.waitUntilReady();
          ada.baseUrl = restored.baseUrl;
          // The session is in the restored database too: the same cookie still signs Ada in.
          const after = await ada.call<ModelAnswer>(
            'GET',
            `/projects/${project.id}/model`,
          );
          expect(after).toEqual(before);
          await restored.stop();
          console.log(
            `data safety: pg_dump/pg_restore carried rev ${after.rev} (${objectNames(after).length} objects) to a new database`,
          );
        } finally {
          psql(`DROP DATABASE IF EXISTS ${from} WITH (FORCE)`);
          psql(`DROP DATABASE IF EXISTS ${to} WITH (FORCE)`);
        }
      }),
    2 * READY_WITHIN_MS + 60_000,
  );
});

import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import type { ProjectModel } from '@orca/shared/domain';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  filter,
  firstValueFrom,
  type Observable,
  toArray,
  takeWhile,
} from 'rxjs';
import request from 'supertest';
import { canonicalModel } from '../testing/canonical-model';
import { buildExportWorker } from '../testing/export-worker-build';
import { FIXTURES_DIR } from '../testing/fixtures';
import { readPdf } from '../testing/pdf-text';
import { ExportModule } from './export.module';
import { type ExportProgress, ExportService } from './export.service';
import { EXPORT_FORMATS, FORMAT_DESCRIPTIONS } from './formats/catalog';

const FIXTURE = JSON.parse(
  readFileSync(join(FIXTURES_DIR, 'learning-platform.orca.json'), 'utf8'),
);

/** A model big enough that its PDF takes a while: `objects` objects with attributes and CTAs. */
function bigDocument(objects: number) {
  return {
    format: 'orca-project',
    version: 1,
    project: { name: `Big model ${objects}`, description: '' },
    roles: [{ key: 'r', name: 'Member' }],
    objects: Array.from({ length: objects }, (_, i) => ({
      key: `o${i}`,
      name: `Object ${i + 1}`,
      definition: `Object number ${i + 1}, defined at some length so the guide has text to lay out.`,
      priority: 'now',
    })),
    relationships: Array.from({ length: objects - 1 }, (_, i) => ({
      from: `o${i}`,
      to: `o${i + 1}`,
      label: 'has',
      cardinality: 'one-to-many',
    })),
    attributes: Array.from({ length: objects * 6 }, (_, i) => ({
      object: `o${Math.floor(i / 6)}`,
      name: `Attribute ${(i % 6) + 1}`,
      type: 'text',
      kind: i % 3 === 0 ? 'metadata' : 'core',
    })),
    ctas: Array.from({ length: objects * 3 }, (_, i) => ({
      role: 'r',
      object: `o${Math.floor(i / 3)}`,
      verb: `Verb ${(i % 3) + 1}`,
      crud: 'update',
      primary: i % 3 === 0,
    })),
  };
}

describe('exports over HTTP, made in worker threads (real database)', () => {
  let app: TestApp;
  let exports: ExportService;
  let workerFile: string;

  beforeAll(async () => {
    workerFile = buildExportWorker();
    app = await createTestApp(
      [AuthModule, ProjectsModule, ModelModule, ExportModule],
      { env: { EXPORT_WORKER_FILE: workerFile, EXPORT_THREADS: '1' } },
    );
    exports = app.app.get(ExportService);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** GET that keeps the body as bytes whatever the content type. */
  function download(browser: BrowserAgent, url: string) {
    return request(app.app.getHttpServer())
      .get(url)
      .set('Cookie', browser.cookies())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  async function importedProject(document: object = FIXTURE) {
    const { browser, user } = await signedUpBrowser(
      app,
      uniqueEmail('facilitator'),
      'Fay Facilitator',
    );
    const imported = await browser.post('/api/v1/projects/import', document);
    expect(imported.status).toBe(201);
    return { browser, user, projectId: imported.body.id as string };
  }

  async function viewerOf(owner: BrowserAgent, projectId: string) {
    const email = uniqueEmail('viewer');
    const invited = await owner.post(
      `/api/v1/projects/${projectId}/invitations`,
      { email, role: 'viewer' },
    );
    expect(invited.status).toBe(201);
    const token = new URL(invited.body.acceptUrl).pathname.split('/').pop();
    const viewer = await signedUpBrowser(app, email, 'Vic Viewer');
    expect(
      (await viewer.browser.post(`/api/v1/invitations/${token}/accept`)).status,
    ).toBe(200);
    return viewer;
  }

  function progressOf(exportId: string): Observable<ExportProgress> {
    return exports.progress$.pipe(
      filter((p) => p.exportId === exportId),
      takeWhile((p) => p.state === 'running', true),
    );
  }

  it('lets a viewer download every format, named after the project and rev, with its content type', async () => {
    const { browser, projectId } = await importedProject();
    const viewer = await viewerOf(browser, projectId);
    for (const format of EXPORT_FORMATS) {
      const res = await download(
        viewer.browser,
        `/api/v1/projects/${projectId}/export?format=${format}`,
      );
      expect(res.status).toBe(200);
      const { extension, contentType } = FORMAT_DESCRIPTIONS[format];
      expect(res.headers['content-type']).toBe(contentType);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="learning-platform-rev1.${extension}"`,
      );
      const body = res.body as Buffer;
      expect(Number(res.headers['content-length'])).toBe(body.byteLength);
      const text = body.toString('utf8');
      switch (format) {
        case 'json':
          expect(JSON.parse(text)).toMatchObject({
            format: 'orca-project',
            version: 1,
            exported: { rev: 1 },
          });
          break;
        case 'csv':
          expect(Object.keys(unzipSync(new Uint8Array(body))).sort()).toEqual([
            'attributes.csv',
            'ctas.csv',
            'objects.csv',
            'relationships.csv',
            'roles.csv',
          ]);
          break;
        case 'xlsx':
          expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
          break;
        case 'md':
          expect(text).toMatch(/^# Learning platform: Object Guide\n/);
          break;
        case 'mermaid':
          expect(text).toContain('\nerDiagram\n');
          break;
        case 'html':
          expect(text).toMatch(/^<!doctype html>/);
          break;
        case 'pdf':
          expect(readPdf(body).text).toContain('Learner Profile');
          break;
        case 'zip': {
          const files = unzipSync(new Uint8Array(body));
          const manifest = JSON.parse(
            strFromU8(files['manifest.json'] as Uint8Array),
          );
          expect(manifest).toMatchObject({
            rev: 1,
            project: 'Learning platform',
          });
          expect(manifest.files).toHaveLength(11);
          break;
        }
      }
    }
  });

  it('round-trips: the JSON export imports into an identical model', async () => {
    const { browser, projectId } = await importedProject();
    const exported = await download(
      browser,
      `/api/v1/projects/${projectId}/export?format=json`,
    );
    const again = await browser.post(
      '/api/v1/projects/import',
      JSON.parse((exported.body as Buffer).toString('utf8')),
    );
    expect(again.status).toBe(201);
    expect(again.body.name).toBe('Learning platform');
    const modelOf = async (id: string) =>
      (await browser.get(`/api/v1/projects/${id}/model`)).body
        .model as ProjectModel;
    expect(canonicalModel(await modelOf(again.body.id))).toEqual(
      canonicalModel(await modelOf(projectId)),
    );
  });

  it('exports the Now view with priority=now, and says so in the name', async () => {
    const { browser, projectId } = await importedProject();
    const res = await download(
      browser,
      `/api/v1/projects/${projectId}/export?format=md&priority=now`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      'learning-platform-rev1-now.md',
    );
    const text = (res.body as Buffer).toString('utf8');
    expect(text).toContain('## Course');
    expect(text).not.toContain('## Certificate');
  });

  it('answers 404 to non-members and 401 to strangers', async () => {
    const { projectId } = await importedProject();
    const outsider = await signedUpBrowser(app, uniqueEmail('outsider'));
    const res = await outsider.browser.get(
      `/api/v1/projects/${projectId}/export?format=json`,
    );
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      (
        await request(app.app.getHttpServer()).get(
          `/api/v1/projects/${projectId}/export?format=json`,
        )
      ).status,
    ).toBe(401);
  });

  it('names every bad parameter in one 400', async () => {
    const { browser, projectId } = await importedProject();
    const res = await browser.get(
      `/api/v1/projects/${projectId}/export?format=docx&priority=later&exportId=42`,
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'format',
      'priority',
      'exportId',
    ]);
    const missing = await browser.get(`/api/v1/projects/${projectId}/export`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('format');
  });

  it('reports progress from the worker to the person who asked, ending done at 100', async () => {
    const { browser, user, projectId } = await importedProject();
    const exportId = randomUUID();
    const events = firstValueFrom(progressOf(exportId).pipe(toArray()));
    const res = await download(
      browser,
      `/api/v1/projects/${projectId}/export?format=zip&exportId=${exportId}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-export-id']).toBe(exportId);
    const seen = await events;
    expect(
      seen.every((e) => e.userId === user.id && e.projectId === projectId),
    ).toBe(true);
    expect(seen.at(-1)).toMatchObject({
      state: 'done',
      percent: 100,
      format: 'zip',
    });
    // Intermediate steps come from the worker thread, over its MessagePort.
    expect(
      seen.filter((e) => e.percent > 0 && e.percent < 100).length,
    ).toBeGreaterThan(3);
    const percents = seen.map((e) => e.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it('cancels an export on request: the worker stops and the caller is told', async () => {
    const { browser, user, projectId } = await importedProject(
      bigDocument(300),
    );
    const exportId = randomUUID();
    const events = firstValueFrom(progressOf(exportId).pipe(toArray()));
    const started = firstValueFrom(
      exports.progress$.pipe(
        filter((p) => p.exportId === exportId && p.percent > 0),
      ),
    );
    const pending = download(
      browser,
      `/api/v1/projects/${projectId}/export?format=pdf&exportId=${exportId}`,
    ).then((res) => res);
    await started;
    expect(exports.cancel('someone-else', exportId)).toBe(false);
    expect(exports.cancel(user.id, exportId)).toBe(true);
    const res = await pending;
    expect(res.status).toBe(409);
    expect(JSON.parse((res.body as Buffer).toString('utf8')).code).toBe(
      'export_cancelled',
    );
    expect((await events).at(-1)?.state).toBe('cancelled');
    expect(exports.runningExports()).toEqual([]);
  });

  it('cancels a ZIP bundle made in parts: every part stops, nothing is left running', async () => {
    const { browser, user, projectId } = await importedProject(
      bigDocument(300),
    );
    const exportId = randomUUID();
    const events = firstValueFrom(progressOf(exportId).pipe(toArray()));
    const started = firstValueFrom(
      exports.progress$.pipe(
        filter((p) => p.exportId === exportId && p.percent > 0),
      ),
    );
    const pending = download(
      browser,
      `/api/v1/projects/${projectId}/export?format=zip&exportId=${exportId}`,
    ).then((res) => res); // supertest sends on then()
    await started;
    expect(exports.cancel(user.id, exportId)).toBe(true);
    const res = await pending;
    expect(res.status).toBe(409);
    expect((await events).at(-1)?.state).toBe('cancelled');
    expect(exports.runningExports()).toEqual([]);
    // The pool is free again: a small export right after goes through.
    const next = await download(
      browser,
      `/api/v1/projects/${projectId}/export?format=json`,
    );
    expect(next.status).toBe(200);
  });

  it('cancels an export when its client disconnects', async () => {
    const { browser, projectId } = await importedProject(bigDocument(300));
    const server = app.app.getHttpServer() as http.Server;
    if (!server.listening)
      await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve),
      );
    const { port } = server.address() as AddressInfo;
    const exportId = randomUUID();
    const events = firstValueFrom(progressOf(exportId).pipe(toArray()));
    const started = firstValueFrom(
      exports.progress$.pipe(
        filter((p) => p.exportId === exportId && p.percent > 0),
      ),
    );
    const req = http.get({
      host: '127.0.0.1',
      port,
      path: `/api/v1/projects/${projectId}/export?format=pdf&exportId=${exportId}`,
      headers: { cookie: browser.cookies() },
    });
    req.on('error', () => undefined);
    await started;
    req.destroy();
    const seen = await events;
    expect(seen.at(-1)?.state).toBe('cancelled');
    expect(seen.at(-1)?.percent).toBeLessThan(100);
    expect(exports.runningExports()).toEqual([]);
  });
});

describe('an export too large for its memory (real database, real threads)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(
      [AuthModule, ProjectsModule, ModelModule, ExportModule],
      {
        env: {
          EXPORT_WORKER_FILE: buildExportWorker(),
          EXPORT_THREADS: '1',
          EXPORT_MEMORY_MB: '64',
        },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('fails that export with a 503 naming the limit, and the api goes on exporting', async () => {
    const { browser } = await signedUpBrowser(
      app,
      uniqueEmail('facilitator'),
      'Fay Facilitator',
    );
    const big = await browser.post('/api/v1/projects/import', bigDocument(600));
    expect(big.status).toBe(201);
    const res = await browser.get(
      `/api/v1/projects/${big.body.id}/export?format=pdf`,
    );
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('export_out_of_memory');
    expect(res.body.detail).toContain('EXPORT_MEMORY_MB');

    const small = await browser.post('/api/v1/projects/import', FIXTURE);
    const after = await browser.get(
      `/api/v1/projects/${small.body.id}/export?format=md`,
    );
    expect(after.status).toBe(200);
  }, 120_000);
});

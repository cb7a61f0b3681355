import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { buildExportWorker } from '@orca/api/export/testing';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import type { ProjectModel, ProjectRole } from '@orca/shared/domain';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { SnapshotsModule } from './snapshots.module';

const FIXTURE = join(
  __dirname,
  '../../../../../../shared/fixtures/learning-platform.orca.json',
);

/**
 * A model with every id replaced by what people read (names, "From → To"…), so two models that
 * differ only in their ids compare equal.
 */
function byNames(model: ProjectModel) {
  const labels = new Map<string, string>();
  for (const o of Object.values(model.objects))
    labels.set(o.id, `object:${o.name}`);
  for (const r of Object.values(model.roles))
    labels.set(r.id, `role:${r.name}`);
  for (const r of Object.values(model.relationships))
    labels.set(
      r.id,
      `relationship:${labels.get(r.fromObjectId)}→${labels.get(r.toObjectId)}`,
    );
  for (const a of Object.values(model.attributes))
    labels.set(a.id, `attribute:${labels.get(a.objectId)}›${a.name}`);
  for (const c of Object.values(model.ctas))
    labels.set(
      c.id,
      `cta:${labels.get(c.roleId)}›${labels.get(c.objectId)}›${c.verb}›${c.orderKey}`,
    );
  const renamed = JSON.parse(
    JSON.stringify(model, (_key, value: unknown) =>
      typeof value === 'string' && labels.has(value)
        ? labels.get(value)
        : value,
    ),
  ) as Record<string, Record<string, { id: string }>>;
  return Object.fromEntries(
    Object.entries(renamed).map(([collection, items]) => [
      collection,
      Object.fromEntries(Object.values(items).map((item) => [item.id, item])),
    ]),
  );
}

describe('snapshots (real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(
      [AuthModule, ProjectsModule, ModelModule, SnapshotsModule],
      {
        env: {
          EXPORT_WORKER_FILE: buildExportWorker(),
          EXPORT_THREADS: '1',
        },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function facilitator() {
    return signedUpBrowser(app, uniqueEmail('fay'), 'Fay Facilitator');
  }

  async function member(
    owner: BrowserAgent,
    projectId: string,
    role: ProjectRole,
  ) {
    const email = uniqueEmail(role);
    const invitation = await owner.post(
      `/api/v1/projects/${projectId}/invitations`,
      { email, role },
    );
    const token = new URL(invitation.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const person = await signedUpBrowser(app, email, `Vic ${role}`);
    await person.browser.post(`/api/v1/invitations/${token}/accept`);
    return person.browser;
  }

  it('snapshot, change, diff field by field, restore as a new project equal to the snapshot', async () => {
    const { browser } = await facilitator();
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const imported = await browser.post('/api/v1/projects/import', document);
    expect(imported.status).toBe(201);
    const base = `/api/v1/projects/${imported.body.id}`;
    const then = (await browser.get(`${base}/model`)).body;

    const taken = await browser.post(`${base}/snapshots`, {
      name: ' After discovery ',
      description: 'Objects and NOM agreed in the first workshop.',
    });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({
      name: 'After discovery',
      rev: then.rev,
      authorName: 'Fay Facilitator',
      counts: {
        objects: document.objects.length,
        relationships: document.relationships.length,
        roles: document.roles.length,
        ctas: document.ctas.length,
        attributes: document.attributes.length,
      },
    });
    const snapshotId = taken.body.id as string;

    // Change the model: rename and redefine an object, drop a CTA, add an attribute.
    const course = Object.values(
      then.model.objects as ProjectModel['objects'],
    ).find((o) => o.name === 'Course');
    if (!course) throw new Error('the fixture has a Course');
    await browser.patch(`${base}/objects/${course.id}`, {
      name: 'Class',
      definition: 'A taught series of lessons.',
    });
    const cta = Object.values(then.model.ctas as ProjectModel['ctas'])[0];
    await browser.delete(`${base}/ctas/${cta.id}`);
    const added = await browser.post(`${base}/attributes`, {
      objectId: course.id,
      name: 'Room',
      type: 'text',
    });
    expect(added.status).toBe(201);

    // The snapshot is immutable: it still holds the model as it was.
    const kept = await browser.get(`${base}/snapshots/${snapshotId}`);
    expect(kept.status).toBe(200);
    expect(kept.body.model).toEqual(then.model);

    const diff = await browser.get(
      `${base}/snapshots/${snapshotId}/diff/current`,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.a).toEqual({
      snapshotId,
      name: 'After discovery',
      rev: then.rev,
    });
    expect(diff.body.b).toMatchObject({ snapshotId: null, name: 'current' });
    expect(diff.body.objects.changed).toEqual([
      {
        id: course.id,
        label: 'Class',
        fields: [
          { field: 'name', before: 'Course', after: 'Class' },
          {
            field: 'definition',
            before: course.definition,
            after: 'A taught series of lessons.',
          },
        ],
      },
    ]);
    expect(diff.body.ctas.removed.map((c: { id: string }) => c.id)).toEqual([
      cta.id,
    ]);
    expect(diff.body.attributes.added).toEqual([
      expect.objectContaining({ label: 'Class › Room' }),
    ]);
    expect(diff.body.totals).toEqual({ added: 1, removed: 1, changed: 1 });

    // A second snapshot of now: the two snapshots differ exactly as the first and now do.
    const second = await browser.post(`${base}/snapshots`, { name: 'Renamed' });
    const between = await browser.get(
      `${base}/snapshots/${snapshotId}/diff/${second.body.id}`,
    );
    expect(between.body.b).toMatchObject({ name: 'Renamed' });
    expect({ ...between.body, a: null, b: null }).toEqual({
      ...diff.body,
      a: null,
      b: null,
    });
    const list = await browser.get(`${base}/snapshots`);
    expect(list.body.map((s: { name: string }) => s.name)).toEqual([
      'Renamed',
      'After discovery',
    ]);
    expect(list.body[0].model).toBeUndefined();

    const before = (await browser.get(`${base}/model`)).body;
    const restored = await browser.post(
      `${base}/snapshots/${snapshotId}/restore`,
    );
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      name: 'Learning platform (restored After discovery)',
      role: 'facilitator',
      rev: 1,
    });
    expect(restored.body.id).not.toBe(imported.body.id);
    const copy = (
      await browser.get(`/api/v1/projects/${restored.body.id}/model`)
    ).body.model as ProjectModel;
    expect(byNames(copy)).toEqual(byNames(then.model));
    expect(Object.keys(copy.objects)).not.toContain(course.id);
    // The project it came from is untouched.
    expect((await browser.get(`${base}/model`)).body).toEqual(before);

    const named = await browser.post(
      `${base}/snapshots/${snapshotId}/restore`,
      {
        name: 'Workshop replay',
      },
    );
    expect(named.body.name).toBe('Workshop replay');
  });

  it('lets viewers list, view, diff and restore, but only facilitators take snapshots; others see nothing', async () => {
    const { browser: owner } = await facilitator();
    const projectId = (
      await owner.post('/api/v1/projects', { name: 'Community garden' })
    ).body.id as string;
    const base = `/api/v1/projects/${projectId}`;
    await owner.post(`${base}/objects`, { name: 'Plot' });
    const snapshot = (await owner.post(`${base}/snapshots`, { name: 'Start' }))
      .body;

    const viewer = await member(owner, projectId, 'viewer');
    expect((await viewer.get(`${base}/snapshots`)).body).toHaveLength(1);
    expect(
      (await viewer.get(`${base}/snapshots/${snapshot.id}`)).body.model,
    ).toBeDefined();
    expect(
      (await viewer.get(`${base}/snapshots/current/diff/${snapshot.id}`)).body
        .totals,
    ).toEqual({ added: 0, removed: 0, changed: 0 });
    const copy = await viewer.post(`${base}/snapshots/${snapshot.id}/restore`);
    expect(copy.status).toBe(201);
    expect(copy.body.role).toBe('facilitator');
    expect(
      (await viewer.post(`${base}/snapshots`, { name: 'Mine' })).status,
    ).toBe(403);

    const contributor = await member(owner, projectId, 'contributor');
    const refused = await contributor.post(`${base}/snapshots`, {
      name: 'Mine',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('insufficient_role');

    const { browser: stranger } = await signedUpBrowser(
      app,
      uniqueEmail('stranger'),
    );
    for (const res of [
      await stranger.get(`${base}/snapshots`),
      await stranger.get(`${base}/snapshots/${snapshot.id}`),
      await stranger.get(`${base}/snapshots/${snapshot.id}/diff/current`),
      await stranger.post(`${base}/snapshots/${snapshot.id}/restore`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('project_not_found');
    }
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

  it('exports a snapshot like a project: the model as it was, named after the snapshot', async () => {
    const { browser: owner } = await facilitator();
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const projectId = (await owner.post('/api/v1/projects/import', document))
      .body.id as string;
    const base = `/api/v1/projects/${projectId}`;
    const snapshot = (
      await owner.post(`${base}/snapshots`, { name: 'After Discovery' })
    ).body;
    const model = (await owner.get(`${base}/model`)).body.model as ProjectModel;
    const course = Object.values(model.objects).find(
      (o) => o.name === 'Course',
    );
    if (!course) throw new Error('the fixture has a Course');
    await owner.patch(`${base}/objects/${course.id}`, { name: 'Class' });

    const viewer = await member(owner, projectId, 'viewer');
    const json = await download(
      viewer,
      `${base}/snapshots/${snapshot.id}/export?format=json`,
    );
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toBe(
      `attachment; filename="learning-platform-rev${snapshot.rev}-snapshot-after-discovery.json"`,
    );
    expect(json.headers['x-model-rev']).toBe(String(snapshot.rev));
    const exported = JSON.parse((json.body as Buffer).toString('utf8'));
    expect(exported.exported).toMatchObject({
      rev: snapshot.rev,
      snapshot: 'After Discovery',
    });
    const names = exported.objects.map((o: { name: string }) => o.name);
    expect(names).toContain('Course');
    expect(names).not.toContain('Class');

    // The bundle says which snapshot it holds; the Now-only view is honoured.
    const zip = await download(
      viewer,
      `${base}/snapshots/${snapshot.id}/export?format=zip&priority=now`,
    );
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    const manifest = JSON.parse(
      strFromU8(files['manifest.json'] as Uint8Array),
    );
    expect(manifest).toMatchObject({
      snapshot: 'After Discovery',
      rev: snapshot.rev,
      filter: 'now',
    });
    expect(Object.keys(files)).toContain(
      `learning-platform-rev${snapshot.rev}-snapshot-after-discovery-now.pdf`,
    );

    // The project's own export is the model as it is now.
    const now = await download(viewer, `${base}/export?format=json`);
    expect(
      JSON.parse((now.body as Buffer).toString('utf8')).objects.map(
        (o: { name: string }) => o.name,
      ),
    ).toContain('Class');

    // Bad input: every bad field named; an unknown snapshot or a stranger gets a 404.
    const bad = await owner.get(
      `${base}/snapshots/${snapshot.id}/export?format=docx&priority=later`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'format',
      'priority',
    ]);
    const missing = await owner.get(
      `${base}/snapshots/${randomUUID()}/export?format=json`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('snapshot_not_found');
    const { browser: stranger } = await facilitator();
    const foreign = await stranger.get(
      `${base}/snapshots/${snapshot.id}/export?format=json`,
    );
    expect(foreign.status).toBe(404);
  });

  it('answers bad input with problem details naming the field, and creates nothing', async () => {
    const { browser } = await facilitator();
    const projectId = (
      await browser.post('/api/v1/projects', { name: 'Garden' })
    ).body.id as string;
    const otherId = (await browser.post('/api/v1/projects', { name: 'Other' }))
      .body.id as string;
    const base = `/api/v1/projects/${projectId}`;
    const foreign = (
      await browser.post(`/api/v1/projects/${otherId}/snapshots`, {
        name: 'Elsewhere',
      })
    ).body.id as string;

    const cases: Array<
      [
        Promise<{
          status: number;
          body: { errors?: Array<{ field: string }>; code: string };
          headers: Record<string, string>;
        }>,
        number,
        string,
      ]
    > = [
      [browser.post(`${base}/snapshots`, { name: '   ' }), 400, 'name'],
      [browser.post(`${base}/snapshots`, {}), 400, 'name'],
      [
        browser.post(`${base}/snapshots`, { name: 'x'.repeat(121) }),
        400,
        'name',
      ],
      [
        browser.post(`${base}/snapshots`, {
          name: 'ok',
          description: 'x'.repeat(2001),
        }),
        400,
        'description',
      ],
      [browser.post(`${base}/snapshots`, { name: 'ok', rev: 3 }), 400, 'rev'],
      [browser.get(`${base}/snapshots/nope/diff/current`), 404, 'a'],
      [browser.get(`${base}/snapshots/current/diff/${foreign}`), 404, 'b'],
    ];
    for (const [pending, status, field] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect((await browser.get(`${base}/snapshots`)).body).toEqual([]);

    for (const res of [
      await browser.get(`${base}/snapshots/${foreign}`),
      await browser.get(`${base}/snapshots/not-a-uuid`),
      await browser.post(`${base}/snapshots/${foreign}/restore`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('snapshot_not_found');
    }
    const own = (await browser.post(`${base}/snapshots`, { name: 'Mine' }))
      .body;
    const unnamed = await browser.post(`${base}/snapshots/${own.id}/restore`, {
      name: '',
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].field).toBe('name');
    expect((await browser.get('/api/v1/projects')).body).toHaveLength(2);
  });
});

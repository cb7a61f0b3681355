import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  failStatement,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ProjectsModule } from '@orca/api/projects';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ModelModule } from './model.module';

const FIXTURE = join(
  __dirname,
  '../../../../../../shared/fixtures/learning-platform.orca.json',
);
const MODEL_TABLES = [
  'model_objects',
  'model_relationships',
  'model_roles',
  'model_ctas',
  'model_attributes',
];

/**
 * Every multi-row write is one transaction (issue 12 §5), proven by failing its last statement in
 * the real database (a trigger that raises) and finding nothing of it afterwards: the rows
 * written before that statement are rolled back with it, the rev and the change log unchanged.
 * The answer is a problem (500 `internal_error`), never a half-done success.
 */
describe('multi-row writes are all or nothing (the last statement fails)', () => {
  let app: TestApp;
  let dataSource: DataSource;
  const proven: string[] = [];

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProjectsModule, ModelModule]);
    dataSource = app.app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    console.log(
      `transactions: ${proven.length} multi-row writes failed at their last statement, 0 left anything behind (${proven.join('; ')})`,
    );
    await app?.close();
  });

  /** Everything a project is made of, read from its tables: what must not move. */
  async function stored(projectId: string) {
    const [project]: Array<{ rev: string }> = await dataSource.query(
      'SELECT rev FROM projects WHERE id = $1',
      [projectId],
    );
    const rows: Record<string, unknown[]> = {};
    for (const table of MODEL_TABLES)
      rows[table] = (
        await dataSource.query(
          `SELECT data FROM ${table} WHERE project_id = $1 ORDER BY id`,
          [projectId],
        )
      ).map((row: { data: unknown }) => row.data);
    const [log]: Array<{ count: string }> = await dataSource.query(
      'SELECT count(*) FROM changes WHERE project_id = $1',
      [projectId],
    );
    return { rev: Number(project?.rev), changes: Number(log?.count), rows };
  }

  /** Runs `write` with `statement` failing; expects a problem and nothing of it stored. */
  async function failsWhole(
    what: string,
    projectId: string | null,
    fault: Parameters<typeof failStatement>[1],
    write: () => Promise<{ status: number; body: { code?: string } }>,
  ) {
    const before = projectId ? await stored(projectId) : null;
    const remove = await failStatement(dataSource, fault);
    let answer;
    try {
      answer = await write();
    } finally {
      await remove();
    }
    expect(answer.status).toBe(500);
    expect(answer.body.code).toBe('internal_error');
    if (projectId) expect(await stored(projectId)).toEqual(before);
    proven.push(what);
  }

  async function projectOf(browser: BrowserAgent, name: string) {
    const created = await browser.post('/api/v1/projects', { name });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('deleting an object removes its attributes and relationships with it, or nothing', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('fay'));
    const projectId = await projectOf(browser, 'Cascade');
    const base = `/api/v1/projects/${projectId}`;
    const course = (await browser.post(`${base}/objects`, { name: 'Course' }))
      .body.object;
    const lesson = (await browser.post(`${base}/objects`, { name: 'Lesson' }))
      .body.object;
    for (const name of ['Title', 'Price'])
      expect(
        (
          await browser.post(`${base}/attributes`, {
            objectId: course.id,
            name,
          })
        ).status,
      ).toBe(201);
    expect(
      (
        await browser.post(`${base}/relationships`, {
          fromObjectId: course.id,
          toObjectId: lesson.id,
          label: 'has',
          cardinality: 'one-to-many',
        })
      ).status,
    ).toBe(201);
    const { rev } = await stored(projectId);

    // The change's last statement is its log entry (with the rev bump, in one statement).
    await failsWhole(
      'object delete with 2 attributes and a relationship',
      projectId,
      {
        table: 'changes',
        event: 'INSERT',
        when: `NEW.project_id = '${projectId}'`,
      },
      () => browser.delete(`${base}/objects/${course.id}`),
    );

    // Without the fault the same request goes through, and takes all of it.
    const deleted = await browser.delete(`${base}/objects/${course.id}`);
    expect(deleted.status).toBe(200);
    const after = await stored(projectId);
    expect(after.rev).toBe(rev + 1);
    expect(after.rows['model_attributes']).toEqual([]);
    expect(after.rows['model_relationships']).toEqual([]);

    // Undo brings the three rows back in changes of their own: fail the last one's log entry.
    const [undone]: Array<{ steps: number }> = await dataSource.query(
      'SELECT jsonb_array_length(inverse) AS steps FROM changes WHERE project_id = $1 AND rev = $2',
      [projectId, after.rev],
    );
    const steps = Number(undone?.steps);
    expect(steps).toBeGreaterThanOrEqual(1);
    await failsWhole(
      `undo of that delete (${steps} changes)`,
      projectId,
      {
        table: 'changes',
        event: 'INSERT',
        when: `NEW.project_id = '${projectId}' AND NEW.rev = ${after.rev + steps}`,
      },
      () => browser.post(`${base}/changes/undo`, {}),
    );
    const redone = await browser.post(`${base}/changes/undo`, {});
    expect(redone.status).toBe(200);
    expect((await stored(projectId)).rows['model_attributes']).toHaveLength(2);
  });

  it('a bulk operation (a starter set of three roles) commits all its changes or none', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('fay'));
    const projectId = await projectOf(browser, 'Bulk');
    const { rev } = await stored(projectId);
    await failsWhole(
      'starter set of 3 roles (3 changes)',
      projectId,
      {
        table: 'changes',
        event: 'INSERT',
        when: `NEW.project_id = '${projectId}' AND NEW.rev = ${rev + 3}`,
      },
      () => browser.post(`/api/v1/projects/${projectId}/roles/starter-set`, {}),
    );
    const added = await browser.post(
      `/api/v1/projects/${projectId}/roles/starter-set`,
      {},
    );
    expect(added.body).toMatchObject({ rev: rev + 3, changes: 3 });
  });

  it('an import creates the project, its membership, every item and the log entry, or nothing (and stays all-or-nothing for a bad document)', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('fay'));
    const name = `Imported ${randomUUID()}`;
    const document = {
      ...JSON.parse(readFileSync(FIXTURE, 'utf8')),
      project: { ...JSON.parse(readFileSync(FIXTURE, 'utf8')).project, name },
    };
    const projects = async () =>
      (
        await dataSource.query(
          'SELECT count(*) FROM projects WHERE name = $1',
          [name],
        )
      )[0].count as string;
    // The import's last statement: the new project's rev set to 1.
    await failsWhole(
      'import of the learning-platform fixture',
      null,
      {
        table: 'projects',
        event: 'UPDATE',
        when: `NEW.name = '${name}' AND NEW.rev = 1`,
      },
      () => browser.post('/api/v1/projects/import', document),
    );
    expect(await projects()).toBe('0');
    expect((await browser.get('/api/v1/projects')).body).toEqual([]);

    const bad = await browser.post('/api/v1/projects/import', {
      ...document,
      objects: [...document.objects, { name: '' }],
    });
    expect(bad.status).toBe(422);
    expect(await projects()).toBe('0');

    const imported = await browser.post('/api/v1/projects/import', document);
    expect(imported.status).toBe(201);
    const model = await stored(imported.body.id);
    expect(model.rows['model_objects']).toHaveLength(document.objects.length);
    expect(model).toMatchObject({ rev: 1, changes: 1 });
  });

  it('a new project comes with its facilitator membership, or not at all', async () => {
    const { browser, user } = await signedUpBrowser(app, uniqueEmail('fay'));
    await failsWhole(
      'project create (project and membership)',
      null,
      {
        table: 'project_members',
        event: 'INSERT',
        when: `NEW.user_id = '${user.id}'`,
      },
      () => browser.post('/api/v1/projects', { name: 'Half-made' }),
    );
    const [orphans]: Array<{ count: string }> = await dataSource.query(
      'SELECT count(*) FROM projects WHERE created_by = $1',
      [user.id],
    );
    expect(orphans?.count).toBe('0');
  });

  it('accepting an invitation makes the member and uses up the invitation together', async () => {
    const { browser: fay } = await signedUpBrowser(app, uniqueEmail('fay'));
    const projectId = await projectOf(fay, 'Invitations');
    const email = uniqueEmail('ben');
    const invitation = (
      await fay.post(`/api/v1/projects/${projectId}/invitations`, {
        email,
        role: 'contributor',
      })
    ).body as { id: string; acceptUrl: string };
    const token = new URL(invitation.acceptUrl).pathname.split('/').pop();
    const { browser: ben } = await signedUpBrowser(app, email, 'Ben');
    const members = async () =>
      (
        await dataSource.query(
          'SELECT count(*) FROM project_members WHERE project_id = $1',
          [projectId],
        )
      )[0].count as string;
    // Its last statement marks the invitation accepted.
    await failsWhole(
      'invitation accept (membership and invitation)',
      projectId,
      {
        table: 'invitations',
        event: 'UPDATE',
        when: `NEW.id = '${invitation.id}'`,
      },
      () => ben.post(`/api/v1/invitations/${token}/accept`),
    );
    expect(await members()).toBe('1');
    expect((await ben.get(`/api/v1/projects/${projectId}/model`)).status).toBe(
      404,
    );
    // Still usable: it was not used up by the failed attempt.
    expect((await ben.post(`/api/v1/invitations/${token}/accept`)).status).toBe(
      200,
    );
    expect(await members()).toBe('2');
  });
});

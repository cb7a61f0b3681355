import { AuthModule } from '@orca/api/auth';
import {
  createTestApp,
  failStatement,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ModelModule } from '@orca/api/model';
import { ProjectsModule } from '@orca/api/projects';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SnapshotsModule } from './snapshots.module';

const FIXTURE = join(
  __dirname,
  '../../../../../../shared/fixtures/learning-platform.orca.json',
);

/**
 * Restoring a snapshot writes a new project, its facilitator, every item and a log entry: one
 * transaction (issue 12 §5). Its last statement fails here, and no trace of the new project is
 * left: no project row, no items, no membership.
 */
describe('restoring a snapshot is all or nothing', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([
      AuthModule,
      ProjectsModule,
      ModelModule,
      SnapshotsModule,
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('leaves no new project behind when its last statement fails, and restores on a retry', async () => {
    const { browser, user } = await signedUpBrowser(
      app,
      uniqueEmail('fay'),
      'Fay',
    );
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const imported = await browser.post('/api/v1/projects/import', document);
    expect(imported.status).toBe(201);
    const base = `/api/v1/projects/${imported.body.id}`;
    const snapshot = await browser.post(`${base}/snapshots`, { name: 'Kept' });
    expect(snapshot.status).toBe(201);
    const dataSource = app.app.get(DataSource);
    const count = async (sql: string) =>
      Number((await dataSource.query(sql, [user.id]))[0].count);
    const traces = async () => ({
      projects: await count(
        'SELECT count(*) FROM projects WHERE created_by = $1',
      ),
      memberships: await count(
        'SELECT count(*) FROM project_members WHERE user_id = $1',
      ),
      objects: await count(
        'SELECT count(*) FROM model_objects o JOIN projects p ON p.id = o.project_id WHERE p.created_by = $1',
      ),
      changes: await count(
        'SELECT count(*) FROM changes c JOIN projects p ON p.id = c.project_id WHERE p.created_by = $1',
      ),
    });
    const before = await traces();

    // Its last statement sets the new project's rev to 1.
    const remove = await failStatement(dataSource, {
      table: 'projects',
      event: 'UPDATE',
      when: `NEW.created_by = '${user.id}' AND NEW.rev = 1 AND NEW.id <> '${imported.body.id}'`,
    });
    let failed;
    try {
      failed = await browser.post(
        `${base}/snapshots/${snapshot.body.id}/restore`,
      );
    } finally {
      await remove();
    }
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe('internal_error');
    expect(await traces()).toEqual(before);

    const restored = await browser.post(
      `${base}/snapshots/${snapshot.body.id}/restore`,
    );
    expect(restored.status).toBe(201);
    expect(await traces()).toEqual({
      projects: before.projects + 1,
      memberships: before.memberships + 1,
      objects: 2 * before.objects,
      changes: before.changes + 1,
    });
    console.log(
      `transactions: snapshot restore failed at its last statement: 0 of ${before.objects} objects, 0 projects, 0 memberships left behind`,
    );
  });
});

import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ProjectsModule } from '@orca/api/projects';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyBetween } from '@orca/shared/domain';
import { ModelModule } from './model.module';

const FIXTURE = join(
  __dirname,
  '../../../../../../shared/fixtures/learning-platform.orca.json',
);

describe('the ORCA model engine over REST (real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProjectsModule, ModelModule]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function facilitator() {
    return signedUpBrowser(app, uniqueEmail('facilitator'), 'Fay Facilitator');
  }

  async function emptyProject(browser: BrowserAgent) {
    const created = await browser.post('/api/v1/projects', {
      name: 'Community garden',
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('imports the learning-platform fixture all at once and serves it back', async () => {
    const { browser } = await facilitator();
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const imported = await browser.post('/api/v1/projects/import', document);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      name: 'Learning platform',
      role: 'facilitator',
      rev: 1,
    });

    const model = await browser.get(
      `/api/v1/projects/${imported.body.id}/model`,
    );
    expect(model.body.rev).toBe(1);
    const objects = Object.values(model.body.model.objects) as Array<{
      name: string;
    }>;
    expect(objects.map((o) => o.name).sort()).toEqual(
      document.objects.map((o: { name: string }) => o.name).sort(),
    );
    expect(Object.keys(model.body.model.relationships)).toHaveLength(
      document.relationships.length,
    );
    expect(Object.keys(model.body.model.ctas)).toHaveLength(
      document.ctas.length,
    );
    expect(Object.keys(model.body.model.attributes)).toHaveLength(
      document.attributes.length,
    );

    const nowOnly = await browser.get(
      `/api/v1/projects/${imported.body.id}/objects?priority=now`,
    );
    expect(nowOnly.body.map((o: { name: string }) => o.name)).toEqual(
      document.objects
        .filter((o: { priority: string }) => o.priority === 'now')
        .map((o: { name: string }) => o.name),
    );
    const search = await browser.get(
      `/api/v1/projects/${imported.body.id}/objects?q=tutor`,
    );
    expect(search.body.map((o: { name: string }) => o.name)).toEqual([
      'Instructor Profile',
    ]);

    const changes = await browser.get(
      `/api/v1/projects/${imported.body.id}/changes`,
    );
    expect(changes.body.changes).toEqual([
      expect.objectContaining({
        rev: 1,
        kind: 'project.import',
        actorName: 'Fay Facilitator',
      }),
    ]);
  });

  it('refuses an invalid import listing every problem, and creates nothing', async () => {
    const { browser } = await facilitator();
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    document.objects[1].name = document.objects[0].name;
    document.relationships[0].cardinality = 'some-to-few';
    const res = await browser.post('/api/v1/projects/import', document);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('import_invalid');
    expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
    expect((await browser.get('/api/v1/projects')).body).toEqual([]);
  });

  it('builds a model by hand: every write answers a rev one higher, and the NOM and CTA matrix draw exactly that', async () => {
    const { browser } = await facilitator();
    const projectId = await emptyProject(browser);
    const base = `/api/v1/projects/${projectId}`;
    const revs: number[] = [];
    const write = async (
      promise: Promise<{ status: number; body: { rev: number } }>,
      status = 201,
    ) => {
      const res = await promise;
      expect(res.status).toBe(status);
      revs.push(res.body.rev);
      return res.body as {
        rev: number;
        object?: { id: string };
        role?: { id: string };
      };
    };

    const plot = (
      await write(
        browser.post(`${base}/objects`, {
          name: 'Plot',
          definition: 'A bed of soil a gardener rents.',
        }),
      )
    ).object as { id: string };
    const gardener = (
      await write(
        browser.post(`${base}/objects`, {
          name: 'Gardener',
          synonyms: ['Member'],
        }),
      )
    ).object as { id: string };
    await write(
      browser.post(`${base}/relationships`, {
        fromObjectId: plot.id,
        toObjectId: gardener.id,
        label: 'is tended by',
        cardinality: 'many-to-one',
      }),
    );
    await write(
      browser.post(`${base}/relationships`, {
        fromObjectId: gardener.id,
        toObjectId: plot.id,
        label: 'tends',
        cardinality: 'one-to-many',
        mechanics: 'Coordinator assigns',
      }),
    );
    const coordinator = (
      await write(browser.post(`${base}/roles`, { name: 'Coordinator' }))
    ).role as { id: string };
    await write(
      browser.post(`${base}/ctas`, {
        roleId: coordinator.id,
        objectId: plot.id,
        verb: 'assign',
        crud: 'update',
        primary: true,
      }),
    );
    await write(
      browser.post(`${base}/attributes`, {
        objectId: plot.id,
        name: 'Size',
        type: 'number',
        kind: 'metadata',
      }),
    );
    await write(
      browser.patch(`${base}/objects/${gardener.id}`, {
        priority: 'now',
        score: 8,
      }),
      200,
    );
    expect(revs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const nom = await browser.get(`${base}/nom`);
    expect(nom.body.rev).toBe(8);
    expect(nom.body.objects.map((o: { name: string }) => o.name)).toEqual([
      'Plot',
      'Gardener',
    ]);
    const cell = nom.body.rows[0].cells[1];
    expect(cell.relationship).toMatchObject({
      label: 'is tended by',
      cardinality: 'many-to-one',
    });
    expect(cell.reverseFilled).toBe(true);
    expect(nom.body.rows[0].cells[0].relationship).toBeNull();

    const matrix = await browser.get(`${base}/cta-matrix`);
    expect(JSON.stringify(matrix.body)).toContain('"verb":"assign"');
    const readsOnly = await browser.get(`${base}/cta-matrix?crud=read`);
    expect(JSON.stringify(readsOnly.body)).not.toContain('"verb":"assign"');

    const review = await browser.get(`${base}/validation`);
    const rules = review.body.findings.map(
      (f: { rule: string; target: { id?: string } }) =>
        `${f.rule}:${f.target?.id ?? ''}`,
    );
    expect(rules).toContain(`object-missing-definition:${gardener.id}`);
    expect(rules).toContain(`object-missing-ctas:${gardener.id}`);
    expect(
      rules.some((rule: string) => rule.startsWith('one-way-relationship')),
    ).toBe(false);
    const switchedOff = await browser.get(
      `${base}/validation?disable=object-missing-definition`,
    );
    expect(
      switchedOff.body.findings.map((f: { rule: string }) => f.rule),
    ).not.toContain('object-missing-definition');
  });

  it('deletes an object with its relationships, attributes and CTAs in one change, and says what went', async () => {
    const { browser } = await facilitator();
    const projectId = await emptyProject(browser);
    const base = `/api/v1/projects/${projectId}`;
    const plot = (await browser.post(`${base}/objects`, { name: 'Plot' })).body
      .object;
    const tool = (await browser.post(`${base}/objects`, { name: 'Tool' })).body
      .object;
    await browser.post(`${base}/relationships`, {
      fromObjectId: tool.id,
      toObjectId: plot.id,
      cardinality: 'many-to-one',
      label: 'is kept near',
    });
    await browser.post(`${base}/attributes`, {
      objectId: tool.id,
      name: 'Due back',
      type: 'date',
    });
    const role = (await browser.post(`${base}/roles`, { name: 'Gardener' }))
      .body.role;
    await browser.post(`${base}/ctas`, {
      roleId: role.id,
      objectId: tool.id,
      verb: 'book',
      crud: 'create',
    });

    const deleted = await browser.delete(`${base}/objects/${tool.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.rev).toBe(7);
    expect(
      deleted.body.removed
        .map((r: { kind: string; name: string }) => `${r.kind}:${r.name}`)
        .sort(),
    ).toEqual(
      [
        'attribute:Due back',
        'cta:book',
        'object:Tool',
        'relationship:is kept near',
      ].sort(),
    );
    const model = (await browser.get(`${base}/model`)).body.model;
    expect(Object.keys(model.relationships)).toEqual([]);
    expect(Object.keys(model.attributes)).toEqual([]);
    expect(Object.keys(model.ctas)).toEqual([]);

    const stale = await browser.patch(`${base}/objects/${tool.id}`, {
      definition: 'too late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('item_deleted');
    expect((await browser.get(`${base}/model`)).body.rev).toBe(7);
  });

  it('refuses bad input with a 4xx naming the field, leaving the model and rev unchanged', async () => {
    const { browser } = await facilitator();
    const projectId = await emptyProject(browser);
    const base = `/api/v1/projects/${projectId}`;
    const plot = (await browser.post(`${base}/objects`, { name: 'Plot' })).body
      .object;
    const other = await browser.post('/api/v1/projects', {
      name: 'Other project',
    });
    const foreign = (
      await browser.post(`/api/v1/projects/${other.body.id}/objects`, {
        name: 'Foreign',
      })
    ).body.object;

    const cases: Array<
      [
        string,
        Promise<{ status: number; body: { errors: Array<{ field: string }> } }>,
        string,
      ]
    > = [
      [
        'duplicate name',
        browser.post(`${base}/objects`, { name: 'plot' }),
        'name',
      ],
      [
        'score of 11',
        browser.patch(`${base}/objects/${plot.id}`, { score: 11 }),
        'score',
      ],
      [
        'unknown cardinality',
        browser.post(`${base}/relationships`, {
          fromObjectId: plot.id,
          toObjectId: plot.id,
          cardinality: 'lots',
        }),
        'cardinality',
      ],
      [
        'object of another project',
        browser.post(`${base}/relationships`, {
          fromObjectId: plot.id,
          toObjectId: foreign.id,
          cardinality: 'one-to-one',
        }),
        'toObjectId',
      ],
      [
        'CTA for a missing role',
        browser.post(`${base}/ctas`, {
          roleId: plot.id,
          objectId: plot.id,
          verb: 'dig',
          crud: 'other',
        }),
        'roleId',
      ],
      [
        'unknown field',
        browser.patch(`${base}/objects/${plot.id}`, { colour: 'blue' }),
        'colour',
      ],
      [
        'a NUL character in an object name',
        browser.post(`${base}/objects`, { name: 'Plot\u0000' }),
        'name',
      ],
      [
        'a NUL character in a role name',
        browser.post(`${base}/roles`, { name: '\u0000' }),
        'name',
      ],
      [
        'a lone surrogate in a synonym',
        browser.patch(`${base}/objects/${plot.id}`, {
          synonyms: ['Bed \uD83D'],
        }),
        'synonyms.0',
      ],
      [
        'a NUL character deep in a change body',
        browser.post(`${base}/changes`, {
          mutationId: '7d1c8f2e-5b0a-4c3e-9f1d-2a6b8c4e0f13',
          change: {
            kind: 'object.update',
            id: plot.id,
            patch: { definition: 'A bed\u0000' },
          },
        }),
        'change.patch.definition',
      ],
    ];
    for (const [label, pending, field] of cases) {
      const res = await pending;
      expect({ label, status: res.status }).toEqual({ label, status: 422 });
      expect(res.body.errors.map((e) => e.field)).toContain(field);
    }
    const taken = await browser.post(`${base}/objects`, {
      id: foreign.id,
      name: 'Thief',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('id_taken');
    expect(
      (
        await browser.get(
          `/api/v1/projects/${other.body.id}/objects/${foreign.id}`,
        )
      ).body.name,
    ).toBe('Foreign');

    const after = (await browser.get(`${base}/model`)).body;
    expect(after.rev).toBe(1);
    expect(
      Object.values(after.model.objects).map(
        (o) => (o as { name: string }).name,
      ),
    ).toEqual(['Plot']);
  });

  it('applies any change kind through POST /changes, once per mutation id', async () => {
    const { browser } = await facilitator();
    const projectId = await emptyProject(browser);
    const base = `/api/v1/projects/${projectId}`;
    const a = (await browser.post(`${base}/objects`, { name: 'Alpha' })).body
      .object;
    const b = (await browser.post(`${base}/objects`, { name: 'Beta' })).body
      .object;
    const move = {
      mutationId: 'm-1',
      change: {
        kind: 'object.move',
        id: b.id,
        orderKey: keyBetween(null, a.orderKey),
      },
    };
    const first = await browser.post(`${base}/changes`, move);
    expect(first.body).toMatchObject({
      rev: 3,
      changed: true,
      duplicate: false,
    });
    const retry = await browser.post(`${base}/changes`, move);
    expect(retry.body).toMatchObject({ rev: 3, duplicate: true });
    expect(
      (await browser.get(`${base}/objects`)).body.map(
        (o: { name: string }) => o.name,
      ),
    ).toEqual(['Beta', 'Alpha']);

    const bulk = await browser.post(`${base}/changes`, {
      change: {
        kind: 'priority.set',
        items: [
          { itemKind: 'object', id: a.id },
          { itemKind: 'object', id: b.id },
        ],
        priority: 'later',
      },
    });
    expect(bulk.body.rev).toBe(4);
    expect(
      (await browser.get(`${base}/objects?priority=later`)).body,
    ).toHaveLength(2);
    expect(
      (await browser.get(`${base}/objects?priority=now`)).body,
    ).toHaveLength(0);

    const typed = await browser.post(`${base}/changes`, {
      change: {
        kind: 'text.edit',
        target: { itemKind: 'object', id: a.id, field: 'definition' },
        ops: [{ insert: 'The first letter.' }],
      },
    });
    expect(typed.status).toBe(200);
    expect((await browser.get(`${base}/objects/${a.id}`)).body.definition).toBe(
      'The first letter.',
    );

    const log = await browser.get(`${base}/changes?sinceRev=2&limit=2`);
    expect(
      log.body.changes.map(
        (c: { rev: number; kind: string }) => `${c.rev}:${c.kind}`,
      ),
    ).toEqual(['3:object.move', '4:priority.set']);
    expect(log.body.hasMore).toBe(true);

    const nonsense = await browser.post(`${base}/changes`, {
      change: { kind: 'object.explode', id: a.id },
    });
    expect(nonsense.status).toBe(422);
    expect(nonsense.body.errors[0].field).toMatch(/^change\./);
  });

  it('lets a viewer read and export but never write', async () => {
    const { browser: owner } = await facilitator();
    const projectId = await emptyProject(owner);
    const email = uniqueEmail('viewer');
    const invitation = await owner.post(
      `/api/v1/projects/${projectId}/invitations`,
      { email, role: 'viewer' },
    );
    const token = new URL(invitation.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const { browser: viewer } = await signedUpBrowser(app, email);
    await viewer.post(`/api/v1/invitations/${token}/accept`);

    expect(
      (await viewer.get(`/api/v1/projects/${projectId}/model`)).status,
    ).toBe(200);
    const write = await viewer.post(`/api/v1/projects/${projectId}/objects`, {
      name: 'Sneaky',
    });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('insufficient_role');
    expect(
      (await viewer.get(`/api/v1/projects/${projectId}/model`)).body.rev,
    ).toBe(0);
  });
});

describe('bulk operations (all or nothing, one rev per change)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProjectsModule, ModelModule]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('adds a starter set of roles once, keeping the ones a project already has', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('facilitator'));
    const projectId = (
      await browser.post('/api/v1/projects', { name: 'Roles' })
    ).body.id;
    const base = `/api/v1/projects/${projectId}`;
    await browser.post(`${base}/roles`, { name: 'member' });
    const added = await browser.post(`${base}/roles/starter-set`, {});
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ rev: 3, changes: 2 });
    expect(added.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'member',
      'Visitor',
      'Admin',
    ]);
    const again = await browser.post(`${base}/roles/starter-set`, {});
    expect(again.body).toMatchObject({ rev: 3, changes: 0 });
    const custom = await browser.post(`${base}/roles/starter-set`, {
      names: ['Learner', 'Instructor'],
    });
    expect(custom.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'member',
      'Visitor',
      'Admin',
      'Learner',
      'Instructor',
    ]);
  });

  it('force-ranks all attributes of an object at once, and refuses a partial list without changing anything', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('facilitator'));
    const projectId = (
      await browser.post('/api/v1/projects', { name: 'Ranking' })
    ).body.id;
    const base = `/api/v1/projects/${projectId}`;
    const course = (await browser.post(`${base}/objects`, { name: 'Course' }))
      .body.object;
    const ids: string[] = [];
    for (const name of ['Title', 'Price', 'Level', 'Cover']) {
      ids.push(
        (
          await browser.post(`${base}/attributes`, {
            objectId: course.id,
            name,
          })
        ).body.attribute.id,
      );
    }
    const partial = await browser.post(`${base}/attributes/reorder`, {
      objectId: course.id,
      attributeIds: ids.slice(1),
    });
    expect(partial.status).toBe(400);
    expect(partial.body.errors[0].field).toBe('attributeIds');
    const revBefore = (await browser.get(`${base}/model`)).body.rev;

    const reordered = await browser.post(`${base}/attributes/reorder`, {
      objectId: course.id,
      attributeIds: [ids[3], ids[0], ids[2], ids[1]],
    });
    expect(reordered.status).toBe(200);
    expect(
      reordered.body.attributes.map((a: { name: string }) => a.name),
    ).toEqual(['Cover', 'Title', 'Level', 'Price']);
    expect(reordered.body.rev).toBe(revBefore + reordered.body.changes);
    const listed = await browser.get(
      `${base}/attributes?objectId=${course.id}`,
    );
    expect(listed.body.map((a: { name: string }) => a.name)).toEqual([
      'Cover',
      'Title',
      'Level',
      'Price',
    ]);
  });
});

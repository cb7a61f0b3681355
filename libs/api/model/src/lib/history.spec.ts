import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { ProjectsModule } from '@orca/api/projects';
import type { ProjectRole } from '@orca/shared/domain';
import {
  ChangePipeline,
  type CommittedChange,
} from './change-pipeline.service';
import { ModelModule } from './model.module';

interface LogEntry {
  rev: number;
  kind: string;
  change: Record<string, unknown>;
  inverse: Array<Record<string, unknown>> | null;
  undoes: number | null;
  undoneBy: number | null;
  actorId: string | null;
  actorName: string | null;
}

describe('history and undo (real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProjectsModule, ModelModule]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** A project run by Fay, with Ana as a contributor (and whoever else is asked for). */
  async function team(...others: Array<[string, ProjectRole]>) {
    const fay = await signedUpBrowser(app, uniqueEmail('fay'), 'Fay');
    const projectId = (
      await fay.browser.post('/api/v1/projects', { name: 'Community garden' })
    ).body.id as string;
    const members: Record<
      string,
      { browser: BrowserAgent; user: { id: string } }
    > = {};
    for (const [name, role] of [['Ana', 'contributor'], ...others] as Array<
      [string, ProjectRole]
    >) {
      const email = uniqueEmail(name);
      const invitation = await fay.browser.post(
        `/api/v1/projects/${projectId}/invitations`,
        { email, role },
      );
      const token = new URL(invitation.body.acceptUrl).pathname
        .split('/')
        .pop() as string;
      members[name] = await signedUpBrowser(app, email, name);
      await members[name].browser.post(`/api/v1/invitations/${token}/accept`);
    }
    return {
      fay,
      members,
      base: `/api/v1/projects/${projectId}`,
    };
  }

  const log = async (browser: BrowserAgent, url: string) => {
    const res = await browser.get(url);
    expect(res.status).toBe(200);
    return res.body.changes as LogEntry[];
  };

  it('undoes my own changes one after the other, newest first, as new changes everyone receives', async () => {
    const { members, base } = await team(['Bob', 'contributor']);
    const ana = members['Ana'].browser;
    const bob = members['Bob'].browser;
    const plot = (
      await ana.post(`${base}/objects`, {
        name: 'Plot',
        definition: 'A bed of soil.',
      })
    ).body.object;
    await ana.patch(`${base}/objects/${plot.id}`, { name: 'Bed' });
    await bob.post(`${base}/objects`, { name: 'Tool' });
    const heard: CommittedChange[] = [];
    const subscription = app.app
      .get(ChangePipeline)
      .committed$.subscribe((change) => heard.push(change));

    const first = await ana.post(`${base}/changes/undo`);
    subscription.unsubscribe();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      rev: 4,
      undone: 2,
      changes: [
        { kind: 'object.update', id: plot.id, patch: { name: 'Plot' } },
      ],
    });
    expect(heard.map((c) => [c.rev, c.change.kind])).toEqual([
      [4, 'object.update'],
    ]);

    // Again: the undo itself is not undone; Ana's change before it is.
    const second = await ana.post(`${base}/changes/undo`);
    expect(second.body).toMatchObject({ rev: 5, undone: 1 });
    const model = (await ana.get(`${base}/model`)).body.model;
    expect(
      Object.values(model.objects).map((o) => (o as { name: string }).name),
    ).toEqual(['Tool']);

    const nothing = await ana.post(`${base}/changes/undo`);
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('nothing_to_undo');

    const entries = await log(ana, `${base}/changes`);
    expect(entries.map((e) => [e.rev, e.kind, e.undoes, e.undoneBy])).toEqual([
      [1, 'object.create', null, 5],
      [2, 'object.update', null, 4],
      [3, 'object.create', null, null],
      [4, 'object.update', 2, null],
      [5, 'object.delete', 1, null],
    ]);
    // The previous values, so the feed can say "Ana renamed Plot to Bed".
    expect(entries[1]).toMatchObject({
      actorName: 'Ana',
      change: { patch: { name: 'Bed' } },
      inverse: [{ kind: 'object.update', patch: { name: 'Plot' } }],
    });

    // Bob's undo reverts Bob's change, never Ana's.
    const bobs = await bob.post(`${base}/changes/undo`);
    expect(bobs.body).toMatchObject({ undone: 3 });
  });

  it('brings a deleted object back with everything its delete took', async () => {
    const { members, base } = await team();
    const ana = members['Ana'].browser;
    const plot = (await ana.post(`${base}/objects`, { name: 'Plot' })).body
      .object;
    const tool = (
      await ana.post(`${base}/objects`, {
        name: 'Tool',
        definition: 'Something to dig with.',
      })
    ).body.object;
    await ana.post(`${base}/relationships`, {
      fromObjectId: tool.id,
      toObjectId: plot.id,
      cardinality: 'many-to-one',
    });
    await ana.post(`${base}/attributes`, {
      objectId: tool.id,
      name: 'Due back',
      type: 'date',
    });
    await ana.post(`${base}/attributes`, {
      objectId: plot.id,
      name: 'Favourite tool',
      type: 'reference',
      referencedObjectId: tool.id,
    });
    const role = (await ana.post(`${base}/roles`, { name: 'Gardener' })).body
      .role;
    await ana.post(`${base}/ctas`, {
      roleId: role.id,
      objectId: tool.id,
      verb: 'Book',
      crud: 'create',
    });
    const before = (await ana.get(`${base}/model`)).body;
    await ana.delete(`${base}/objects/${tool.id}`);

    const undo = await ana.post(`${base}/changes/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.undone).toBe(before.rev + 1);
    const after = (await ana.get(`${base}/model`)).body;
    expect(after.model).toEqual(before.model);
    expect(after.rev).toBe(before.rev + 1 + undo.body.changes.length);

    // The object's history holds the cascade too.
    const attributeId = Object.keys(before.model.attributes).find(
      (id) => before.model.attributes[id].name === 'Due back',
    );
    const attributeHistory = await log(
      ana,
      `${base}/changes?itemId=${attributeId}`,
    );
    expect(attributeHistory.map((e) => e.kind)).toEqual([
      'attribute.create',
      'object.delete',
      'attribute.create',
    ]);
  });

  it('keeps what others typed since when it undoes my typing', async () => {
    const { members, base } = await team(['Bob', 'contributor']);
    const ana = members['Ana'].browser;
    const bob = members['Bob'].browser;
    const plot = (
      await ana.post(`${base}/objects`, { name: 'Plot', definition: 'A bed.' })
    ).body.object;
    const target = { itemKind: 'object', id: plot.id, field: 'definition' };
    const typed = await ana.post(`${base}/changes`, {
      baseRev: 1,
      change: {
        kind: 'text.edit',
        target,
        ops: [{ retain: 5 }, { insert: ' of soil' }],
      },
    });
    expect(typed.body.rev).toBe(2);
    // Bob, who still sees rev 1, types at the start.
    const bobTyped = await bob.post(`${base}/changes`, {
      baseRev: 1,
      change: { kind: 'text.edit', target, ops: [{ insert: 'Raised: ' }] },
    });
    expect(bobTyped.body.rev).toBe(3);

    expect((await ana.post(`${base}/changes/undo`)).body.undone).toBe(2);
    const definition = (await ana.get(`${base}/objects/${plot.id}`)).body
      .definition;
    expect(definition).toBe('Raised: A bed.');
  });

  it('refuses to undo a change to an item someone deleted since, writing nothing', async () => {
    const { members, base } = await team(['Bob', 'contributor']);
    const ana = members['Ana'].browser;
    const bob = members['Bob'].browser;
    await ana.post(`${base}/objects`, { name: 'Tool' });
    const plot = (await ana.post(`${base}/objects`, { name: 'Plot' })).body
      .object;
    await ana.patch(`${base}/objects/${plot.id}`, { name: 'Bed' });
    await bob.delete(`${base}/objects/${plot.id}`);

    const undo = await ana.post(`${base}/changes/undo`);
    expect(undo.status).toBe(409);
    expect(undo.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(undo.body.code).toBe('undo_conflict');
    expect(undo.body.errors[0]).toMatchObject({ code: 'item_deleted' });
    expect((await ana.get(`${base}/model`)).body.rev).toBe(4);

    // Past the conflict, an earlier change of mine can still be undone by its rev.
    const earlier = await ana.post(`${base}/changes/undo`, { rev: 1 });
    expect(earlier.body).toMatchObject({
      undone: 1,
      changes: [{ kind: 'object.delete' }],
    });
    expect((await ana.get(`${base}/model`)).body.model.objects).toEqual({});

    const bobs = await ana.post(`${base}/changes/undo`, { rev: 4 });
    expect(bobs.status).toBe(422);
    expect(bobs.body.errors).toEqual([
      {
        field: 'rev',
        message: 'Only the person who made a change can undo it.',
      },
    ]);
    const notANumber = await ana.post(`${base}/changes/undo`, { rev: 'last' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.errors[0].field).toBe('rev');
    const unknownField = await ana.post(`${base}/changes/undo`, { all: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('all');
  });

  it('skips a change whose effect is already gone and undoes the one before it', async () => {
    const { members, base } = await team(['Bob', 'contributor']);
    const ana = members['Ana'].browser;
    await ana.post(`${base}/objects`, { name: 'Plot' });
    const tool = (await ana.post(`${base}/objects`, { name: 'Tool' })).body
      .object;
    await members['Bob'].browser.delete(`${base}/objects/${tool.id}`);

    const undo = await ana.post(`${base}/changes/undo`);
    expect(undo.body).toMatchObject({ undone: 1, rev: 4 });
    expect((await ana.get(`${base}/model`)).body.model.objects).toEqual({});
  });

  it('lets viewers read the history but not undo', async () => {
    const { fay, members, base } = await team(['Vic', 'viewer']);
    await fay.browser.post(`${base}/objects`, { name: 'Plot' });
    const vic = members['Vic'].browser;
    expect((await log(vic, `${base}/changes`)).length).toBe(1);
    const undo = await vic.post(`${base}/changes/undo`);
    expect(undo.status).toBe(403);
  });

  it('filters the feed by item and by person, newest first when asked, and names bad filters', async () => {
    const { fay, members, base } = await team();
    const ana = members['Ana'];
    const plot = (await fay.browser.post(`${base}/objects`, { name: 'Plot' }))
      .body.object;
    const tool = (await ana.browser.post(`${base}/objects`, { name: 'Tool' }))
      .body.object;
    await ana.browser.patch(`${base}/objects/${plot.id}`, { name: 'Bed' });
    await fay.browser.post(`${base}/changes`, {
      change: {
        kind: 'priority.set',
        items: [
          { itemKind: 'object', id: plot.id },
          { itemKind: 'object', id: tool.id },
        ],
        priority: 'now',
      },
    });
    await ana.browser.patch(`${base}/objects/${tool.id}`, {
      definition: 'For digging.',
    });

    const plotHistory = await log(
      ana.browser,
      `${base}/changes?itemId=${plot.id}`,
    );
    expect(plotHistory.map((e) => `${e.rev}:${e.kind}:${e.actorName}`)).toEqual(
      ['1:object.create:Fay', '3:object.update:Ana', '4:priority.set:Fay'],
    );

    const anasNewestFirst = await ana.browser.get(
      `${base}/changes?actorId=${ana.user.id}&order=desc&limit=2`,
    );
    expect(anasNewestFirst.body.changes.map((e: LogEntry) => e.rev)).toEqual([
      5, 3,
    ]);
    expect(anasNewestFirst.body.hasMore).toBe(true);
    const older = await log(
      ana.browser,
      `${base}/changes?actorId=${ana.user.id}&order=desc&beforeRev=3`,
    );
    expect(older.map((e) => e.rev)).toEqual([2]);

    const bad = await ana.browser.get(
      `${base}/changes?itemId=nope&order=sideways`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'itemId',
      'order',
    ]);
  });
});

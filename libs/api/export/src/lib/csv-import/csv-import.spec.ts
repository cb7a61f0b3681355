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
import {
  attributesOf,
  emptyModel,
  objectsInOrder,
  type ProjectModel,
} from '@orca/shared/domain';
import { testId } from '@orca/shared/domain/testing';
import { counterIds, fixtureModels } from '../../testing/fixtures';
import { canonicalModel } from '../../testing/canonical-model';
import { ExportModule } from '../export.module';
import { csvFiles } from '../formats/csv';
import { planCsvImport } from './csv-import';

const OBJECTS = [
  'name,definition,synonyms,priority,score',
  'Plot,A bed of soil a gardener rents.,Bed;Patch,now,8',
  'Gardener,"Someone who tends a plot, for a season.",Member,next,',
].join('\r\n');
const ATTRIBUTES = [
  'object,name,type,kind,required,values,reference',
  'Plot,Size,number,metadata,yes,,',
  'Plot,Soil,list,core,no,"Clay\nLoam\nSand",',
  'Plot,Tended by,reference,metadata,,,Gardener',
].join('\r\n');

describe('CSV import planning', () => {
  it('plans objects first, then attributes that name them, in file order', () => {
    const plan = planCsvImport(
      emptyModel(),
      { objects: OBJECTS, attributes: ATTRIBUTES },
      counterIds('new'),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.changes.map((c) => c.kind)).toEqual([
      'object.create',
      'object.create',
      'attribute.create',
      'attribute.create',
      'attribute.create',
    ]);
    expect(plan.objects).toEqual([
      { line: 2, id: testId('new-1'), name: 'Plot' },
      { line: 3, id: testId('new-2'), name: 'Gardener' },
    ]);
    expect(
      plan.attributes.map((a) => `${a.line}:${a.object}.${a.name}`),
    ).toEqual(['2:Plot.Size', '3:Plot.Soil', '6:Plot.Tended by']);
  });

  it('lists every problem of every row, with its line, and plans nothing', () => {
    const model = planCsvImport(
      emptyModel(),
      { objects: 'name\nCourse' },
      counterIds('old'),
    );
    let existing: ProjectModel = emptyModel();
    for (const change of model.changes)
      if (change.kind === 'object.create')
        existing = {
          ...existing,
          objects: { ...existing.objects, [change.object.id]: change.object },
        };
    const plan = planCsvImport(
      existing,
      {
        objects: [
          'name,priority,colour',
          'Course,now,blue', // exists already
          'Lesson,soon,red', // bad priority
          'Lesson,now,', // fine
          'lesson,,', // same name as line 4
        ].join('\n'),
        attributes: [
          'object,name,type',
          'Lesson,Title,text',
          'Quiz,Title,text', // no such object
          'Lesson,Length,minutes', // bad type
        ].join('\n'),
      },
      counterIds('new'),
    );
    expect(plan.changes).toEqual([]);
    expect(
      plan.problems.map((p) => [p.field, p.code, p.message.split(':')[0]]),
    ).toEqual([
      ['objects.colour', 'unknown_column', 'Line 1'],
      ['objects[0].name', 'duplicate_name', 'Line 2'],
      ['objects[1].priority', 'invalid_value', 'Line 3'],
      ['objects[3].name', 'duplicate_name', 'Line 5'],
      ['attributes[1].object', 'unknown_object', 'Line 3'],
      ['attributes[2].type', 'invalid_value', 'Line 4'],
    ]);
  });

  it('reads back what the CSV export wrote (ids ignored, formula guards undone)', () => {
    for (const { model, projectName } of fixtureModels()) {
      const files = csvFiles(model, { projectName });
      const plan = planCsvImport(
        emptyModel(),
        { objects: files['objects.csv'], attributes: files['attributes.csv'] },
        counterIds('copy'),
      );
      expect(plan.problems).toEqual([]);
      let copy: ProjectModel = emptyModel();
      for (const change of plan.changes) {
        if (change.kind === 'object.create')
          copy = {
            ...copy,
            objects: { ...copy.objects, [change.object.id]: change.object },
          };
        if (change.kind === 'attribute.create')
          copy = {
            ...copy,
            attributes: {
              ...copy.attributes,
              [change.attribute.id]: change.attribute,
            },
          };
      }
      const names = (m: ProjectModel) =>
        objectsInOrder(m).map((o) => [
          o.name,
          o.synonyms,
          o.priority,
          attributesOf(m, o.id).map((a) => [
            a.name,
            a.type,
            a.kind,
            a.listValues,
          ]),
        ]);
      expect(names(copy)).toEqual(names(model));
      expect(canonicalModel(copy).objects.map((o) => o.definition)).toEqual(
        canonicalModel(model).objects.map((o) => o.definition),
      );
    }
  });

  it("undoes the export's formula guard and refuses an unclosed quote", () => {
    const plan = planCsvImport(
      emptyModel(),
      { objects: "name,synonyms\n'=Total,'+plus\n" },
      counterIds(),
    );
    expect(plan.objects.map((o) => o.name)).toEqual(['=Total']);
    expect(
      planCsvImport(emptyModel(), { objects: 'name\n"Broken\n' }, counterIds())
        .problems,
    ).toEqual([
      {
        field: 'objects',
        code: 'invalid_format',
        message: 'Line 2: a quoted cell starts here and never ends.',
      },
    ]);
  });
});

describe('POST /projects/:projectId/import/csv (real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([
      AuthModule,
      ProjectsModule,
      ModelModule,
      ExportModule,
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function project(): Promise<{ browser: BrowserAgent; base: string }> {
    const { browser } = await signedUpBrowser(app, uniqueEmail('facilitator'));
    const created = await browser.post('/api/v1/projects', {
      name: 'Garden club',
    });
    return { browser, base: `/api/v1/projects/${created.body.id}` };
  }

  it('adds the objects and attributes through the write pipeline, one rev per change', async () => {
    const { browser, base } = await project();
    const res = await browser.post(`${base}/import/csv`, {
      objects: OBJECTS,
      attributes: ATTRIBUTES,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rev: 5, dryRun: false });
    expect(res.body.objects.map((o: { name: string }) => o.name)).toEqual([
      'Plot',
      'Gardener',
    ]);
    expect(res.body.attributes).toHaveLength(3);
    const model = (await browser.get(`${base}/model`)).body
      .model as ProjectModel;
    const plot = objectsInOrder(model)[0];
    expect(plot).toMatchObject({
      name: 'Plot',
      synonyms: ['Bed', 'Patch'],
      priority: 'now',
      score: 8,
    });
    expect(attributesOf(model, plot?.id ?? '').map((a) => a.name)).toEqual([
      'Size',
      'Soil',
      'Tended by',
    ]);
    expect(attributesOf(model, plot?.id ?? '')[2]?.referencedObjectId).toBe(
      objectsInOrder(model)[1]?.id,
    );
    const changes = (await browser.get(`${base}/changes`)).body
      .changes as Array<{ kind: string }>;
    expect(changes.map((c) => c.kind)).toEqual([
      'object.create',
      'object.create',
      'attribute.create',
      'attribute.create',
      'attribute.create',
    ]);
  });

  it('creates nothing when any row is wrong, and lists every problem in a 422', async () => {
    const { browser, base } = await project();
    const res = await browser.post(`${base}/import/csv`, {
      objects: OBJECTS,
      attributes: `${ATTRIBUTES}\r\nPlot,Size,number\r\nShed,Door,text`,
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('import_invalid');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'attributes[3].name',
      'attributes[4].object',
    ]);
    const after = await browser.get(`${base}/model`);
    expect(after.body.rev).toBe(0);
    expect(Object.keys(after.body.model.objects)).toEqual([]);
  });

  it('checks without writing on a dry run', async () => {
    const { browser, base } = await project();
    const res = await browser.post(`${base}/import/csv?dryRun=true`, {
      objects: OBJECTS,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rev: 0, dryRun: true });
    expect(res.body.objects).toHaveLength(2);
    expect((await browser.get(`${base}/model`)).body.rev).toBe(0);
  });

  it('refuses a body that is not CSV text, naming the field', async () => {
    const { browser, base } = await project();
    const res = await browser.post(`${base}/import/csv`, {
      objects: 42,
      sheets: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'sheets',
      'objects',
    ]);
  });

  it('is for contributors: a viewer gets 403, a stranger 404', async () => {
    const { browser, base } = await project();
    const email = uniqueEmail('viewer');
    const invited = await browser.post(`${base}/invitations`, {
      email,
      role: 'viewer',
    });
    const token = new URL(invited.body.acceptUrl).pathname.split('/').pop();
    const viewer = await signedUpBrowser(app, email);
    await viewer.browser.post(`/api/v1/invitations/${token}/accept`);
    expect(
      (await viewer.browser.post(`${base}/import/csv`, { objects: OBJECTS }))
        .status,
    ).toBe(403);
    const stranger = await signedUpBrowser(app, uniqueEmail('stranger'));
    expect(
      (await stranger.browser.post(`${base}/import/csv`, { objects: OBJECTS }))
        .status,
    ).toBe(404);
  });
});

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
  FORAGING_TEXT_MAX_BYTES,
  type ForagingCandidateDto,
  type ForagingChangedEvent,
} from '@orca/shared/contracts';
import type { ProjectRole } from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { buildForagingWorker } from '../testing/foraging-worker-build';
import { ForagingModule } from './foraging.module';
import { ForagingService } from './foraging.service';
import { ForagingWorkers } from './worker/foraging-workers';

const INTERVIEW = readFileSync(
  join(__dirname, '../../../../../../shared/fixtures/interview-notes.txt'),
  'utf8',
);
const VET_BRIEF = readFileSync(
  join(__dirname, '../testing/vet-clinic-brief.md'),
  'utf8',
);

const candidate = (list: ForagingCandidateDto[], name: string) => {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`no candidate ${name}`);
  return found;
};

/** Research of about `bytes` bytes (the brief and the interview in turn). */
function research(bytes: number): string {
  let text = '';
  for (let i = 0; Buffer.byteLength(text) < bytes; i++)
    text += `${i % 2 ? INTERVIEW : VET_BRIEF}\n\n`;
  return text;
}

const FEATURES = [AuthModule, ProjectsModule, ModelModule, ForagingModule];

describe('noun foraging (real database, real worker threads)', () => {
  let app: TestApp;
  let workerFile: string;

  beforeAll(async () => {
    workerFile = buildForagingWorker();
    app = await createTestApp(FEATURES, {
      env: { FORAGING_WORKER_FILE: workerFile, FORAGING_THREADS: '1' },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function project(name = 'Community garden') {
    const { browser } = await signedUpBrowser(
      app,
      uniqueEmail('fay'),
      'Fay Facilitator',
    );
    const projectId = (await browser.post('/api/v1/projects', { name })).body
      .id as string;
    return {
      browser,
      projectId,
      base: `/api/v1/projects/${projectId}/foraging`,
    };
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
    const person = await signedUpBrowser(app, email, `Cam ${role}`);
    await person.browser.post(`/api/v1/invitations/${token}/accept`);
    return person.browser;
  }

  /** A multipart upload from a signed-in browser (cookie and CSRF header, like Angular's). */
  function upload(
    browser: BrowserAgent,
    url: string,
    file: { name: string; type: string; content: Buffer | string },
    fields: Record<string, string> = {},
  ) {
    const cookies = browser.cookies();
    const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookies)?.[1] ?? '';
    let pending = request(app.app.getHttpServer())
      .post(url)
      .set('Cookie', cookies)
      .set('X-XSRF-TOKEN', xsrf);
    for (const [key, value] of Object.entries(fields))
      pending = pending.field(key, value);
    return pending.attach('file', Buffer.from(file.content), {
      filename: file.name,
      contentType: file.type,
    });
  }

  it('forages pasted text, keeps it, and a second source (an uploaded .md) adds to the first', async () => {
    const { browser, projectId, base } = await project();
    const told: ForagingChangedEvent[] = [];
    const listening = app.app
      .get(ForagingService)
      .changes$.subscribe((event) => told.push(event));
    const pasted = await browser.post(base, { text: INTERVIEW });
    expect(pasted.status).toBe(201);
    expect(pasted.body.source).toMatchObject({
      projectId,
      name: 'Interview 3 — community garden coordinator, recorded notes',
      format: 'text',
      bytes: Buffer.byteLength(INTERVIEW),
      createdBy: { displayName: 'Fay Facilitator' },
    });
    expect(pasted.body.timing.chunks).toBeGreaterThan(0);
    const first: ForagingCandidateDto[] = pasted.body.candidates;
    expect(first.slice(0, 25).map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'Plot',
        'Gardener',
        'Waiting List entry',
        'Comment',
      ]),
    );
    const plot = candidate(first, 'Plot');
    expect(plot).toMatchObject({ sourceCount: 1, inModel: null });
    const mention = plot.mentions[0];
    expect(mention.sourceId).toBe(pasted.body.source.id);
    expect(
      mention.sentence.slice(mention.ranges[0].start, mention.ranges[0].end),
    ).toBe('plots');

    const uploaded = await upload(browser, base, {
      name: 'vet-clinic-brief.md',
      type: 'text/markdown',
      content: VET_BRIEF,
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.source).toMatchObject({
      name: 'vet-clinic-brief',
      format: 'markdown',
    });
    expect(uploaded.body.sources.map((s: { id: string }) => s.id)).toEqual([
      pasted.body.source.id,
      uploaded.body.source.id,
    ]);
    const merged: ForagingCandidateDto[] = uploaded.body.candidates;
    expect(candidate(merged, 'Booking')).toMatchObject({ sourceCount: 2 });
    expect(candidate(merged, 'Booking').mentionCount).toBe(
      candidate(first, 'Booking').mentionCount + 2,
    );
    expect(candidate(merged, 'Pet').sourceCount).toBe(1);

    // The list, one source with its text, and a delete that takes its counts with it.
    const overview = await browser.get(base);
    expect(overview.status).toBe(200);
    expect(overview.body.sources).toHaveLength(2);
    expect(overview.body.candidateCount).toBeGreaterThan(50);
    expect(overview.body.sources[0].text).toBeUndefined();
    const one = await browser.get(`${base}/${uploaded.body.source.id}`);
    expect(one.body.text).toBe(VET_BRIEF);
    expect(
      (await browser.delete(`${base}/${uploaded.body.source.id}`)).status,
    ).toBe(204);
    const after = await browser.get(base);
    expect(after.body.sources).toHaveLength(1);
    expect(candidate(after.body.candidates, 'Booking').sourceCount).toBe(1);
    expect(
      after.body.candidates.map((c: ForagingCandidateDto) => c.name),
    ).not.toContain('Pet');
    expect(
      (await browser.get(`${base}/${uploaded.body.source.id}`)).status,
    ).toBe(404);
    expect((await browser.delete(`${base}/${randomUUID()}`)).body.code).toBe(
      'foraging_source_not_found',
    );

    // Each source added or removed was announced once, for the room (the gateway relays it).
    listening.unsubscribe();
    const fay = { id: expect.any(String), displayName: 'Fay Facilitator' };
    expect(told).toEqual([
      {
        projectId,
        kind: 'source-added',
        source: pasted.body.source,
        actor: fay,
      },
      {
        projectId,
        kind: 'source-added',
        source: uploaded.body.source,
        actor: fay,
      },
      {
        projectId,
        kind: 'source-removed',
        sourceId: uploaded.body.source.id,
        actor: fay,
      },
    ]);
  });

  it('tags in a worker thread: the event loop stays free while a long text is foraged', async () => {
    const { browser, base } = await project();
    const text = research(60_000);
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    const res = await browser.post(base, { text, name: 'Long' });
    const elapsed = performance.now() - started;
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(res.status).toBe(201);
    expect(res.body.timing.chunks).toBeGreaterThan(50);
    // Tagging took most of the wait, on another thread: this one was mostly idle meanwhile
    // (tagging here, in chunks, kept it over 90 % busy).
    expect(res.body.timing.totalMs).toBeGreaterThan(elapsed / 2);
    expect(busy).toBeLessThan(0.5);
    expect(candidate(res.body.candidates, 'Plot').sourceCount).toBe(1);
  }, 120_000);

  it('marks candidates the model already has, by name or synonym', async () => {
    const { browser, projectId, base } = await project();
    const objects = `/api/v1/projects/${projectId}/objects`;
    const plot = await browser.post(objects, { name: 'Plot' });
    await browser.post(objects, { name: 'Volunteer', synonyms: ['Gardener'] });
    const { body } = await browser.post(base, {
      text: INTERVIEW,
      name: 'Coordinator',
    });
    expect(body.source.name).toBe('Coordinator');
    expect(candidate(body.candidates, 'Plot').inModel).toEqual({
      objectId: plot.body.object.id,
      objectName: 'Plot',
      via: 'name',
    });
    expect(candidate(body.candidates, 'Gardener').inModel).toMatchObject({
      objectName: 'Volunteer',
      via: 'synonym',
    });
    expect(candidate(body.candidates, 'Tool').inModel).toBeNull();
  });

  it('refuses text over 1 MB with a 413 naming the field and the limit, and takes exactly 1 MB', async () => {
    const { browser, base } = await project();
    const sentence = 'Every plot has a gardener. ';
    const atLimit =
      sentence + ' '.repeat(FORAGING_TEXT_MAX_BYTES - sentence.length);
    expect(Buffer.byteLength(atLimit)).toBe(FORAGING_TEXT_MAX_BYTES);
    const accepted = await browser.post(base, { text: atLimit, name: 'Limit' });
    expect(accepted.status).toBe(201);

    const over = await browser.post(base, { text: `${atLimit}é` });
    expect(over.status).toBe(413);
    expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(over.body).toMatchObject({
      code: 'text_too_large',
      errors: [{ field: 'text', code: 'too_large' }],
    });
    expect(over.body.detail).toMatch(
      /1,048,578 bytes .* the limit is 1,048,576 bytes \(1 MB\)/,
    );

    const file = await upload(browser, base, {
      name: 'big.txt',
      type: 'text/plain',
      content: Buffer.alloc(FORAGING_TEXT_MAX_BYTES + 1, 'a'),
    });
    expect(file.status).toBe(413);
    expect(file.body).toMatchObject({
      code: 'text_too_large',
      errors: [{ field: 'file' }],
    });
    expect(file.body.detail).toMatch(/1,048,576 bytes \(1 MB\)/);
    expect((await browser.get(base)).body.sources).toHaveLength(1);
  });

  it('answers bad input with problem details naming the field, and stores nothing', async () => {
    const { browser, base } = await project();
    const cases: Array<[Promise<request.Response>, number, string, string]> = [
      [browser.post(base, {}), 400, 'validation_failed', 'text'],
      [browser.post(base, { text: 42 }), 400, 'validation_failed', 'text'],
      [
        browser.post(base, { text: 'Plots.', colour: 'red' }),
        400,
        'validation_failed',
        'colour',
      ],
      [
        browser.post(base, { text: 'Plots.', format: 'docx' }),
        400,
        'validation_failed',
        'format',
      ],
      [
        browser.post(base, { text: 'Plots.', name: 'x'.repeat(121) }),
        400,
        'validation_failed',
        'name',
      ],
      [browser.post(base, { text: '  \n\t ' }), 422, 'empty_text', 'text'],
      [
        browser.post(base, { text: 'Plots\u0000 and tools.' }),
        422,
        'unstorable_text',
        'text',
      ],
      [
        upload(browser, base, {
          name: 'notes.pdf',
          type: 'application/pdf',
          content: '%PDF-1.4',
        }),
        415,
        'unsupported_file_type',
        'file',
      ],
      [
        upload(browser, base, {
          name: 'notes.csv',
          type: 'text/plain',
          content: 'a,b',
        }),
        415,
        'unsupported_file_type',
        'file',
      ],
      [
        upload(browser, base, {
          name: 'notes.txt',
          type: 'text/plain',
          content: Buffer.from([0x50, 0x00, 0x6c]),
        }),
        422,
        'unstorable_text',
        'file',
      ],
      [
        upload(browser, base, {
          name: 'notes.txt',
          type: 'text/plain',
          content: Buffer.from([0xff, 0xfe, 0x50, 0x00]),
        }),
        422,
        'not_utf8',
        'file',
      ],
      [
        upload(browser, base, {
          name: 'empty.md',
          type: 'text/markdown',
          content: '\n\n',
        }),
        422,
        'empty_text',
        'file',
      ],
    ];
    for (const [pending, status, code, field] of cases) {
      const res = await pending;
      expect({ status: res.status, code: res.body.code }).toEqual({
        status,
        code,
      });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(
        field,
      );
    }
    const noFile = await request(app.app.getHttpServer())
      .post(base)
      .set('Cookie', browser.cookies())
      .set(
        'X-XSRF-TOKEN',
        /XSRF-TOKEN=([^;]+)/.exec(browser.cookies())?.[1] ?? '',
      )
      .field('name', 'Nothing attached');
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors[0].field).toBe('file');
    expect((await browser.get(base)).body.sources).toEqual([]);
  });

  it('lets contributors and facilitators forage, viewers read, and hides the project from others', async () => {
    const { browser: owner, projectId, base } = await project();
    const added = await owner.post(base, {
      text: 'Every plot has a gardener.',
    });
    const sourceId = added.body.source.id as string;

    const contributor = await member(owner, projectId, 'contributor');
    const theirs = await contributor.post(base, {
      text: 'Gardeners book tools.',
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.source.createdBy.displayName).toBe('Cam contributor');
    expect(
      (await contributor.delete(`${base}/${theirs.body.source.id}`)).status,
    ).toBe(204);

    const viewer = await member(owner, projectId, 'viewer');
    expect((await viewer.get(base)).body.sources).toHaveLength(1);
    expect((await viewer.get(`${base}/${sourceId}`)).body.text).toBe(
      'Every plot has a gardener.',
    );
    for (const res of [
      await viewer.post(base, { text: 'Plots.' }),
      await viewer.delete(`${base}/${sourceId}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('insufficient_role');
    }
    const refusedUpload = await upload(viewer, base, {
      name: 'a.txt',
      type: 'text/plain',
      content: 'Plots.',
    });
    expect(refusedUpload.status).toBe(403);

    const { browser: stranger } = await signedUpBrowser(
      app,
      uniqueEmail('stranger'),
    );
    for (const res of [
      await stranger.get(base),
      await stranger.get(`${base}/${sourceId}`),
      await stranger.post(base, { text: 'Plots.' }),
      await stranger.delete(`${base}/${sourceId}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('project_not_found');
    }
    expect((await owner.get(base)).body.sources).toHaveLength(1);
  });
});

describe('noun foraging when the worker pool is full, slow or dying (real worker threads)', () => {
  let app: TestApp;

  beforeAll(async () => {
    // One thread, no queue and 3 s per text: a text of 200 KB takes longer than that.
    app = await createTestApp(FEATURES, {
      env: {
        FORAGING_WORKER_FILE: buildForagingWorker(),
        FORAGING_THREADS: '1',
        FORAGING_QUEUE: '0',
        FORAGING_TIMEOUT_MS: '3000',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** Waits until the text sent is in the pool's hands (its one thread). */
  const handedOver = async () => {
    const workers = app.app.get(ForagingWorkers);
    for (let i = 0; i < 500 && workers.inFlight === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(workers.inFlight).toBe(1);
    return workers.threads;
  };

  it('says 503 busy to a second text, 503 timed out to a long one, keeps neither, and carries on', async () => {
    const { browser } = await signedUpBrowser(
      app,
      uniqueEmail('fay'),
      'Fay Facilitator',
    );
    const projectId = (await browser.post('/api/v1/projects', { name: 'P' }))
      .body.id as string;
    const base = `/api/v1/projects/${projectId}/foraging`;

    const long = browser.post(base, { text: research(200_000), name: 'Long' });
    await handedOver();
    const second = await browser.post(base, { text: 'Gardeners book tools.' });
    expect(second.status).toBe(503);
    expect(second.headers['content-type']).toMatch(
      /application\/problem\+json/,
    );
    expect(second.headers['retry-after']).toBe('30');
    expect(second.body.code).toBe('foraging_busy');

    const timedOut = await long;
    expect(timedOut.status).toBe(503);
    expect(timedOut.body).toMatchObject({ code: 'foraging_timed_out' });
    expect(timedOut.body.detail).toMatch(/after 3 s/);
    expect((await browser.get(base)).body.sources).toEqual([]);

    // The stopped thread was replaced: the next text is foraged.
    const after = await browser.post(base, { text: 'Gardeners book tools.' });
    expect(after.status).toBe(201);
    expect(after.body.sources).toHaveLength(1);
  }, 60_000);

  it('says 503 when the worker dies in the middle of a text, and the next one is foraged', async () => {
    const { browser } = await signedUpBrowser(
      app,
      uniqueEmail('fay'),
      'Fay Facilitator',
    );
    const projectId = (await browser.post('/api/v1/projects', { name: 'P' }))
      .body.id as string;
    const base = `/api/v1/projects/${projectId}/foraging`;

    const dying = browser.post(base, { text: research(200_000) });
    const [thread] = await handedOver();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await thread.terminate();
    const res = await dying;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'foraging_failed' });
    expect(res.body.detail).toMatch(/stopped/);
    expect((await browser.get(base)).body.sources).toEqual([]);

    const next = await browser.post(base, { text: 'Gardeners book tools.' });
    expect(next.status).toBe(201);
  }, 60_000);
});

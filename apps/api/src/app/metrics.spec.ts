import { CollabIoAdapter } from '@orca/api/collaboration';
import {
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import { buildExportWorker } from '@orca/api/export/testing';
import type {
  CollabClientEvents,
  CollabServerEvents,
  JoinResponse,
  SubmitResponse,
} from '@orca/shared/contracts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { AppModule } from './app.module';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one series in Prometheus text, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: TestApp;
  let socket: Socket<CollabServerEvents, CollabClientEvents> | undefined;

  beforeAll(async () => {
    app = await createTestApp([], {
      root: (config) => AppModule.forRoot(config),
      env: {
        METRICS_TOKEN: TOKEN,
        EXPORT_WORKER_FILE: buildExportWorker(),
        EXPORT_THREADS: '1',
      },
      configure: async (nest, config) => {
        const adapter = new CollabIoAdapter(nest, config);
        await adapter.connect();
        nest.useWebSocketAdapter(adapter);
      },
    });
    await app.app.listen(0, '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
  });

  const scrape = () =>
    request(app.app.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`);

  it('refuses a scrape without the token, or with another one', async () => {
    const without = await request(app.app.getHttpServer()).get('/metrics');
    expect(without.status).toBe(401);
    expect(without.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    expect(without.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(without.body.code).toBe('metrics_token_required');
    expect(without.text).not.toContain('orca_');
    const wrong = await request(app.app.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    // It lives outside /api, where neither the ingress nor nginx routes.
    expect(
      (
        await request(app.app.getHttpServer())
          .get('/api/metrics')
          .set('Authorization', `Bearer ${TOKEN}`)
      ).status,
    ).toBe(404);
  });

  it('counts requests by route template, changes, broadcasts, sockets, rooms, exports, caches and the pool', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('metrics'));
    const created = await browser.post('/api/v1/projects', {
      name: 'Observed',
    });
    expect(created.status).toBe(201);
    const projectId = created.body.id as string;
    // An HTTP write, a read, and a request id the caller chose, echoed back.
    const object = await browser.post(`/api/v1/projects/${projectId}/objects`, {
      name: 'Member',
    });
    expect(object.status).toBe(201);
    const model = await request(app.app.getHttpServer())
      .get(`/api/v1/projects/${projectId}/model`)
      .set('Cookie', browser.cookies())
      .set('X-Request-Id', 'trace-me-42');
    expect(model.status).toBe(200);
    expect(model.headers['x-request-id']).toBe('trace-me-42');

    // A change over the socket.
    const url = `${await app.app.getUrl()}/collab`.replace(
      '[::1]',
      '127.0.0.1',
    );
    socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: browser.cookies() },
      reconnection: false,
      forceNew: true,
    });
    const joined = (await socket
      .timeout(10_000)
      .emitWithAck('project:join', { projectId })) as JoinResponse;
    expect(joined.ok).toBe(true);
    const ack = (await socket.timeout(10_000).emitWithAck('change:submit', {
      projectId,
      mutationId: randomUUID(),
      change: {
        kind: 'role.create',
        role: {
          id: randomUUID(),
          name: 'Librarian',
          description: '',
          archived: false,
          orderKey: 'a0',
        },
      },
    } as never)) as SubmitResponse;
    expect(ack).toMatchObject({ ok: true });

    const exported = await browser.get(
      `/api/v1/projects/${projectId}/export?format=json`,
    );
    expect(exported.status).toBe(200);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(
      /^text\/plain;.*version=0\.0\.4/,
    );
    const text = res.text;
    expect(
      sample(
        text,
        'orca_http_request_duration_seconds_count{method="POST",route="/api/v1/projects/:projectId/objects",status="201"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'orca_http_request_duration_seconds_count{method="GET",route="/api/v1/projects/:projectId/model",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'orca_http_request_duration_seconds_count{method="GET",route="/metrics",status="401"}',
      ),
    ).toBe(2);
    // Route templates only: no project's id ever becomes a label.
    expect(text).not.toContain(projectId);
    expect(
      sample(text, 'orca_changes_committed_total{kind="object.create"}'),
    ).toBe(1);
    expect(
      sample(text, 'orca_changes_committed_total{kind="role.create"}'),
    ).toBe(1);
    expect(sample(text, 'orca_change_broadcast_seconds_count')).toBe(2);
    expect(sample(text, 'orca_collab_sockets')).toBe(1);
    expect(sample(text, 'orca_collab_rooms')).toBe(1);
    expect(
      sample(
        text,
        'orca_export_duration_seconds_count{format="json",outcome="done"}',
      ),
    ).toBe(1);
    expect(sample(text, 'orca_exports_running')).toBe(0);
    expect(
      sample(text, 'orca_cache_requests_total{cache="session",result="hit"}'),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'orca_cache_requests_total{cache="model",result="miss"}'),
    ).toBeGreaterThan(0);
    expect(text).toMatch(
      /^orca_db_pool_connections\{database="(postgresql|embedded)",state="in_use"\} \d+$/m,
    );
    expect(text).toMatch(/^orca_db_pool_waiting\{database="\w+"\} 0$/m);
    expect(text).toMatch(/^orca_db_pool_max\{database="\w+"\} \d+$/m);
    // Process metrics and the event loop's delay (prom-client's defaults).
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('serves every metric the Grafana dashboard in deploy/ charts', async () => {
    const dashboard = readFileSync(
      join(__dirname, '../../../../deploy/grafana/orca-dashboard.json'),
      'utf8',
    );
    const charted = new Set(
      [...dashboard.matchAll(/\b(?:orca|nodejs|process)_[a-z0-9_]+/g)].map(
        ([name]) => name.replace(/_(bucket|count|sum)$/, ''),
      ),
    );
    expect(charted.size).toBeGreaterThan(10);
    const text = (await scrape()).text;
    const missing = [...charted].filter(
      (family) => !text.includes(`# TYPE ${family} `),
    );
    expect(missing).toEqual([]);
  });
});

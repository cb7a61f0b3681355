import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AUTHENTICATED_KEY } from '@orca/api/auth';
import { buildOpenApiDocument, IS_PUBLIC_KEY } from '@orca/api/core';
import { createTestApp, type TestApp } from '@orca/api/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

describe('the api as a whole', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([], {
      root: (config) => AppModule.forRoot(config),
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('has entities that match the migrations exactly (no schema drift)', async () => {
    const dataSource = app.app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('says on every route who may call it: @Public() or @Authenticated()', () => {
    const controllers = [...app.app.get(ModulesContainer).values()].flatMap(
      (module) => [...module.controllers.values()],
    );
    const scanner = new MetadataScanner();
    const reflector = app.app.get(Reflector);
    const unguarded: string[] = [];
    let routes = 0;
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<
        string,
        unknown
      >;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes++;
        const targets = [handler, wrapper.metatype];
        const isPublic = reflector.getAllAndOverride<boolean>(
          IS_PUBLIC_KEY,
          targets,
        );
        const authenticated = reflector.getAllAndOverride<object>(
          AUTHENTICATED_KEY,
          targets,
        );
        if (!isPublic && !authenticated) {
          unguarded.push(
            `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${wrapper.metatype.name}.${name}`,
          );
        }
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(unguarded).toEqual([]);
  });

  it('matches the committed OpenAPI spec (run `npm run openapi` after changing the API)', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '../../openapi.json'), 'utf8'),
    );
    expect(buildOpenApiDocument(app.app)).toEqual(committed);
  });

  it('reports itself ready with the database (and Redis when configured)', async () => {
    const res = await request(app.app.getHttpServer()).get('/api/health/ready');
    expect(res.status).toBe(200);
    const names = res.body.checks.map((check: { name: string }) => check.name);
    expect(names).toEqual(
      process.env['REDIS_URL'] ? ['database', 'redis'] : ['database'],
    );
    expect(
      (await request(app.app.getHttpServer()).get('/api/health/live')).status,
    ).toBe(200);
  });

  it('answers unknown API paths with problem details, not HTML', async () => {
    const res = await request(app.app.getHttpServer()).get(
      '/api/v1/nothing-here',
    );
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('not_found');
  });
});

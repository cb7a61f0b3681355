import { AuthModule } from '@orca/api/auth';
import {
  type BrowserAgent,
  createTestApp,
  signedUpBrowser,
  type TestApp,
  uniqueEmail,
} from '@orca/api/core/testing';
import request from 'supertest';
import { DataSource as DataSourceToken } from 'typeorm';
import { ProjectsModule } from './projects.module';

describe('projects, members and invitations (HTTP, real database)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp([AuthModule, ProjectsModule]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function facilitatorWithProject(name = 'Learning platform') {
    const { browser, user } = await signedUpBrowser(
      app,
      uniqueEmail('facilitator'),
      'Fay Facilitator',
    );
    const created = await browser.post('/api/v1/projects', {
      name,
      description: 'An online course marketplace',
    });
    expect(created.status).toBe(201);
    return {
      browser,
      user,
      project: created.body as {
        id: string;
        name: string;
        role: string;
        rev: number;
      },
    };
  }

  /** Invites `email` with `role` and has that person accept; returns their browser. */
  async function join(owner: BrowserAgent, projectId: string, role: string) {
    const email = uniqueEmail(role);
    const invited = await owner.post(
      `/api/v1/projects/${projectId}/invitations`,
      { email, role },
    );
    expect(invited.status).toBe(201);
    const token = new URL(invited.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const { browser, user } = await signedUpBrowser(
      app,
      email,
      `Someone ${role}`,
    );
    const accepted = await browser.post(`/api/v1/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    return { browser, user, token };
  }

  it('creates a project with its creator as facilitator and lists it for them only', async () => {
    const { browser, project } = await facilitatorWithProject('Garden club');
    expect(project).toMatchObject({
      name: 'Garden club',
      role: 'facilitator',
      rev: 0,
      memberCount: 1,
    });
    const mine = await browser.get('/api/v1/projects');
    expect(mine.body.map((p: { id: string }) => p.id)).toEqual([project.id]);

    const { browser: stranger } = await signedUpBrowser(
      app,
      uniqueEmail('stranger'),
    );
    expect((await stranger.get('/api/v1/projects')).body).toEqual([]);
  });

  it('answers 404 (never 403, never data) to a non-member, and to a malformed id', async () => {
    const { project } = await facilitatorWithProject();
    const { browser: stranger } = await signedUpBrowser(
      app,
      uniqueEmail('stranger'),
    );
    for (const url of [
      `/api/v1/projects/${project.id}`,
      `/api/v1/projects/${project.id}/members`,
    ]) {
      const res = await stranger.get(url);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('project_not_found');
      expect(JSON.stringify(res.body)).not.toContain('Learning platform');
    }
    expect(
      (
        await stranger.patch(`/api/v1/projects/${project.id}`, {
          name: 'Mine now',
        })
      ).status,
    ).toBe(404);
    expect((await stranger.get('/api/v1/projects/not-a-uuid')).status).toBe(
      404,
    );
  });

  it('invites a second person, who sees the project with the invited role after accepting', async () => {
    const { browser: owner, project } = await facilitatorWithProject();
    const email = uniqueEmail('ben');
    const invited = await owner.post(
      `/api/v1/projects/${project.id}/invitations`,
      { email: email.toUpperCase(), role: 'contributor' },
    );
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email,
      role: 'contributor',
      status: 'pending',
      invitedBy: { displayName: 'Fay Facilitator' },
    });
    expect(invited.body.acceptUrl).toMatch(
      /^http:\/\/localhost:\d+\/invitations\/[\w-]{40,}$/,
    );
    const pending = await owner.get(
      `/api/v1/projects/${project.id}/invitations`,
    );
    expect(pending.body.map((i: { email: string }) => i.email)).toEqual([
      email,
    ]);
    expect(pending.body[0]).not.toHaveProperty('acceptUrl');

    const token = new URL(invited.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const preview = await request(app.app.getHttpServer()).get(
      `/api/v1/invitations/${token}`,
    );
    expect(preview.body).toMatchObject({
      projectName: 'Learning platform',
      role: 'contributor',
      invitedBy: 'Fay Facilitator',
      email,
    });

    const { browser: ben } = await signedUpBrowser(app, email, 'Ben');
    const accepted = await ben.post(`/api/v1/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.project).toMatchObject({
      id: project.id,
      role: 'contributor',
      memberCount: 2,
    });
    const bensProjects = await ben.get('/api/v1/projects');
    expect(bensProjects.body).toEqual([
      expect.objectContaining({ id: project.id, role: 'contributor' }),
    ]);

    const members = await owner.get(`/api/v1/projects/${project.id}/members`);
    expect(
      members.body.map((m: { displayName: string; role: string }) => [
        m.displayName,
        m.role,
      ]),
    ).toEqual([
      ['Fay Facilitator', 'facilitator'],
      ['Ben', 'contributor'],
    ]);
    expect(
      (await owner.get(`/api/v1/projects/${project.id}/invitations`)).body,
    ).toEqual([]);
  });

  it('refuses a reused, revoked or foreign invitation with a clear code', async () => {
    const { browser: owner, project } = await facilitatorWithProject();
    const { browser: joined, token } = await join(owner, project.id, 'viewer');
    const reused = await joined.post(`/api/v1/invitations/${token}/accept`);
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('invitation_used');

    const email = uniqueEmail('carla');
    const invited = await owner.post(
      `/api/v1/projects/${project.id}/invitations`,
      { email, role: 'viewer' },
    );
    const carlaToken = new URL(invited.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const { browser: intruder } = await signedUpBrowser(
      app,
      uniqueEmail('intruder'),
    );
    const foreign = await intruder.post(
      `/api/v1/invitations/${carlaToken}/accept`,
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('invitation_email_mismatch');

    expect(
      (
        await owner.delete(
          `/api/v1/projects/${project.id}/invitations/${invited.body.id}`,
        )
      ).status,
    ).toBe(204);
    const { browser: carla } = await signedUpBrowser(app, email);
    const revoked = await carla.post(
      `/api/v1/invitations/${carlaToken}/accept`,
    );
    expect(revoked.status).toBe(410);
    expect(revoked.body.code).toBe('invitation_revoked');
    expect((await carla.get('/api/v1/projects')).body).toEqual([]);

    const unknown = await request(app.app.getHttpServer()).get(
      '/api/v1/invitations/no-such-token',
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses an expired invitation', async () => {
    const expiring = await createTestApp([AuthModule, ProjectsModule], {
      env: { INVITATION_TTL_HOURS: '1' },
    });
    try {
      const { browser: owner } = await signedUpBrowser(
        expiring,
        uniqueEmail('owner'),
      );
      const project = (
        await owner.post('/api/v1/projects', { name: 'Expiring' })
      ).body;
      const email = uniqueEmail('late');
      const invited = await owner.post(
        `/api/v1/projects/${project.id}/invitations`,
        { email, role: 'viewer' },
      );
      const token = new URL(invited.body.acceptUrl).pathname
        .split('/')
        .pop() as string;
      await expiring.app
        .get(DataSourceToken)
        .query(
          `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
          [invited.body.id],
        );
      const { browser: late } = await signedUpBrowser(expiring, email);
      const res = await late.post(`/api/v1/invitations/${token}/accept`);
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('invitation_expired');
    } finally {
      await expiring.close();
    }
  });

  it('lets a viewer read but not write, with 403 insufficient_role', async () => {
    const { browser: owner, project } = await facilitatorWithProject();
    const { browser: viewer } = await join(owner, project.id, 'viewer');
    expect((await viewer.get(`/api/v1/projects/${project.id}`)).body.role).toBe(
      'viewer',
    );
    const rename = await viewer.patch(`/api/v1/projects/${project.id}`, {
      name: 'Hijacked',
    });
    expect(rename.status).toBe(403);
    expect(rename.body).toMatchObject({
      code: 'insufficient_role',
      detail: 'This needs the facilitator role; you are a viewer.',
    });
    const invite = await viewer.post(
      `/api/v1/projects/${project.id}/invitations`,
      { email: uniqueEmail(), role: 'facilitator' },
    );
    expect(invite.status).toBe(403);
    expect((await owner.get(`/api/v1/projects/${project.id}`)).body.name).toBe(
      'Learning platform',
    );
  });

  it('changes roles, removes members, lets people leave, and never loses the last facilitator', async () => {
    const {
      browser: owner,
      user: fay,
      project,
    } = await facilitatorWithProject();
    const { browser: contributor, user: cleo } = await join(
      owner,
      project.id,
      'contributor',
    );
    const base = `/api/v1/projects/${project.id}/members`;

    const demoteSelf = await owner.patch(`${base}/${fay.id}`, {
      role: 'viewer',
    });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body.code).toBe('last_facilitator');
    const leave = await owner.delete(`${base}/${fay.id}`);
    expect(leave.status).toBe(409);

    const badRole = await owner.patch(`${base}/${cleo.id}`, { role: 'owner' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0]).toMatchObject({
      field: 'role',
      message: 'role must be one of viewer, contributor, facilitator',
    });

    const promoted = await owner.patch(`${base}/${cleo.id}`, {
      role: 'facilitator',
    });
    expect(promoted.body).toMatchObject({
      userId: cleo.id,
      role: 'facilitator',
    });
    expect(
      (await owner.patch(`${base}/${fay.id}`, { role: 'contributor' })).status,
    ).toBe(200);

    const kickFacilitator = await owner.delete(`${base}/${cleo.id}`);
    expect(kickFacilitator.status).toBe(403);
    expect((await owner.delete(`${base}/${fay.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/projects/${project.id}`)).status).toBe(
      404,
    );
    const remaining = await contributor.get(base);
    expect(
      remaining.body.map((m: { userId: string; role: string }) => [
        m.userId,
        m.role,
      ]),
    ).toEqual([[cleo.id, 'facilitator']]);
  });

  it('refuses to invite someone who is already a member, naming the field', async () => {
    const { browser: owner, user, project } = await facilitatorWithProject();
    const res = await owner.post(`/api/v1/projects/${project.id}/invitations`, {
      email: user.email,
      role: 'viewer',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'already_member',
      errors: [{ field: 'email' }],
    });
  });

  it('renames and deletes a project (facilitator), with field errors for bad input', async () => {
    const { browser: owner, project } = await facilitatorWithProject();
    const empty = await owner.patch(`/api/v1/projects/${project.id}`, {
      name: '   ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('name');
    const renamed = await owner.patch(`/api/v1/projects/${project.id}`, {
      name: 'Course marketplace',
    });
    expect(renamed.body.name).toBe('Course marketplace');
    expect((await owner.delete(`/api/v1/projects/${project.id}`)).status).toBe(
      204,
    );
    expect((await owner.get(`/api/v1/projects/${project.id}`)).status).toBe(
      404,
    );
  });

  it('works for OpenAPI clients with a bearer token (no cookie, no CSRF)', async () => {
    const { browser } = await signedUpBrowser(app, uniqueEmail('robot'));
    const token = (
      await browser.post('/api/v1/auth/tokens', { name: 'script' })
    ).body.token as string;
    const server = app.app.getHttpServer();
    const created = await request(server)
      .post('/api/v1/projects')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Scripted' });
    expect(created.status).toBe(201);
    const listed = await request(server)
      .get('/api/v1/projects')
      .set('Authorization', `Bearer ${token}`);
    expect(listed.body.map((p: { name: string }) => p.name)).toEqual([
      'Scripted',
    ]);
  });
});

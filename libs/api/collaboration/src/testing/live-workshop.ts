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
import { CollabClient, type CollabSocket } from '@orca/shared/collab-client';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { CollabIoAdapter } from '../lib/collab-io.adapter';
import { CollaborationModule } from '../lib/collaboration.module';

/**
 * The api with live collaboration, listening on a loopback port; `url` is the /collab namespace.
 * `env`: settings on top of the test defaults (e.g. a low SOCKET_RATE_LIMIT).
 */
export async function startCollabApp(
  env: Record<string, string> = {},
): Promise<{ app: TestApp; url: string }> {
  const app = await createTestApp(
    [AuthModule, ProjectsModule, ModelModule, CollaborationModule],
    {
      env,
      configure: async (nest, config) => {
        const adapter = new CollabIoAdapter(nest, config);
        await adapter.connect();
        nest.useWebSocketAdapter(adapter);
      },
    },
  );
  await app.app.listen(0, '127.0.0.1');
  const url = `${await app.app.getUrl()}/collab`.replace('[::1]', '127.0.0.1');
  return { app, url };
}

/** A facilitator's new project with `people − 1` contributors who accepted their invitations. */
export async function projectWithPeople(
  app: TestApp,
  people: number,
): Promise<{
  projectId: string;
  owner: BrowserAgent;
  browsers: BrowserAgent[];
}> {
  const { browser: owner } = await signedUpBrowser(
    app,
    uniqueEmail('facilitator'),
    'Facilitator',
  );
  const projectId = (await owner.post('/api/v1/projects', { name: 'Workshop' }))
    .body.id as string;
  const browsers: BrowserAgent[] = [owner];
  for (let index = 1; index < people; index++) {
    const email = uniqueEmail(`person-${index}`);
    const invitation = await owner.post(
      `/api/v1/projects/${projectId}/invitations`,
      { email, role: 'contributor' },
    );
    const token = new URL(invitation.body.acceptUrl).pathname
      .split('/')
      .pop() as string;
    const { browser } = await signedUpBrowser(app, email, `Person ${index}`);
    const accepted = await browser.post(`/api/v1/invitations/${token}/accept`);
    if (accepted.status !== 200)
      throw new Error(`invitation not accepted: HTTP ${accepted.status}`);
    browsers.push(browser);
  }
  return { projectId, owner, browsers };
}

export interface LivePerson {
  client: CollabClient;
  socket: CollabSocket;
  clientId: string;
  /** The mutation id of the change submitted last (set synchronously by `client.submit`). */
  lastMutationId: () => string;
}

/** A browser's live copy of the project, joined, reconnecting quickly when dropped. */
export async function goLive(
  url: string,
  browser: BrowserAgent,
  projectId: string,
  clientId = randomUUID(),
): Promise<LivePerson> {
  let lastMutationId = '';
  const socket: CollabSocket = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: browser.cookies() },
    auth: { clientId },
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  const client = new CollabClient({
    socket,
    projectId,
    clientId,
    createMutationId: () => (lastMutationId = randomUUID()),
  });
  await client.start();
  return { client, socket, clientId, lastMutationId: () => lastMutationId };
}

import { InjectionToken } from '@angular/core';
import { COLLAB_NAMESPACE } from '@orca/shared/contracts';
import type { CollabSocket } from '@orca/shared/collab-client';
import { io } from 'socket.io-client';

/** Opens the live-collaboration socket of this browser tab; `clientId` goes into the handshake. */
export type CollabSocketFactory = (clientId: string) => CollabSocket;

/**
 * Same origin as the page (DESIGN §5): the session cookie authenticates the handshake, WebSocket
 * only so no sticky sessions are needed behind a load balancer. Tests provide an in-process double.
 */
export const COLLAB_SOCKET_FACTORY = new InjectionToken<CollabSocketFactory>(
  'COLLAB_SOCKET_FACTORY',
  {
    providedIn: 'root',
    factory: () => (clientId: string) =>
      io(COLLAB_NAMESPACE, {
        transports: ['websocket'],
        withCredentials: true,
        auth: { clientId },
      }),
  },
);

import type { ProjectRole } from '@orca/shared/domain';
import type { Request } from 'express';

/** Who is calling, and how they proved it. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  via: 'session' | 'token';
  /** SHA-256 of the session secret, for sign-out. */
  sessionId?: string;
  /** The API token's id, so its live connections close when it is revoked. */
  tokenId?: string;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** Set by the guard when the route names a project role. */
  projectRole?: ProjectRole;
}

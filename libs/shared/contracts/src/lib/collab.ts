import type { Change, ChangeEffect, ProjectModel } from '@orca/shared/domain';

/** Socket.IO namespace of live collaboration. */
export const COLLAB_NAMESPACE = '/collab';

export interface CollabError {
  /** Stable code, as in REST problem details: `project_not_found`, `insufficient_role`, `validation_failed`… */
  code: string;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

export type Ack<T> = (response: T) => void;

/** A committed change as every member of the project receives it, in rev order. */
export interface ChangeApplied {
  projectId: string;
  rev: number;
  actorId: string;
  clientId: string;
  mutationId: string;
  change: Change;
  effects: readonly ChangeEffect[];
  createdAt: string;
}

export interface PresenceFocus {
  /** What the person is looking at or editing: an item, a field, a matrix cell. */
  kind:
    | 'object'
    | 'relationship'
    | 'role'
    | 'cta'
    | 'attribute'
    | 'nom-cell'
    | 'cta-cell'
    | 'view';
  id?: string;
  field?: string;
  /** For matrix cells: row and column ids. */
  row?: string;
  column?: string;
  view?: string;
}

export interface PresenceMember {
  userId: string;
  displayName: string;
  color: string;
  focus: PresenceFocus | null;
}

export interface JoinRequest {
  projectId: string;
  /** The last rev this client holds: the answer is the changes since, when the log still has them. */
  sinceRev?: number;
}

export type JoinResponse =
  | { ok: true; rev: number; model: ProjectModel; presence: PresenceMember[] }
  | {
      ok: true;
      rev: number;
      changes: ChangeApplied[];
      presence: PresenceMember[];
    }
  | { ok: false; error: CollabError };

export interface SubmitRequest {
  projectId: string;
  mutationId: string;
  baseRev: number;
  change: Change;
}

export type SubmitResponse =
  | { ok: true; rev: number; duplicate: boolean; changed: boolean }
  | { ok: false; error: CollabError };

export interface PresenceState {
  projectId: string;
  members: PresenceMember[];
}

/** Events the client sends (contract: DESIGN §5). */
export interface CollabClientEvents {
  'project:join': (request: JoinRequest, ack: Ack<JoinResponse>) => void;
  'project:leave': (
    request: { projectId: string },
    ack?: Ack<{ ok: true }>,
  ) => void;
  'change:submit': (request: SubmitRequest, ack: Ack<SubmitResponse>) => void;
  'presence:update': (request: {
    projectId: string;
    focus: PresenceFocus | null;
  }) => void;
}

/** Events the server sends (contract: DESIGN §5). */
export interface CollabServerEvents {
  'change:applied': (event: ChangeApplied) => void;
  'presence:state': (state: PresenceState) => void;
  /** You were removed from the project (or it was deleted): its room is closed to you. */
  'project:revoked': (event: { projectId: string; reason: string }) => void;
}

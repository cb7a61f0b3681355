import type {
  Change,
  ChangeEffect,
  Overwrite,
  ProjectModel,
} from '@orca/shared/domain';
import type { ForagingChangedEvent } from './foraging';

/** Socket.IO namespace of live collaboration. */
export const COLLAB_NAMESPACE = '/collab';

/**
 * Why the `/collab` handshake was refused: the `message` of the client's `connect_error`. A refused
 * origin is a configuration matter, not a signed-out person, and the client says so.
 */
export const HANDSHAKE_REFUSALS = {
  /** No valid session cookie or API token. */
  unauthenticated: 'unauthenticated',
  /** A cookie-authenticated socket from a page on another origin than the app's own. */
  originNotAllowed: 'origin_not_allowed',
  /** The server could not check the session (its database is away): try again shortly. */
  unavailable: 'unavailable',
} as const;
export type HandshakeRefusal =
  (typeof HANDSHAKE_REFUSALS)[keyof typeof HANDSHAKE_REFUSALS];

export interface CollabError {
  /** Stable code, as in REST problem details: `project_not_found`, `insufficient_role`, `validation_failed`… */
  code: string;
  message: string;
  errors?: Array<{ field: string; message: string }>;
  /**
   * Set when the refusal is temporary (`rate_limited`, `database_unavailable`): nothing was done;
   * send the same request again (same mutation id) after this many ms.
   */
  retryAfterMs?: number;
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
  /**
   * Writes of others, made concurrently (after this change's base rev), that this change
   * replaced: last writer wins per field, and the client whose write was replaced is told.
   */
  overwrote?: readonly Overwrite[];
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
  | {
      ok: true;
      rev: number;
      model: ProjectModel;
      presence: PresenceMember[];
      locks: LockInfo[];
    }
  | {
      ok: true;
      rev: number;
      changes: ChangeApplied[];
      presence: PresenceMember[];
      locks: LockInfo[];
    }
  | { ok: false; error: CollabError };

/**
 * A soft lock: "I am editing this cell/field". A hint for people, never a correctness mechanism:
 * writes are accepted whoever holds it. Released by its holder, on disconnect, or after
 * `LOCK_IDLE_MS` without being renewed (acquiring again renews it).
 */
export interface LockInfo {
  /** What is locked: same shape as a presence focus (an item's field, a matrix cell). */
  target: PresenceFocus;
  /** Canonical key of the target (see `lockKey`). */
  key: string;
  holder: { userId: string; displayName: string; color: string };
  acquiredAt: string;
  expiresAt: string;
}

export const LOCK_IDLE_MS = 5 * 60_000;

/** A person drops out of presence after this long without any activity. */
export const PRESENCE_IDLE_MS = 15 * 60_000;

/** The canonical key of a lock or focus target. */
export function lockKey(target: PresenceFocus): string {
  return [
    target.kind,
    target.id ?? '',
    target.field ?? '',
    target.row ?? '',
    target.column ?? '',
  ].join(':');
}

export type LockResponse =
  | { ok: true; lock: LockInfo }
  | { ok: false; holder?: LockInfo['holder']; error?: CollabError };

/** How an export the person asked for is going (only their own sockets hear it). */
export interface ExportProgressEvent {
  projectId: string;
  exportId: string;
  format: string;
  /** 0–100, never going down. */
  percent: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
}

export interface LockState {
  projectId: string;
  locks: LockInfo[];
}

export interface SubmitRequest {
  projectId: string;
  mutationId: string;
  baseRev: number;
  change: Change;
}

export type SubmitResponse =
  | {
      ok: true;
      rev: number;
      duplicate: boolean;
      changed: boolean;
      /** Concurrent writes of others this change replaced (last writer wins, per field). */
      overwrote?: readonly Overwrite[];
    }
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
  'lock:acquire': (
    request: { projectId: string; target: PresenceFocus },
    ack: Ack<LockResponse>,
  ) => void;
  'lock:release': (
    request: { projectId: string; target: PresenceFocus },
    ack?: Ack<{ ok: boolean }>,
  ) => void;
  /** Stops an export this person started (`GET …/export?exportId=`). */
  'export:cancel': (
    request: { exportId: string },
    ack?: Ack<{ ok: boolean }>,
  ) => void;
}

/** Events the server sends (contract: DESIGN §5). */
export interface CollabServerEvents {
  'change:applied': (event: ChangeApplied) => void;
  'presence:state': (state: PresenceState) => void;
  'lock:state': (state: LockState) => void;
  'export:progress': (event: ExportProgressEvent) => void;
  /** You were removed from the project (or it was deleted): its room is closed to you. */
  'project:revoked': (event: { projectId: string; reason: string }) => void;
  /** A foraged research source was added or removed (everyone in the room hears it). */
  'foraging:changed': (event: ForagingChangedEvent) => void;
  /**
   * This instance is shutting down: send nothing more to it. It answers what it has, then closes
   * the connection; reconnecting (the load balancer picks another instance) and rejoining resume.
   */
  'server:draining': (event: ServerDraining) => void;
}

/** Sent before an instance closes its sockets on shutdown. */
export interface ServerDraining {
  /** The longest the instance will take before it closes the connection. */
  closesWithinMs: number;
}

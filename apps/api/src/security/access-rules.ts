import type { CollabClientEvents } from '@orca/shared/contracts';
import type { ProjectRole } from '@orca/shared/domain';

/**
 * Who may do what: the policy the authorisation matrix (`authorisation-matrix.spec.ts`) holds
 * the running api to, for every principal (decision 0024). The spec fails on a route of the app
 * or of `openapi.json` that has no rule here, and on a rule whose route is gone — so a new route
 * starts with a deliberate answer to "who may call this?".
 *
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any valid session or API token; the route acts on the caller's own account
 *   (or, for an invitation, on what its secret token names).
 * - a project role: the least role on the route's `{projectId}`. Non-members get 404 (never
 *   403: project ids leak nothing), lesser roles 403 `insufficient_role` (decision 0007).
 * - `{ guard, others }`: the guard lets `guard` in, and the service needs `others` to act on
 *   someone else (anyone may leave a project; only a facilitator removes another member).
 * - `metrics-token`: no person at all; the scraper's own secret (`METRICS_TOKEN`) as a bearer.
 */
export type AccessRule =
  | 'public'
  | 'signed-in'
  | ProjectRole
  | { guard: ProjectRole; others: ProjectRole }
  | 'metrics-token';

/** REST routes, as `METHOD /path/{param}` exactly as in `apps/api/openapi.json`. */
export const HTTP_ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /metrics': 'metrics-token',

  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/auth/session': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'GET /api/v1/auth/me': 'signed-in',
  'PATCH /api/v1/auth/me': 'signed-in',
  'POST /api/v1/auth/password': 'signed-in',
  'GET /api/v1/auth/sessions': 'signed-in',
  'DELETE /api/v1/auth/sessions': 'signed-in',
  'DELETE /api/v1/auth/sessions/{sessionId}': 'signed-in',
  'GET /api/v1/auth/tokens': 'signed-in',
  'POST /api/v1/auth/tokens': 'signed-in',
  'DELETE /api/v1/auth/tokens/{tokenId}': 'signed-in',

  'GET /api/v1/invitations/{token}': 'public',
  'POST /api/v1/invitations/{token}/accept': 'signed-in',

  'GET /api/v1/projects': 'signed-in',
  'POST /api/v1/projects': 'signed-in',
  'POST /api/v1/projects/import': 'signed-in',
  'GET /api/v1/projects/{projectId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}': 'facilitator',
  'DELETE /api/v1/projects/{projectId}': 'facilitator',
  'GET /api/v1/projects/{projectId}/members': 'viewer',
  'PATCH /api/v1/projects/{projectId}/members/{userId}': 'facilitator',
  'DELETE /api/v1/projects/{projectId}/members/{userId}': {
    guard: 'viewer',
    others: 'facilitator',
  },
  'GET /api/v1/projects/{projectId}/invitations': 'facilitator',
  'POST /api/v1/projects/{projectId}/invitations': 'facilitator',
  'DELETE /api/v1/projects/{projectId}/invitations/{invitationId}':
    'facilitator',

  'GET /api/v1/projects/{projectId}/model': 'viewer',
  'GET /api/v1/projects/{projectId}/nom': 'viewer',
  'GET /api/v1/projects/{projectId}/cta-matrix': 'viewer',
  'GET /api/v1/projects/{projectId}/validation': 'viewer',
  'GET /api/v1/projects/{projectId}/validation/settings': 'viewer',
  'PUT /api/v1/projects/{projectId}/validation/settings': 'contributor',
  'GET /api/v1/projects/{projectId}/changes': 'viewer',
  'POST /api/v1/projects/{projectId}/changes': 'contributor',
  'POST /api/v1/projects/{projectId}/changes/undo': 'contributor',
  'POST /api/v1/projects/{projectId}/roles/starter-set': 'facilitator',
  'POST /api/v1/projects/{projectId}/attributes/reorder': 'contributor',
  'POST /api/v1/projects/{projectId}/import/csv': 'contributor',
  'GET /api/v1/projects/{projectId}/export': 'viewer',

  'GET /api/v1/projects/{projectId}/objects': 'viewer',
  'POST /api/v1/projects/{projectId}/objects': 'contributor',
  'GET /api/v1/projects/{projectId}/objects/{itemId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}/objects/{itemId}': 'contributor',
  'DELETE /api/v1/projects/{projectId}/objects/{itemId}': 'contributor',
  'GET /api/v1/projects/{projectId}/relationships': 'viewer',
  'POST /api/v1/projects/{projectId}/relationships': 'contributor',
  'GET /api/v1/projects/{projectId}/relationships/{itemId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}/relationships/{itemId}': 'contributor',
  'DELETE /api/v1/projects/{projectId}/relationships/{itemId}': 'contributor',
  'GET /api/v1/projects/{projectId}/roles': 'viewer',
  'POST /api/v1/projects/{projectId}/roles': 'contributor',
  'GET /api/v1/projects/{projectId}/roles/{itemId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}/roles/{itemId}': 'contributor',
  'DELETE /api/v1/projects/{projectId}/roles/{itemId}': 'contributor',
  'GET /api/v1/projects/{projectId}/ctas': 'viewer',
  'POST /api/v1/projects/{projectId}/ctas': 'contributor',
  'GET /api/v1/projects/{projectId}/ctas/{itemId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}/ctas/{itemId}': 'contributor',
  'DELETE /api/v1/projects/{projectId}/ctas/{itemId}': 'contributor',
  'GET /api/v1/projects/{projectId}/attributes': 'viewer',
  'POST /api/v1/projects/{projectId}/attributes': 'contributor',
  'GET /api/v1/projects/{projectId}/attributes/{itemId}': 'viewer',
  'PATCH /api/v1/projects/{projectId}/attributes/{itemId}': 'contributor',
  'DELETE /api/v1/projects/{projectId}/attributes/{itemId}': 'contributor',

  'GET /api/v1/projects/{projectId}/snapshots': 'viewer',
  'POST /api/v1/projects/{projectId}/snapshots': 'facilitator',
  'GET /api/v1/projects/{projectId}/snapshots/{snapshotId}': 'viewer',
  'GET /api/v1/projects/{projectId}/snapshots/{snapshotId}/export': 'viewer',
  'GET /api/v1/projects/{projectId}/snapshots/{a}/diff/{b}': 'viewer',
  // A restore starts a new project of the caller's own; the source is only read.
  'POST /api/v1/projects/{projectId}/snapshots/{snapshotId}/restore': 'viewer',

  'GET /api/v1/projects/{projectId}/foraging': 'viewer',
  'POST /api/v1/projects/{projectId}/foraging': 'contributor',
  'GET /api/v1/projects/{projectId}/foraging/{sourceId}': 'viewer',
  'DELETE /api/v1/projects/{projectId}/foraging/{sourceId}': 'contributor',
};

/** Routes deliberately left out of `openapi.json` (for operators' tools, not API clients). */
export const OUTSIDE_OPENAPI: ReadonlySet<string> = new Set(['GET /metrics']);

/**
 * Socket.IO events a client sends on `/collab` (the handshake itself needs a valid session or
 * token). `signed-in` events act only on the caller's own things (their locks, their exports).
 * Typed against the contract: an event added to `CollabClientEvents` does not compile without
 * a rule, and the spec checks the gateway's handlers against this list at run time.
 */
export const SOCKET_ACCESS_RULES: Readonly<
  Record<keyof CollabClientEvents, AccessRule>
> = {
  'project:join': 'viewer',
  'project:leave': 'signed-in',
  'presence:update': 'viewer',
  'change:submit': 'contributor',
  'lock:acquire': 'contributor',
  'lock:release': 'signed-in',
  'export:cancel': 'signed-in',
};

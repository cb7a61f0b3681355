import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  CollabClient,
  type CollabSocket,
  type CollabState,
  type CollabStatus,
  type OverwrittenNotice,
  type RejectedChange,
  type SubmitOutcome,
} from '@orca/shared/collab-client';
import {
  type ExportProgressEvent,
  type CollabError,
  type ForagingChangedEvent,
  HANDSHAKE_REFUSALS,
  type LockInfo,
  type LockResponse,
  type PresenceFocus,
  type PresenceMember,
  type ProjectDto,
  lockKey,
} from '@orca/shared/contracts';
import {
  type Change,
  type CheckRuleId,
  DomainError,
  applyChange,
  findItem,
  itemLabel,
  itemName,
  CHECK_RULE_IDS,
  type ModelReview,
  type ProjectModel,
  canEditModel,
  nowOnly,
  reviewModel,
} from '@orca/shared/domain';
import {
  AuthStore,
  type ProblemMessage,
  toProblemMessage,
} from '@orca/web/data-access-auth';
import { ProjectsApi } from '@orca/web/data-access-projects';
import { type Observable, Subject, Subscription } from 'rxjs';
import { describeChange, fieldWords } from './change-description';
import { COLLAB_SOCKET_FACTORY } from './collab-connection';
import { readNowOnly, writeNowOnly } from './now-only-preference';
import { tabClientId } from './tab-client-id';
import { WorkspaceApi } from './workspace-api';

/** Where the live connection is; `idle` before `open`. */
export type WorkspaceStatus = 'idle' | CollabStatus;

export type ProjectLoadStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'not-found'
  | 'failed';

/** Something the person should be told about the workspace: a refused change, mostly. */
export interface WorkspaceNotice {
  readonly id: number;
  readonly tone: 'error' | 'info';
  readonly message: string;
}

/** What a person is told when the live connection's handshake was refused. */
export function handshakeProblem(refusal: string): string {
  switch (refusal) {
    case HANDSHAKE_REFUSALS.unauthenticated:
      return 'Your session has ended. Sign in again to keep working.';
    case HANDSHAKE_REFUSALS.originNotAllowed:
      return `The server does not accept live connections from pages at ${globalThis.location?.origin ?? 'this address'}. Open the app at the address in its PUBLIC_URL, or ask whoever runs it to add this one to CORS_ORIGINS.`;
    default:
      return 'The live connection was refused.';
  }
}

/**
 * How long to wait before trying again when the server refused the handshake as `unavailable`
 * (it could not reach its database to check the session: decision 0030). Not a final refusal.
 */
export const HANDSHAKE_RETRY_MS = 2000;

/** How often, at most, this tab tells the others what it is looking at. */
export const FOCUS_THROTTLE_MS = 200;

const NOT_JOINED: CollabState = {
  status: 'connecting',
  rev: 0,
  model: null,
  pending: 0,
};

const NOT_OPEN: CollabError = {
  code: 'not_joined',
  message: 'The project is not open yet.',
};

/** "An object named…" → "an object named…", to continue a sentence. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text)
    ? text[0].toLowerCase() + text.slice(1)
    : text;
}

const READ_ONLY_MESSAGE =
  'Viewers can read and export this project. Ask a facilitator for the contributor role to edit it.';

interface WorkspaceState {
  projectId: string | null;
  project: ProjectDto | null;
  projectStatus: ProjectLoadStatus;
  projectProblem: ProblemMessage | null;
  collab: CollabState | null;
  /** The handshake itself was refused (signed out meanwhile): reconnecting will not help. */
  connectionProblem: string | null;
  presence: readonly PresenceMember[];
  locks: readonly LockInfo[];
  notices: readonly WorkspaceNotice[];
  nowOnly: boolean;
  disabledRules: readonly CheckRuleId[];
  /** Exports this person started in this workspace, by export id (progress over the socket). */
  exports: Readonly<Record<string, ExportProgressEvent>>;
}

const INITIAL_STATE: WorkspaceState = {
  projectId: null,
  project: null,
  projectStatus: 'idle',
  projectProblem: null,
  collab: null,
  connectionProblem: null,
  presence: [],
  locks: [],
  notices: [],
  nowOnly: false,
  disabledRules: [],
  exports: {},
};

/**
 * One project's live workspace: the model everyone edits together, who is here, and what the
 * checks say about it. Provide it on the workspace route; `open(projectId)` connects, leaving the
 * route closes the socket.
 *
 * Own changes apply at once (CollabClient keeps them pending until the server confirms); a change
 * the server refuses is rolled back and reported in `notices`.
 */
@Injectable()
export class WorkspaceStore {
  private readonly projectsApi = inject(ProjectsApi);
  private readonly workspaceApi = inject(WorkspaceApi);
  private readonly auth = inject(AuthStore);
  private readonly createSocket = inject(COLLAB_SOCKET_FACTORY);
  private readonly state = signal<WorkspaceState>(INITIAL_STATE);

  private socket: CollabSocket | null = null;
  private client: CollabClient | null = null;
  private subscriptions = new Subscription();
  private readonly foragingChanges = new Subject<ForagingChangedEvent>();
  private noticeCounter = 0;
  private focusTimer: ReturnType<typeof setTimeout> | null = null;
  private queuedFocus: { focus: PresenceFocus | null } | null = null;

  readonly projectId = computed(() => this.state().projectId);
  readonly project = computed(() => this.state().project);
  readonly projectStatus = computed(() => this.state().projectStatus);
  readonly projectProblem = computed(() => this.state().projectProblem);
  readonly connectionProblem = computed(() => this.state().connectionProblem);
  readonly status = computed<WorkspaceStatus>(() => {
    const { collab, connectionProblem } = this.state();
    if (!collab) return 'idle';
    return connectionProblem ? 'failed' : collab.status;
  });
  /** What the person sees: the server's model with their own pending changes applied. */
  readonly model = computed(() => this.state().collab?.model ?? null);
  /** The last revision the server confirmed. */
  readonly rev = computed(() => this.state().collab?.rev ?? 0);
  /** Own changes not yet confirmed by the server. */
  readonly pending = computed(() => this.state().collab?.pending ?? 0);
  readonly presence = computed(() => this.state().presence);
  /** The signed-in person's id, to tell "me" from the others in presence. */
  readonly myUserId = computed(() => this.auth.user()?.id ?? null);
  /** Everyone else here now. */
  readonly others = computed(() => {
    const me = this.myUserId();
    return this.state().presence.filter((member) => member.userId !== me);
  });
  /** Soft locks: who is editing which field or cell (hints, never a barrier). */
  readonly locks = computed(() => this.state().locks);
  /** The locks others hold, by `lockKey` of their target. */
  readonly othersLocks = computed(() => {
    const me = this.myUserId();
    return new Map(
      this.state()
        .locks.filter((lock) => lock.holder.userId !== me)
        .map((lock) => [lock.key, lock]),
    );
  });
  readonly notices = computed(() => this.state().notices);
  readonly role = computed(() => this.state().project?.role ?? null);
  readonly canEdit = computed(() => {
    const role = this.role();
    const status = this.status();
    return (
      role !== null &&
      canEditModel(role) &&
      status !== 'revoked' &&
      status !== 'failed'
    );
  });
  readonly nowOnly = computed(() => this.state().nowOnly);
  /** The model the views show: only what is planned for Now while the filter is on. */
  readonly visibleModel = computed<ProjectModel | null>(() => {
    const model = this.model();
    if (!model) return null;
    return this.state().nowOnly ? nowOnly(model) : model;
  });
  readonly disabledRules = computed(() => this.state().disabledRules);
  /** Findings, completeness per ORCA round and readiness of what is shown. */
  readonly review = computed<ModelReview | null>(() => {
    const model = this.visibleModel();
    return model
      ? reviewModel(model, { disabledRules: this.state().disabledRules })
      : null;
  });
  readonly findings = computed(() => this.review()?.findings ?? []);
  readonly completeness = computed(() => this.review()?.completeness ?? null);
  readonly readiness = computed(() => this.review()?.readiness ?? null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** Loads the project and joins its live room. Opening the project already open does nothing. */
  open(projectId: string): void {
    if (this.state().projectId === projectId && this.client) return;
    this.close();
    this.state.set({
      ...INITIAL_STATE,
      projectId,
      projectStatus: 'loading',
      collab: NOT_JOINED,
      nowOnly: readNowOnly(projectId),
    });
    const subscriptions = new Subscription();
    this.subscriptions = subscriptions;

    subscriptions.add(
      this.projectsApi.get(projectId).subscribe({
        next: (project) => this.patch({ project, projectStatus: 'ready' }),
        error: (error: unknown) => {
          const problem = toProblemMessage(
            error,
            'This project could not be loaded.',
          );
          this.patch({
            projectProblem: problem,
            projectStatus: problem.status === 404 ? 'not-found' : 'failed',
          });
        },
      }),
    );
    subscriptions.add(
      this.workspaceApi.checkSettings(projectId).subscribe({
        next: ({ disabledRules }) =>
          this.patch({
            disabledRules: CHECK_RULE_IDS.filter((rule) =>
              disabledRules.includes(rule),
            ),
          }),
        // Without the settings every check runs: more findings, never fewer.
        error: () => undefined,
      }),
    );

    const clientId = tabClientId();
    const socket = this.createSocket(clientId);
    const client = new CollabClient({ socket, projectId, clientId });
    this.socket = socket;
    this.client = client;
    let retry: ReturnType<typeof setTimeout> | undefined;
    subscriptions.add(() => clearTimeout(retry));
    const onConnectError = (error: Error) => {
      // A refused handshake is final (socket.io does not retry it); network errors are retried.
      if (socket.active) return;
      // …except "unavailable": the server could not check the session just now. Try again.
      if (error.message === HANDSHAKE_REFUSALS.unavailable) {
        clearTimeout(retry);
        retry = setTimeout(() => socket.connect(), HANDSHAKE_RETRY_MS);
        return;
      }
      this.patch({ connectionProblem: handshakeProblem(error.message) });
    };
    socket.on('connect_error', onConnectError);
    subscriptions.add(() => socket.off('connect_error', onConnectError));
    // The server closes the sockets of a session signed out elsewhere. Socket.IO would wait for us
    // to reconnect; trying at once lets the refused handshake say that the session ended.
    const onDisconnect = (reason: string) => {
      if (reason === 'io server disconnect') socket.connect();
    };
    socket.on('disconnect', onDisconnect);
    subscriptions.add(() => socket.off('disconnect', onDisconnect));
    const onExportProgress = (event: ExportProgressEvent) => {
      if (event.projectId !== projectId) return;
      this.patch({
        exports: { ...this.state().exports, [event.exportId]: event },
      });
    };
    socket.on('export:progress', onExportProgress);
    subscriptions.add(() => socket.off('export:progress', onExportProgress));
    const onForagingChanged = (event: ForagingChangedEvent) => {
      if (event.projectId === projectId) this.foragingChanges.next(event);
    };
    socket.on('foraging:changed', onForagingChanged);
    subscriptions.add(() => socket.off('foraging:changed', onForagingChanged));
    subscriptions.add(
      client.state$.subscribe((collab) => this.patch({ collab })),
    );
    subscriptions.add(
      client.presence$.subscribe((presence) => this.patch({ presence })),
    );
    subscriptions.add(
      client.locks$.subscribe((locks) => this.patch({ locks })),
    );
    subscriptions.add(
      client.rejected$.subscribe((rejected) => this.onRejected(rejected)),
    );
    subscriptions.add(
      // Told once the model shows the change that replaced mine (it is being applied now).
      client.overwritten$.subscribe((notice) =>
        queueMicrotask(() => this.onOverwritten(notice)),
      ),
    );
    void client.start();
  }

  /** Sources added to or removed from this project's research, by anyone (the foraging page listens). */
  readonly foragingChanged$: Observable<ForagingChangedEvent> =
    this.foragingChanges.asObservable();

  /** How each export started here is going (percent, running/done/cancelled/failed). */
  readonly exports = computed(() => this.state().exports);

  /**
   * Records an export about to start (its download carries `exportId`), so it shows at 0 % before
   * the first progress arrives.
   */
  trackExport(exportId: string, format: string): void {
    const projectId = this.state().projectId;
    if (!projectId) return;
    this.patch({
      exports: {
        ...this.state().exports,
        [exportId]: {
          projectId,
          exportId,
          format,
          percent: 0,
          state: 'running',
        },
      },
    });
  }

  /**
   * Undoes this person's latest change (theirs only, never someone else's): the server commits its
   * inverse, which comes back to every view as change:applied. Says what happened in a notice
   * when there is nothing to undo or the undo would clash with later work.
   */
  undoLast(): Promise<boolean> {
    const projectId = this.state().projectId;
    if (!projectId || !this.canEdit()) return Promise.resolve(false);
    this.undoing.set(true);
    return new Promise((resolve) => {
      this.workspaceApi.undo(projectId).subscribe({
        next: () => {
          this.undoing.set(false);
          resolve(true);
        },
        error: (error: unknown) => {
          this.undoing.set(false);
          const problem = toProblemMessage(
            error,
            'The undo did not go through.',
          );
          this.notify(
            problem.code === 'nothing_to_undo' ? 'info' : 'error',
            problem.code === 'nothing_to_undo'
              ? 'Nothing of yours to undo.'
              : problem.message,
          );
          resolve(false);
        },
      });
    });
  }

  /** An undo is on its way. */
  readonly undoing = signal(false);

  /** Stops an export this person started; the server answers with a `cancelled` progress. */
  cancelExport(exportId: string): void {
    this.socket?.emit('export:cancel', { exportId });
  }

  /** Leaves the project's room and closes the socket. */
  close(): void {
    this.subscriptions.unsubscribe();
    if (this.focusTimer !== null) clearTimeout(this.focusTimer);
    this.focusTimer = null;
    this.queuedFocus = null;
    this.client?.stop();
    this.socket?.disconnect();
    this.client = null;
    this.socket = null;
  }

  /**
   * Why the model shown would refuse `change` right now (a duplicate name, an empty name…), or
   * null. Pages ask before submitting to show the reason next to the field.
   */
  problemWith(change: Change): CollabError | null {
    const model = this.model();
    if (!model) return NOT_OPEN;
    try {
      applyChange(model, change);
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        code: error.code,
        message: error.problems[0]?.message ?? error.message,
        errors: error.problems.map(({ field, message }) => ({
          field,
          message,
        })),
      };
    }
  }

  /**
   * Applies a change at once and sends it. Resolves when the server confirms or refuses it. Every
   * refusal — by the model here, by the role, or by the server after the change was shown (then
   * rolled back) — also becomes a notice.
   */
  submit(change: Change): Promise<SubmitOutcome> {
    if (!this.client || !this.model()) {
      return Promise.resolve({ ok: false, error: NOT_OPEN });
    }
    if (this.state().project && !this.canEdit()) {
      this.notify('error', READ_ONLY_MESSAGE);
      return Promise.resolve({
        ok: false,
        error: { code: 'insufficient_role', message: READ_ONLY_MESSAGE },
      });
    }
    const problem = this.problemWith(change);
    if (problem) {
      this.notify(
        'error',
        `Not saved: you ${describeChange(change, this.model())}, but ${lowerFirst(problem.message)}`,
      );
      return Promise.resolve({ ok: false, error: problem });
    }
    return this.client.submit(change);
  }

  /** Tells the others what this person is looking at; sent at most every 200 ms, latest wins. */
  focus(focus: PresenceFocus | null): void {
    if (!this.client) return;
    if (this.focusTimer !== null) {
      this.queuedFocus = { focus };
      return;
    }
    this.client.focus(focus);
    this.focusTimer = setTimeout(() => this.flushFocus(), FOCUS_THROTTLE_MS);
  }

  /** The lock someone else holds on `target`, if any. */
  lockedByOther(target: PresenceFocus): LockInfo | null {
    return this.othersLocks().get(lockKey(target)) ?? null;
  }

  /**
   * Says "I am editing this" (a soft lock, renewed by asking again). `ok: false` names who
   * already is; editing goes on regardless — both people's words are kept.
   */
  acquireLock(target: PresenceFocus): Promise<LockResponse> {
    if (!this.client || !this.canEdit())
      return Promise.resolve({ ok: false, error: NOT_OPEN });
    return this.client.acquireLock(target);
  }

  releaseLock(target: PresenceFocus): void {
    this.client?.releaseLock(target);
  }

  setNowOnly(on: boolean): void {
    const projectId = this.state().projectId;
    if (projectId) writeNowOnly(projectId, on);
    this.patch({ nowOnly: on });
  }

  dismissNotice(id: number): void {
    this.state.update((state) => ({
      ...state,
      notices: state.notices.filter((notice) => notice.id !== id),
    }));
  }

  /** Shows a message in the workspace's notice area (e.g. a page's own failure). */
  notify(tone: WorkspaceNotice['tone'], message: string): void {
    const notice: WorkspaceNotice = { id: ++this.noticeCounter, tone, message };
    // The newest five are enough: older ones have been read or are stale.
    this.state.update((state) => ({
      ...state,
      notices: [...state.notices, notice].slice(-5),
    }));
  }

  private flushFocus(): void {
    this.focusTimer = null;
    const queued = this.queuedFocus;
    this.queuedFocus = null;
    if (queued) this.focus(queued.focus);
  }

  private onRejected({ change, error }: RejectedChange): void {
    const what = describeChange(change, this.model());
    const reason = error.errors?.[0]?.message ?? error.message;
    this.notify(
      'error',
      `Undone: you ${what}, but the server refused it. ${reason}`,
    );
  }

  private onOverwritten({ overwrite, by }: OverwrittenNotice): void {
    const who =
      this.state().presence.find((member) => member.userId === by.actorId)
        ?.displayName ?? 'Someone';
    const model = this.model();
    const item = model
      ? findItem(model, overwrite.itemKind, overwrite.id)
      : undefined;
    const label =
      item && model
        ? ` of “${overwrite.itemKind === 'relationship' ? itemLabel(model, item) : itemName(item)}”`
        : '';
    this.notify(
      'info',
      `${who} changed the ${fieldWords(overwrite.field)}${label} just after you: their version stands.`,
    );
  }

  private patch(change: Partial<WorkspaceState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}

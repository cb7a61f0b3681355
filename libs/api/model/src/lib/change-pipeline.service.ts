import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, ProblemException } from '@orca/api/core';
import { Metrics } from '@orca/api/metrics';
import {
  applyChange,
  type Change,
  type ChangeEffect,
  DomainError,
  fieldsWrittenBy,
  inverseOf,
  isUuid,
  type Overwrite,
  overwrittenBy,
  rebaseTextEdit,
  type TextOp,
  type TextTarget,
  textKey,
  textOpsOfChange,
  TextOpsError,
  type ProjectModel,
  type Problem,
} from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { IdTakenError, ModelStore } from './model.store';

export interface ChangeSubmission {
  projectId: string;
  actorId: string;
  /** Who is submitting: a socket client's id, or `rest:<userId>` for REST. */
  clientId: string;
  /** Unique per client: a retry with the same id is answered, not applied twice. */
  mutationId: string;
  /**
   * The revision the client based the change on, as sent (validated here): text edits are
   * transformed over what was typed since, and overwritten concurrent writes are reported.
   */
  baseRev?: unknown;
  change: unknown;
  /** Set by undo: the rev whose change this one reverts. */
  undoes?: number;
}

export interface CommittedChange {
  projectId: string;
  rev: number;
  actorId: string;
  clientId: string;
  mutationId: string;
  change: Change;
  effects: readonly ChangeEffect[];
  /** Concurrent writes (made after this change's base rev, by others) whose fields it replaced. */
  overwrote: readonly Overwrite[];
  createdAt: string;
}

export interface SubmitResult {
  rev: number;
  /** False for a change the model already held (an echo, a repeated delete): nothing was written. */
  changed: boolean;
  /** True when this mutation was committed before (a retry): `rev` is the one it got then. */
  duplicate: boolean;
  effects: readonly ChangeEffect[];
  /** Concurrent writes of others that this change replaced (last writer wins, field by field). */
  overwrote: readonly Overwrite[];
  /** The change as committed: a text edit is rebased over the text edits made since its base rev. */
  change?: Change;
  model: ProjectModel;
}

/** Maps a domain field path (`object.name`) to what the caller sent (`name` for REST bodies). */
export type FieldMapper = (field: string) => string;

export interface UndoResult {
  /** The rev of the change that was reverted. */
  undone: number;
  /** What each of the undo's changes did (those the model already held are `changed: false`). */
  results: SubmitResult[];
}

/** Applies one submission inside the current write transaction, after the ones before it. */
type ApplyInTransaction = (
  submission: Omit<ChangeSubmission, 'projectId'>,
  mapField: FieldMapper,
) => Promise<SubmitResult>;

interface CachedModel {
  rev: number;
  model: ProjectModel;
}

const MODEL_CACHE_SIZE = 200;
/** How many of one's changes an undo looks through for one that still alters something. */
const UNDO_SKIP_LIMIT = 50;
/** How many later writes are searched for a concurrent write a change replaces. */
const OVERWRITE_WINDOW = 2000;
/** A write transaction slower than this is logged as a warning (lock waits included). */
const SLOW_WRITE_MS = 1000;

/**
 * The one write path (DESIGN §3). Every change — REST, socket, import — is authorised before it
 * gets here; this serialises it per project with a row lock, drops retries by
 * (clientId, mutationId), validates and applies it with the shared domain's applyChange, writes
 * what changed, appends it to the `changes` log and raises `rev` by one, all in one transaction.
 * After commit, `committed$` tells the live-collaboration layer.
 */
@Injectable()
export class ChangePipeline {
  /** The latest model per project, valid only for the rev it was read at (replicas share nothing else). */
  private readonly models = new Map<string, CachedModel>();
  readonly committed$ = new Subject<CommittedChange>();
  private readonly logger = new Logger('ChangePipeline');
  private writing = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ModelStore,
    private readonly metrics: Metrics,
  ) {}

  /** Write transactions under way now (a draining instance waits for them to end). */
  get writesInFlight(): number {
    return this.writing;
  }

  async submit(
    submission: ChangeSubmission,
    mapField: FieldMapper = (field) => field,
  ): Promise<SubmitResult> {
    const [result] = await this.submitAll(
      submission.projectId,
      [submission],
      mapField,
    );
    return result as SubmitResult;
  }

  /**
   * Several changes of one project, all or nothing, in order: each gets its own rev (the log
   * keeps one change per rev) and a later one sees the earlier ones. For bulk operations
   * (reorder, starter sets, CSV import).
   */
  async submitAll(
    projectId: string,
    submissions: readonly ChangeSubmission[],
    mapField: FieldMapper = (field) => field,
  ): Promise<SubmitResult[]> {
    return this.transact(projectId, async (apply) => {
      const results: SubmitResult[] = [];
      for (const [index, submission] of submissions.entries()) {
        const fieldOf: FieldMapper =
          submissions.length > 1
            ? (field) => `${index}.${mapField(field)}`
            : mapField;
        results.push(await apply(submission, fieldOf));
      }
      return results;
    });
  }

  /**
   * Reverts the actor's latest change that is neither an undo nor undone yet (or the one at
   * `rev`), by committing its logged inverse as new changes that name it in `undoes`. Chosen
   * under the project lock, so two undos never revert one change twice. The inverse is based on
   * the undone rev: its text ops are rebased over what was typed since, and fields others wrote
   * since are reported as overwritten. A change whose inverse no longer alters anything is
   * skipped for the one before it. Throws 409 `nothing_to_undo`, or 409 `undo_conflict` (nothing
   * written) when the model no longer takes the inverse, e.g. an item was deleted since.
   */
  async undo(
    projectId: string,
    actorId: string,
    clientId: string,
    rev?: number,
  ): Promise<UndoResult> {
    return this.transact(projectId, async (apply, manager) => {
      const candidates = await this.undoCandidates(
        manager,
        projectId,
        actorId,
        rev,
      );
      for (const candidate of candidates) {
        const results: SubmitResult[] = [];
        for (const [index, change] of candidate.inverse.entries()) {
          try {
            results.push(
              await apply(
                {
                  actorId,
                  clientId,
                  mutationId: randomUUID(),
                  baseRev: candidate.rev,
                  change,
                  undoes: candidate.rev,
                },
                (field) => `inverse[${index}].${field}`,
              ),
            );
          } catch (error) {
            throw undoConflict(candidate.rev, error);
          }
        }
        if (results.some((result) => result.changed))
          return { undone: candidate.rev, results };
        // Already reverted by later changes: move on to the one before, as editors do.
      }
      throw new ProblemException(
        409,
        'nothing_to_undo',
        'Nothing to undo',
        rev === undefined
          ? 'You have no change in this project left to undo.'
          : `What rev ${rev} changed is already gone.`,
      );
    });
  }

  /** Changes of `actorId` an undo may revert, newest first: not undos, not undone, with an inverse. */
  private async undoCandidates(
    manager: EntityManager,
    projectId: string,
    actorId: string,
    rev: number | undefined,
  ): Promise<Array<{ rev: number; inverse: unknown[] }>> {
    const undone =
      'EXISTS (SELECT 1 FROM changes u WHERE u.project_id = c.project_id AND u.undoes = c.rev)';
    if (rev === undefined) {
      const latest: Array<{ rev: string; inverse: unknown[] }> =
        await manager.query(
          `SELECT c.rev, c.inverse FROM changes c
           WHERE c.project_id = $1 AND c.actor_id = $2 AND c.undoes IS NULL
             AND jsonb_array_length(c.inverse) > 0 AND NOT ${undone}
           ORDER BY c.rev DESC LIMIT ${UNDO_SKIP_LIMIT}`,
          [projectId, actorId],
        );
      return latest.map((row) => ({
        rev: Number(row.rev),
        inverse: row.inverse,
      }));
    }
    const rows: Array<{
      rev: string;
      actor_id: string | null;
      undoes: string | null;
      inverse: unknown[] | null;
      undone: boolean;
    }> = await manager.query(
      `SELECT c.rev, c.actor_id, c.undoes, c.inverse, ${undone} AS undone
       FROM changes c WHERE c.project_id = $1 AND c.rev = $2`,
      [projectId, rev],
    );
    const row = rows[0];
    const refuse = (message: string) =>
      new ProblemException(
        422,
        'validation_failed',
        'That change cannot be undone',
        message,
        [{ field: 'rev', message }],
      );
    if (!row) throw refuse(`This project has no rev ${rev}.`);
    if (row.actor_id !== actorId)
      throw refuse('Only the person who made a change can undo it.');
    if (row.undoes !== null) throw refuse('It is an undo itself.');
    if (row.undone) throw refuse('It is already undone.');
    if (!row.inverse || row.inverse.length === 0)
      throw refuse('It was made before changes could be undone.');
    return [{ rev: Number(row.rev), inverse: row.inverse }];
  }

  /**
   * One write transaction on a project: the row lock, then `work` applying submissions one after
   * the other (each sees the ones before); after commit the cache is updated and every committed
   * change is announced on `committed$`.
   */
  private async transact<T>(
    projectId: string,
    work: (apply: ApplyInTransaction, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const committed: CommittedChange[] = [];
    const started = performance.now();
    this.writing++;
    const transaction = this.dataSource.transaction(async (manager) => {
      let rev = await this.lockProject(manager, projectId);
      let model = await this.modelAt(manager, projectId, rev);
      const apply: ApplyInTransaction = async (submission, mapField) => {
        const applied = await this.applyOne(
          manager,
          { ...submission, projectId },
          rev,
          model,
          mapField,
        );
        if (applied.committed) {
          committed.push(applied.committed);
          rev = applied.committed.rev;
          model = applied.result.model;
        }
        return applied.result;
      };
      const value = await work(apply, manager);
      return { value, rev, model };
    });
    const outcome = await transaction.finally(() => this.writing--);
    this.remember(projectId, outcome.rev, outcome.model);
    for (const change of committed) {
      this.metrics.changeCommitted(change.change.kind);
      // Subscribers (the gateway's broadcast to the room) run synchronously inside next().
      this.committed$.next(change);
      this.metrics.changeBroadcast((performance.now() - started) / 1000);
    }
    if (committed.length > 0) this.logCommit(projectId, committed, started);
    return outcome.value;
  }

  /** One line per write transaction; in a request's or socket event's context it carries its id. */
  private logCommit(
    projectId: string,
    committed: readonly CommittedChange[],
    started: number,
  ): void {
    const ms = Math.round(performance.now() - started);
    const fields = {
      projectId,
      revs: committed.map((change) => change.rev),
      kinds: committed.map((change) => change.change.kind),
      ms,
    };
    if (ms > SLOW_WRITE_MS) this.logger.warn(fields, 'slow write');
    else this.logger.debug(fields, 'changes committed');
  }

  private async applyOne(
    manager: EntityManager,
    submission: ChangeSubmission,
    rev: number,
    model: ProjectModel,
    mapField: FieldMapper,
  ): Promise<{ result: SubmitResult; committed?: CommittedChange }> {
    const earlier: Array<{ rev: string; effects: ChangeEffect[] }> =
      await manager.query(
        'SELECT rev, effects FROM changes WHERE project_id = $1 AND client_id = $2 AND mutation_id = $3',
        [submission.projectId, submission.clientId, submission.mutationId],
      );
    if (earlier[0]) {
      return {
        result: {
          rev: Number(earlier[0].rev),
          changed: false,
          duplicate: true,
          effects: earlier[0].effects,
          overwrote: [],
          model,
        },
      };
    }
    const baseRev = checkBaseRev(submission.baseRev, rev);
    const change = await this.rebased(
      manager,
      submission.projectId,
      submission.change,
      baseRev,
      rev,
      mapField,
    );
    const deletedIds = await this.deletedTargets(
      manager,
      submission.projectId,
      model,
      change,
    );
    let applied;
    try {
      applied = applyChange(model, change as Change, { deletedIds });
    } catch (error) {
      if (error instanceof DomainError) throw toProblem(error, mapField);
      throw error;
    }
    if (!applied.changed)
      return {
        result: {
          rev,
          changed: false,
          duplicate: false,
          effects: applied.effects,
          overwrote: [],
          model,
        },
      };

    try {
      await this.store.persist(
        manager,
        submission.projectId,
        model,
        applied.model,
      );
    } catch (error) {
      if (error instanceof IdTakenError) {
        throw new ProblemException(
          409,
          'id_taken',
          'That id is already in use',
          'Generate a new UUID for the item.',
          [{ field: mapField('id'), message: error.message }],
        );
      }
      throw error;
    }
    const nextRev = rev + 1;
    const committedChange = change as Change;
    const textOps = textOpsOfChange(model, applied.model, committedChange);
    const overwrote =
      baseRev < rev
        ? await this.overwritten(
            manager,
            submission.projectId,
            submission.clientId,
            committedChange,
            baseRev,
          )
        : [];
    const inverse = inverseOf(model, committedChange, applied);
    const removedIds = applied.effects.flatMap((effect) =>
      effect.kind === 'removed' ? [effect.removed.item.id] : [],
    );
    // The log entry and the project's new rev in one statement: one round trip under the lock.
    const [row]: Array<{ created_at: Date }> = await manager.query(
      `WITH logged AS (
         INSERT INTO changes (project_id, rev, actor_id, client_id, mutation_id, kind, change, effects, removed_ids, text_ops, inverse, undoes)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::uuid[], $10::jsonb, $11::jsonb, $12)
         RETURNING created_at
       ), bumped AS (
         UPDATE projects SET rev = $2, updated_at = now() WHERE id = $1
       )
       SELECT created_at FROM logged`,
      [
        submission.projectId,
        nextRev,
        submission.actorId,
        submission.clientId,
        submission.mutationId,
        committedChange.kind,
        JSON.stringify(committedChange),
        JSON.stringify(applied.effects),
        removedIds,
        Object.keys(textOps).length > 0 ? JSON.stringify(textOps) : null,
        JSON.stringify(inverse),
        submission.undoes ?? null,
      ],
    );
    return {
      result: {
        rev: nextRev,
        changed: true,
        duplicate: false,
        effects: applied.effects,
        overwrote,
        change: committedChange,
        model: applied.model,
      },
      committed: {
        projectId: submission.projectId,
        rev: nextRev,
        actorId: submission.actorId,
        clientId: submission.clientId,
        mutationId: submission.mutationId,
        change: committedChange,
        effects: applied.effects,
        overwrote,
        createdAt: new Date(row?.created_at ?? Date.now()).toISOString(),
      },
    };
  }

  /** The current model and its rev, for reads. */
  async read(projectId: string): Promise<CachedModel> {
    const [project]: Array<{ rev: string }> = await this.dataSource.query(
      'SELECT rev FROM projects WHERE id = $1',
      [projectId],
    );
    if (!project) throw notFound('project_not_found', 'Project');
    const rev = Number(project.rev);
    const cached = this.models.get(projectId);
    this.metrics.cacheLookup('model', cached?.rev === rev);
    if (cached?.rev === rev) return cached;
    // Read the rows and the rev in one snapshot, so the model matches the rev it is served with.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [current]: Array<{ rev: string }> = await manager.query(
        'SELECT rev FROM projects WHERE id = $1',
        [projectId],
      );
      const model = await this.store.load(manager, projectId);
      const snapshotRev = Number(current?.rev ?? rev);
      this.remember(projectId, snapshotRev, model);
      return { rev: snapshotRev, model };
    });
  }

  /** A new project's model written in one go (import), committed as rev 1 with one log entry. */
  async seed(
    manager: EntityManager,
    projectId: string,
    actorId: string,
    model: ProjectModel,
    summary: Record<string, unknown>,
  ): Promise<number> {
    await this.store.insertAll(manager, projectId, model);
    await manager.query(
      `INSERT INTO changes (project_id, rev, actor_id, client_id, mutation_id, kind, change) VALUES ($1, 1, $2, $3, $4, 'project.import', $5::jsonb)`,
      [
        projectId,
        actorId,
        `rest:${actorId}`,
        randomUUID(),
        JSON.stringify({ kind: 'project.import', ...summary }),
      ],
    );
    await manager.query('UPDATE projects SET rev = 1 WHERE id = $1', [
      projectId,
    ]);
    return 1;
  }

  private async lockProject(
    manager: EntityManager,
    projectId: string,
  ): Promise<number> {
    const [project]: Array<{ rev: string }> = await manager.query(
      'SELECT rev FROM projects WHERE id = $1 FOR UPDATE',
      [projectId],
    );
    if (!project) throw notFound('project_not_found', 'Project');
    return Number(project.rev);
  }

  private async modelAt(
    manager: EntityManager,
    projectId: string,
    rev: number,
  ): Promise<ProjectModel> {
    const cached = this.models.get(projectId);
    this.metrics.cacheLookup('model', cached?.rev === rev);
    if (cached?.rev === rev) return cached.model;
    return this.store.load(manager, projectId);
  }

  private remember(projectId: string, rev: number, model: ProjectModel): void {
    const current = this.models.get(projectId);
    if (current && current.rev > rev) return;
    this.models.delete(projectId);
    this.models.set(projectId, { rev, model });
    if (this.models.size > MODEL_CACHE_SIZE) {
      const oldest = this.models.keys().next().value;
      if (oldest !== undefined) this.models.delete(oldest);
    }
  }

  /**
   * A text edit made against an older rev, rebased over the text ops committed to its field since
   * (DESIGN §4: both typists keep their words). Other changes pass through untouched.
   */
  private async rebased(
    manager: EntityManager,
    projectId: string,
    change: unknown,
    baseRev: number,
    rev: number,
    mapField: FieldMapper,
  ): Promise<unknown> {
    if (baseRev >= rev || !isTextEdit(change)) return change;
    const key = textKey(change.target);
    const rows: Array<{ ops: TextOp[] }> = await manager.query(
      'SELECT text_ops -> $3::text AS ops FROM changes WHERE project_id = $1 AND rev > $2 AND text_ops ? $3::text ORDER BY rev',
      [projectId, baseRev, key],
    );
    if (rows.length === 0) return change;
    try {
      return rebaseTextEdit(
        change,
        rows.map((row) => row.ops),
      );
    } catch (error) {
      if (!(error instanceof TextOpsError)) throw error;
      throw new ProblemException(
        422,
        'validation_failed',
        'The text edit does not fit the text at its base rev',
        `The ops must apply to the text as it was at rev ${baseRev}.`,
        [{ field: mapField('ops'), message: error.message }],
      );
    }
  }

  /** What others wrote, after `baseRev`, to the fields this change replaces. */
  private async overwritten(
    manager: EntityManager,
    projectId: string,
    clientId: string,
    change: Change,
    baseRev: number,
  ): Promise<Overwrite[]> {
    if (fieldsWrittenBy(change).length === 0) return [];
    const rows: Array<{
      rev: string;
      actor_id: string | null;
      client_id: string;
      change: Change;
    }> = await manager.query(
      `SELECT rev, actor_id, client_id, change FROM changes
       WHERE project_id = $1 AND rev > $2 AND client_id <> $3
         AND (kind LIKE '%.update' OR kind LIKE '%.move' OR kind = 'priority.set')
       ORDER BY rev LIMIT ${OVERWRITE_WINDOW}`,
      [projectId, baseRev, clientId],
    );
    return overwrittenBy(
      change,
      rows.map((row) => ({
        rev: Number(row.rev),
        actorId: row.actor_id,
        clientId: row.client_id,
        change: row.change,
      })),
    );
  }

  /** Ids the change targets that are gone from the model because an earlier change removed them. */
  private async deletedTargets(
    manager: EntityManager,
    projectId: string,
    model: ProjectModel,
    change: unknown,
  ): Promise<Set<string>> {
    const candidate = change as {
      id?: unknown;
      target?: { id?: unknown };
    } | null;
    const ids = [candidate?.id, candidate?.target?.id].filter(
      (id): id is string => isUuid(id) && !isInModel(model, id),
    );
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT DISTINCT unnest(removed_ids)::text AS id FROM changes WHERE project_id = $1 AND removed_ids && $2::uuid[]',
      [projectId, ids],
    );
    return new Set(rows.map((row) => row.id).filter((id) => ids.includes(id)));
  }
}

function isTextEdit(change: unknown): change is {
  kind: 'text.edit';
  // Shape only: the domain validates the kind, field and ops when it applies the edit.
  target: TextTarget;
  ops: TextOp[];
} {
  const candidate = change as {
    kind?: unknown;
    target?: { itemKind?: unknown; id?: unknown; field?: unknown };
    ops?: unknown;
  } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.kind === 'text.edit' &&
    typeof candidate.target?.itemKind === 'string' &&
    isUuid(candidate.target.id) &&
    typeof candidate.target.field === 'string' &&
    Array.isArray(candidate.ops)
  );
}

/** The base rev a client sent, or the current rev when it sent none. */
function checkBaseRev(baseRev: unknown, rev: number): number {
  if (baseRev === undefined || baseRev === null) return rev;
  if (
    typeof baseRev !== 'number' ||
    !Number.isSafeInteger(baseRev) ||
    baseRev < 0 ||
    baseRev > rev
  ) {
    throw new ProblemException(
      422,
      'validation_failed',
      'The base rev is not one this project has had',
      `baseRev must be a whole number from 0 to the project's rev (${rev}).`,
      [
        {
          field: 'baseRev',
          message: `must be a whole number from 0 to ${rev}`,
        },
      ],
    );
  }
  return baseRev;
}

function isInModel(model: ProjectModel, id: string): boolean {
  return (
    id in model.objects ||
    id in model.relationships ||
    id in model.roles ||
    id in model.ctas ||
    id in model.attributes
  );
}

/** Whatever refused an undo's change, answered as one conflict that keeps the reasons. */
function undoConflict(rev: number, error: unknown): unknown {
  if (!(error instanceof ProblemException)) return error;
  return new ProblemException(
    409,
    'undo_conflict',
    'This change can no longer be undone',
    `What rev ${rev} changed was changed since (${error.detail ?? error.title}); nothing was written.`,
    error.errors,
  );
}

function toProblem(
  error: DomainError,
  mapField: FieldMapper,
): ProblemException {
  const errors = error.problems.map((problem: Problem) => ({
    field: mapField(problem.field),
    message: problem.message,
    code: problem.code,
  }));
  switch (error.code) {
    case 'item_deleted':
      return new ProblemException(
        409,
        'item_deleted',
        'Someone deleted this item',
        error.problems[0]?.message,
        errors,
      );
    case 'not_found':
      return new ProblemException(
        404,
        'item_not_found',
        'No such item in this project',
        error.problems[0]?.message,
        errors,
      );
    default:
      return new ProblemException(
        422,
        'validation_failed',
        'The change breaks a rule of the model',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
  }
}

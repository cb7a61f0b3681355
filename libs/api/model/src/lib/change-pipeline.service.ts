import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, ProblemException } from '@orca/api/core';
import {
  applyChange,
  type Change,
  type ChangeEffect,
  DomainError,
  isId,
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
  /** The revision the client based the change on (used to transform text edits). */
  baseRev?: number;
  change: unknown;
}

export interface CommittedChange {
  projectId: string;
  rev: number;
  actorId: string;
  clientId: string;
  mutationId: string;
  change: Change;
  effects: readonly ChangeEffect[];
  createdAt: string;
}

export interface SubmitResult {
  rev: number;
  /** False for a change the model already held (an echo, a repeated delete): nothing was written. */
  changed: boolean;
  /** True when this mutation was committed before (a retry): `rev` is the one it got then. */
  duplicate: boolean;
  effects: readonly ChangeEffect[];
  model: ProjectModel;
}

/** Maps a domain field path (`object.name`) to what the caller sent (`name` for REST bodies). */
export type FieldMapper = (field: string) => string;

interface CachedModel {
  rev: number;
  model: ProjectModel;
}

const MODEL_CACHE_SIZE = 200;

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ModelStore,
  ) {}

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
    const committed: CommittedChange[] = [];
    const { results, rev, model } = await this.dataSource.transaction(
      async (manager) => {
        let rev = await this.lockProject(manager, projectId);
        let model = await this.modelAt(manager, projectId, rev);
        const results: SubmitResult[] = [];
        for (const [index, submission] of submissions.entries()) {
          const fieldOf: FieldMapper =
            submissions.length > 1
              ? (field) => `${index}.${mapField(field)}`
              : mapField;
          const outcome = await this.applyOne(
            manager,
            { ...submission, projectId },
            rev,
            model,
            fieldOf,
          );
          if (outcome.committed) {
            committed.push(outcome.committed);
            rev = outcome.committed.rev;
            model = outcome.result.model;
          }
          results.push(outcome.result);
        }
        return { results, rev, model };
      },
    );
    this.remember(projectId, rev, model);
    for (const change of committed) this.committed$.next(change);
    return results;
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
          model,
        },
      };
    }
    const deletedIds = await this.deletedTargets(
      manager,
      submission.projectId,
      model,
      submission.change,
    );
    let applied;
    try {
      applied = applyChange(model, submission.change as Change, { deletedIds });
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
    const change = submission.change as Change;
    const removedIds = applied.effects.flatMap((effect) =>
      effect.kind === 'removed' ? [effect.removed.item.id] : [],
    );
    const [row]: Array<{ created_at: Date }> = await manager.query(
      `INSERT INTO changes (project_id, rev, actor_id, client_id, mutation_id, kind, change, effects, removed_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::uuid[]) RETURNING created_at`,
      [
        submission.projectId,
        nextRev,
        submission.actorId,
        submission.clientId,
        submission.mutationId,
        change.kind,
        JSON.stringify(change),
        JSON.stringify(applied.effects),
        removedIds,
      ],
    );
    await manager.query(
      'UPDATE projects SET rev = $2, updated_at = now() WHERE id = $1',
      [submission.projectId, nextRev],
    );
    return {
      result: {
        rev: nextRev,
        changed: true,
        duplicate: false,
        effects: applied.effects,
        model: applied.model,
      },
      committed: {
        projectId: submission.projectId,
        rev: nextRev,
        actorId: submission.actorId,
        clientId: submission.clientId,
        mutationId: submission.mutationId,
        change,
        effects: applied.effects,
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
      (id): id is string => isId(id) && !isInModel(model, id),
    );
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT DISTINCT unnest(removed_ids)::text AS id FROM changes WHERE project_id = $1 AND removed_ids && $2::uuid[]',
      [projectId, ids],
    );
    return new Set(rows.map((row) => row.id).filter((id) => ids.includes(id)));
  }
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

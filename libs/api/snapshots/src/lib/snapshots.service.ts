import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, ProblemException } from '@orca/api/core';
import { ChangePipeline } from '@orca/api/model';
import {
  type ProjectDto,
  ProjectEntity,
  ProjectMemberEntity,
  ProjectsService,
} from '@orca/api/projects';
import {
  diffModels,
  isUuid,
  type ModelDiff,
  type ProjectModel,
  withFreshIds,
} from '@orca/shared/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type {
  CreateSnapshotDto,
  DiffSideDto,
  SnapshotDto,
} from './dto/snapshots.dto';
import { SnapshotEntity } from './entities/snapshot.entity';

/** The literal that names the project's current model in a diff. */
export const CURRENT = 'current';

const PROJECT_NAME_MAX_LENGTH = 120;

interface SnapshotRow {
  id: string;
  project_id: string;
  name: string;
  description: string;
  rev: string;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  objects: number;
  relationships: number;
  roles: number;
  ctas: number;
  attributes: number;
}

const count = (collection: string) =>
  `(SELECT count(*) FROM jsonb_object_keys(s.model->'${collection}'))::int AS ${collection}`;

const SNAPSHOT_SELECT = `
  SELECT s.id, s.project_id, s.name, s.description, s.rev, s.author_id, u.display_name AS author_name,
         s.created_at, ${['objects', 'relationships', 'roles', 'ctas', 'attributes'].map(count).join(', ')}
  FROM snapshots s LEFT JOIN users u ON u.id = s.author_id`;

/**
 * Snapshots: named, immutable copies of a project's model at a rev, compared with each other or
 * with now, and restored as new projects (never over the project they came from).
 */
@Injectable()
export class SnapshotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: ChangePipeline,
    private readonly projects: ProjectsService,
  ) {}

  async list(projectId: string): Promise<SnapshotDto[]> {
    const rows: SnapshotRow[] = await this.dataSource.query(
      `${SNAPSHOT_SELECT} WHERE s.project_id = $1 ORDER BY s.created_at DESC, s.id`,
      [projectId],
    );
    return rows.map(toSnapshotDto);
  }

  /** Copies the model as it is now, at the rev it was read at. */
  async create(
    projectId: string,
    authorId: string,
    input: CreateSnapshotDto,
  ): Promise<SnapshotDto> {
    const { rev, model } = await this.pipeline.read(projectId);
    const saved = await this.dataSource.getRepository(SnapshotEntity).save({
      projectId,
      name: input.name,
      description: input.description ?? '',
      rev,
      model,
      authorId,
    });
    return this.summary(projectId, saved.id);
  }

  async get(
    projectId: string,
    snapshotId: string,
  ): Promise<SnapshotDto & { model: ProjectModel }> {
    const summary = await this.summary(projectId, snapshotId);
    return { ...summary, model: await this.modelOf(projectId, snapshotId) };
  }

  /** What differs from `a` to `b`, each a snapshot id or `current`. */
  async diff(
    projectId: string,
    a: string,
    b: string,
  ): Promise<{ a: DiffSideDto; b: DiffSideDto } & ModelDiff> {
    const [from, to] = [
      await this.side(projectId, a, 'a'),
      await this.side(projectId, b, 'b'),
    ];
    return {
      a: from.side,
      b: to.side,
      ...diffModels(from.model, to.model),
    };
  }

  /** A new project holding the snapshot's model (under new ids), with the caller as facilitator. */
  async restore(
    projectId: string,
    snapshotId: string,
    userId: string,
    name?: string,
  ): Promise<ProjectDto> {
    const snapshot = await this.summary(projectId, snapshotId);
    const { model } = withFreshIds(
      await this.modelOf(projectId, snapshotId),
      randomUUID,
    );
    const [source]: Array<{ name: string; description: string }> =
      await this.dataSource.query(
        'SELECT name, description FROM projects WHERE id = $1',
        [projectId],
      );
    const newProjectId = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ProjectEntity, {
          name:
            name ??
            truncate(
              `${source?.name ?? 'Project'} (restored ${snapshot.name})`,
              PROJECT_NAME_MAX_LENGTH,
            ),
          description: source?.description ?? '',
          createdBy: userId,
        }),
      );
      await manager.insert(ProjectMemberEntity, {
        projectId: created.id,
        userId,
        role: 'facilitator',
      });
      await this.pipeline.seed(manager, created.id, userId, model, {
        ...snapshot.counts,
        restoredFrom: {
          projectId,
          snapshotId,
          snapshotName: snapshot.name,
          rev: snapshot.rev,
        },
      });
      return created.id;
    });
    return this.projects.get(newProjectId, userId);
  }

  private async summary(
    projectId: string,
    snapshotId: string,
  ): Promise<SnapshotDto> {
    const [row]: SnapshotRow[] = await this.dataSource.query(
      `${SNAPSHOT_SELECT} WHERE s.project_id = $1 AND s.id = $2`,
      [projectId, snapshotId],
    );
    if (!row) throw notFound('snapshot_not_found', 'Snapshot');
    return toSnapshotDto(row);
  }

  private async modelOf(
    projectId: string,
    snapshotId: string,
  ): Promise<ProjectModel> {
    const [row]: Array<{ model: ProjectModel }> = await this.dataSource.query(
      'SELECT model FROM snapshots WHERE project_id = $1 AND id = $2',
      [projectId, snapshotId],
    );
    if (!row) throw notFound('snapshot_not_found', 'Snapshot');
    return row.model;
  }

  private async side(
    projectId: string,
    ref: string,
    field: string,
  ): Promise<{ side: DiffSideDto; model: ProjectModel }> {
    if (ref === CURRENT) {
      const { rev, model } = await this.pipeline.read(projectId);
      return { side: { snapshotId: null, name: CURRENT, rev }, model };
    }
    const [row]: Array<{ name: string; rev: string; model: ProjectModel }> =
      isUuid(ref)
        ? await this.dataSource.query(
            'SELECT name, rev, model FROM snapshots WHERE project_id = $1 AND id = $2',
            [projectId, ref],
          )
        : [];
    if (!row) throw badSnapshotRef(field);
    return {
      side: { snapshotId: ref, name: row.name, rev: Number(row.rev) },
      model: row.model,
    };
  }
}

function toSnapshotDto(row: SnapshotRow): SnapshotDto {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    rev: Number(row.rev),
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: new Date(row.created_at).toISOString(),
    counts: {
      objects: row.objects,
      relationships: row.relationships,
      roles: row.roles,
      ctas: row.ctas,
      attributes: row.attributes,
    },
  };
}

/** At most `max` characters (code points, as PostgreSQL counts them). */
function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max
    ? text
    : `${characters.slice(0, max - 1).join('')}…`;
}

/** A diff side that is neither a snapshot of this project nor `current`. */
function badSnapshotRef(field: string): ProblemException {
  return new ProblemException(
    404,
    'snapshot_not_found',
    'Snapshot not found',
    `${field} must be a snapshot id of this project or "${CURRENT}".`,
    [{ field, message: `must be a snapshot id or "${CURRENT}"` }],
  );
}

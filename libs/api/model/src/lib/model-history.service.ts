import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

interface ChangeLogRow {
  rev: string;
  kind: string;
  change: Record<string, unknown>;
  effects: unknown[];
  inverse: unknown[] | null;
  undoes: string | null;
  undone_by: string | null;
  actor_id: string | null;
  actor_name: string | null;
  client_id: string;
  mutation_id: string;
  created_at: Date;
}

/** Which part of the log to read; every filter is optional and they combine. */
export interface HistoryFilter {
  /** Only changes that touched this item: its own changes, and deletes that took it along. */
  itemId?: string;
  /** Only changes made by this person. */
  actorId?: string;
  /** Only changes below this rev (paging back through the log). */
  beforeRev?: number;
  /** `desc`: newest first, for an activity feed. Default `asc`, for resync. */
  order?: 'asc' | 'desc';
}

/**
 * Where an item id can appear in a logged change: its target, a create's item, a bulk priority
 * change's items, what a delete removed, and references the delete cleared.
 */
const TOUCHES_ITEM = (param: string) => `(
  c.change->>'id' = ${param}::text
  OR c.change->'target'->>'id' = ${param}
  OR c.change->split_part(c.kind, '.', 1)->>'id' = ${param}
  OR c.change->'items' @> jsonb_build_array(jsonb_build_object('id', ${param}::text))
  OR ${param}::text::uuid = ANY(c.removed_ids)
  OR c.effects @> jsonb_build_array(jsonb_build_object('attributeId', ${param}::text))
  OR c.effects @> jsonb_build_array(jsonb_build_object('ctaId', ${param}::text))
)`;

/** Reads the `changes` log: the activity feed, the history and the source of resync. */
@Injectable()
export class ModelHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(
    projectId: string,
    sinceRev: number,
    limit: number,
    filter: HistoryFilter = {},
  ) {
    const [project]: Array<{ rev: string }> = await this.dataSource.query(
      'SELECT rev FROM projects WHERE id = $1',
      [projectId],
    );
    const params: unknown[] = [projectId, sinceRev];
    const where = ['c.project_id = $1', 'c.rev > $2'];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.itemId !== undefined)
      where.push(TOUCHES_ITEM(bind(filter.itemId)));
    if (filter.actorId !== undefined)
      where.push(`c.actor_id = ${bind(filter.actorId)}`);
    if (filter.beforeRev !== undefined)
      where.push(`c.rev < ${bind(filter.beforeRev)}`);
    const rows: ChangeLogRow[] = await this.dataSource.query(
      `SELECT c.rev, c.kind, c.change, c.effects, c.inverse, c.undoes,
              (SELECT min(undo.rev) FROM changes undo WHERE undo.project_id = c.project_id AND undo.undoes = c.rev) AS undone_by,
              c.actor_id, u.display_name AS actor_name, c.client_id, c.mutation_id, c.created_at
       FROM changes c LEFT JOIN users u ON u.id = c.actor_id
       WHERE ${where.join(' AND ')}
       ORDER BY c.rev ${filter.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ${bind(limit + 1)}`,
      params,
    );
    return {
      rev: Number(project?.rev ?? 0),
      hasMore: rows.length > limit,
      changes: rows.slice(0, limit).map((row) => ({
        rev: Number(row.rev),
        kind: row.kind,
        change: row.change,
        effects: row.effects,
        inverse: row.inverse,
        undoes: row.undoes === null ? null : Number(row.undoes),
        undoneBy: row.undone_by === null ? null : Number(row.undone_by),
        actorId: row.actor_id,
        actorName: row.actor_name,
        clientId: row.client_id,
        mutationId: row.mutation_id,
        createdAt: new Date(row.created_at).toISOString(),
      })),
    };
  }
}

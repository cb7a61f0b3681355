import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

interface ChangeLogRow {
  rev: string;
  kind: string;
  change: Record<string, unknown>;
  effects: unknown[];
  actor_id: string | null;
  actor_name: string | null;
  client_id: string;
  mutation_id: string;
  created_at: Date;
}

/** Reads the `changes` log: the activity feed, the history and the source of resync. */
@Injectable()
export class ModelHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(projectId: string, sinceRev: number, limit: number) {
    const [project]: Array<{ rev: string }> = await this.dataSource.query(
      'SELECT rev FROM projects WHERE id = $1',
      [projectId],
    );
    const rows: ChangeLogRow[] = await this.dataSource.query(
      `SELECT c.rev, c.kind, c.change, c.effects, c.actor_id, u.display_name AS actor_name, c.client_id, c.mutation_id, c.created_at
       FROM changes c LEFT JOIN users u ON u.id = c.actor_id
       WHERE c.project_id = $1 AND c.rev > $2 ORDER BY c.rev LIMIT $3`,
      [projectId, sinceRev, limit + 1],
    );
    return {
      rev: Number(project?.rev ?? 0),
      hasMore: rows.length > limit,
      changes: rows.slice(0, limit).map((row) => ({
        rev: Number(row.rev),
        kind: row.kind,
        change: row.change,
        effects: row.effects,
        actorId: row.actor_id,
        actorName: row.actor_name,
        clientId: row.client_id,
        mutationId: row.mutation_id,
        createdAt: new Date(row.created_at).toISOString(),
      })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import type {
  Attribute,
  Cta,
  Id,
  ItemKind,
  OrcaObject,
  ProjectModel,
  Relationship,
  Role,
} from '@orca/shared/domain';

type AnyItem = OrcaObject | Relationship | Role | Cta | Attribute;
import type { EntityManager } from 'typeorm';

interface TableSpec {
  table: string;
  /** Reference columns besides id/project_id, read from the item. */
  columns: Array<[column: string, field: string]>;
}

const TABLES: Record<ItemKind, TableSpec> = {
  object: { table: 'model_objects', columns: [] },
  role: { table: 'model_roles', columns: [] },
  relationship: {
    table: 'model_relationships',
    columns: [
      ['from_object_id', 'fromObjectId'],
      ['to_object_id', 'toObjectId'],
    ],
  },
  attribute: {
    table: 'model_attributes',
    columns: [['object_id', 'objectId']],
  },
  cta: {
    table: 'model_ctas',
    columns: [
      ['role_id', 'roleId'],
      ['object_id', 'objectId'],
    ],
  },
};

const COLLECTION: Record<ItemKind, keyof ProjectModel> = {
  object: 'objects',
  role: 'roles',
  relationship: 'relationships',
  attribute: 'attributes',
  cta: 'ctas',
};

/** Parents before children for writes; children before parents for deletes. */
const WRITE_ORDER: ItemKind[] = [
  'object',
  'role',
  'relationship',
  'attribute',
  'cta',
];
const DELETE_ORDER: ItemKind[] = [...WRITE_ORDER].reverse();
const BATCH = 500;

/**
 * Reads a project's model from its tables and writes back exactly what a change touched. The
 * domain's applyChange shares unchanged items between the old and the new model, so an item
 * whose reference differs was written, and a missing id was removed.
 */
@Injectable()
export class ModelStore {
  async load(manager: EntityManager, projectId: string): Promise<ProjectModel> {
    const model: Record<keyof ProjectModel, Record<Id, AnyItem>> = {
      objects: {},
      relationships: {},
      roles: {},
      ctas: {},
      attributes: {},
    };
    for (const kind of WRITE_ORDER) {
      const rows: Array<{ data: AnyItem }> = await manager.query(
        `SELECT data FROM ${TABLES[kind].table} WHERE project_id = $1`,
        [projectId],
      );
      const collection = model[COLLECTION[kind]];
      for (const row of rows) collection[row.data.id] = row.data;
    }
    return model as unknown as ProjectModel;
  }

  async persist(
    manager: EntityManager,
    projectId: string,
    before: ProjectModel,
    after: ProjectModel,
  ): Promise<void> {
    for (const kind of DELETE_ORDER) {
      const previous = before[COLLECTION[kind]] as unknown as Record<
        Id,
        AnyItem
      >;
      const next = after[COLLECTION[kind]] as unknown as Record<Id, AnyItem>;
      const removed = Object.keys(previous).filter((id) => !(id in next));
      for (let start = 0; start < removed.length; start += BATCH) {
        await manager.query(
          `DELETE FROM ${TABLES[kind].table} WHERE id = ANY($1::uuid[])`,
          [removed.slice(start, start + BATCH)],
        );
      }
    }
    for (const kind of WRITE_ORDER) {
      const previous = before[COLLECTION[kind]] as unknown as Record<
        Id,
        AnyItem
      >;
      const next = after[COLLECTION[kind]] as unknown as Record<Id, AnyItem>;
      const written = Object.values(next).filter(
        (item) => previous[item.id] !== item,
      );
      for (let start = 0; start < written.length; start += BATCH) {
        await this.upsert(
          manager,
          projectId,
          kind,
          written.slice(start, start + BATCH),
        );
      }
    }
  }

  /** Writes a whole model into an empty project (import, restore). */
  insertAll(
    manager: EntityManager,
    projectId: string,
    model: ProjectModel,
  ): Promise<void> {
    const empty: ProjectModel = {
      objects: {},
      relationships: {},
      roles: {},
      ctas: {},
      attributes: {},
    };
    return this.persist(manager, projectId, empty, model);
  }

  private async upsert(
    manager: EntityManager,
    projectId: string,
    kind: ItemKind,
    items: AnyItem[],
  ): Promise<void> {
    const { table, columns } = TABLES[kind];
    const names = [
      'id',
      'project_id',
      ...columns.map(([column]) => column),
      'data',
    ];
    const width = names.length;
    const params: unknown[] = [];
    const tuples = items.map((item, row) => {
      const record = item as unknown as Record<string, unknown>;
      params.push(
        item.id,
        projectId,
        ...columns.map(([, field]) => record[field]),
        JSON.stringify(item),
      );
      const placeholders = names.map(
        (_, column) =>
          `$${row * width + column + 1}${column === width - 1 ? '::jsonb' : ''}`,
      );
      return `(${placeholders.join(', ')})`;
    });
    const updates = names
      .slice(2)
      .map((name) => `"${name}" = EXCLUDED."${name}"`)
      .join(', ');
    // An id already used by another project is never taken over: that row is not updated, and
    // the shortfall in RETURNING is reported as a conflict.
    const written: Array<{ id: string }> = await manager.query(
      `INSERT INTO ${table} (${names.map((name) => `"${name}"`).join(', ')}) VALUES ${tuples.join(', ')} ` +
        `ON CONFLICT ("id") DO UPDATE SET ${updates} WHERE ${table}.project_id = EXCLUDED.project_id RETURNING id`,
      params,
    );
    if (written.length !== items.length) {
      const ok = new Set(written.map((row) => row.id));
      throw new IdTakenError(
        items.filter((item) => !ok.has(item.id)).map((item) => item.id),
      );
    }
  }
}

/** A client-chosen id that another project already uses. */
export class IdTakenError extends Error {
  constructor(readonly ids: string[]) {
    super(`These ids are already in use: ${ids.join(', ')}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ORCA model: one table per item kind. Keys and references are columns (so PostgreSQL keeps
 * them consistent and cascades deletes); the rest of each item is the shared domain's JSON in
 * `data`. The `changes` table is the ordered log of every committed change of a project.
 */
export class ModelSchema1764140000000 implements MigrationInterface {
  name = 'ModelSchema1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "model_objects" (
        "id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_model_objects" PRIMARY KEY ("id"),
        CONSTRAINT "fk_model_objects_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_model_objects_project" ON "model_objects" ("project_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "model_roles" (
        "id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_model_roles" PRIMARY KEY ("id"),
        CONSTRAINT "fk_model_roles_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_model_roles_project" ON "model_roles" ("project_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "model_relationships" (
        "id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "from_object_id" uuid NOT NULL,
        "to_object_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_model_relationships" PRIMARY KEY ("id"),
        CONSTRAINT "uq_model_relationships_cell" UNIQUE ("from_object_id", "to_object_id"),
        CONSTRAINT "fk_model_relationships_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_relationships_from" FOREIGN KEY ("from_object_id") REFERENCES "model_objects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_relationships_to" FOREIGN KEY ("to_object_id") REFERENCES "model_objects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_model_relationships_project" ON "model_relationships" ("project_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "model_attributes" (
        "id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "object_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_model_attributes" PRIMARY KEY ("id"),
        CONSTRAINT "fk_model_attributes_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_attributes_object" FOREIGN KEY ("object_id") REFERENCES "model_objects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_model_attributes_project" ON "model_attributes" ("project_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "model_ctas" (
        "id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "object_id" uuid NOT NULL,
        "data" jsonb NOT NULL,
        CONSTRAINT "pk_model_ctas" PRIMARY KEY ("id"),
        CONSTRAINT "fk_model_ctas_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_ctas_role" FOREIGN KEY ("role_id") REFERENCES "model_roles"("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT "fk_model_ctas_object" FOREIGN KEY ("object_id") REFERENCES "model_objects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_model_ctas_project" ON "model_ctas" ("project_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "changes" (
        "project_id" uuid NOT NULL,
        "rev" bigint NOT NULL,
        "actor_id" uuid,
        "client_id" character varying(64) NOT NULL,
        "mutation_id" character varying(64) NOT NULL,
        "kind" character varying(32) NOT NULL,
        "change" jsonb NOT NULL,
        "effects" jsonb NOT NULL DEFAULT '[]',
        "removed_ids" uuid array NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_changes" PRIMARY KEY ("project_id", "rev"),
        CONSTRAINT "uq_changes_mutation" UNIQUE ("project_id", "client_id", "mutation_id"),
        CONSTRAINT "fk_changes_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_changes_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'changes',
      'model_ctas',
      'model_attributes',
      'model_relationships',
      'model_roles',
      'model_objects',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}

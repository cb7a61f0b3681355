import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Named, immutable copies of a project's model at a rev (decision 0018). */
export class Snapshots1764180000000 implements MigrationInterface {
  name = 'Snapshots1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "snapshots" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "name" character varying(120) NOT NULL,
        "description" character varying(2000) NOT NULL DEFAULT '',
        "rev" bigint NOT NULL,
        "model" jsonb NOT NULL,
        "author_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_snapshots" PRIMARY KEY ("id"),
        CONSTRAINT "fk_snapshots_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_snapshots_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_snapshots_project" ON "snapshots" ("project_id", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "snapshots"`);
  }
}

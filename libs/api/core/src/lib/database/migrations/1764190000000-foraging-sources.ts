import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Research text foraged for candidate objects, with what the tagger found in it (decision 0020). */
export class ForagingSources1764190000000 implements MigrationInterface {
  name = 'ForagingSources1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "foraging_sources" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL,
        "name" character varying(120) NOT NULL,
        "format" character varying(16) NOT NULL DEFAULT 'text',
        "text" text NOT NULL,
        "bytes" integer NOT NULL,
        "candidates" jsonb NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_foraging_sources" PRIMARY KEY ("id"),
        CONSTRAINT "ck_foraging_sources_format" CHECK ("format" IN ('text', 'markdown')),
        CONSTRAINT "fk_foraging_sources_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_foraging_sources_creator" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_foraging_sources_project" ON "foraging_sources" ("project_id", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "foraging_sources"`);
  }
}

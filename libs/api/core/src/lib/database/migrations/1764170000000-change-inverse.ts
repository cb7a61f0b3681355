import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Undo (decision 0018): each logged change keeps the changes that revert it (`inverse`), and an
 * undo's changes name the rev they revert (`undoes`).
 */
export class ChangeInverse1764170000000 implements MigrationInterface {
  name = 'ChangeInverse1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "changes" ADD "inverse" jsonb`);
    await queryRunner.query(`ALTER TABLE "changes" ADD "undoes" bigint`);
    await queryRunner.query(
      `CREATE INDEX "ix_changes_undoes" ON "changes" ("project_id", "undoes")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_changes_undoes"`);
    await queryRunner.query(`ALTER TABLE "changes" DROP COLUMN "undoes"`);
    await queryRunner.query(`ALTER TABLE "changes" DROP COLUMN "inverse"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-project switches for the model checks (rules a team has decided do not apply to it). */
export class ProjectCheckSettings1764150000000 implements MigrationInterface {
  name = 'ProjectCheckSettings1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" ADD "disabled_checks" text array NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" DROP COLUMN "disabled_checks"`,
    );
  }
}

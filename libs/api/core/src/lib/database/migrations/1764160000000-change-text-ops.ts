import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text operations each change applied to long-text fields, keyed `<itemKind>:<id>:<field>`:
 * what a later text edit based on an older rev is transformed over (DESIGN §4).
 */
export class ChangeTextOps1764160000000 implements MigrationInterface {
  name = 'ChangeTextOps1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "changes" ADD "text_ops" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "changes" DROP COLUMN "text_ops"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A public id per session, so a person can list and sign out their sessions without the
 * server ever showing the session's key (the SHA-256 of the cookie's secret).
 */
export class AccountSessions1764200000000 implements MigrationInterface {
  name = 'AccountSessions1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD "public_id" uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "uq_sessions_public_id" UNIQUE ("public_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "uq_sessions_public_id"`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "public_id"`);
  }
}

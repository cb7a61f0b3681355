import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { UserEntity } from './user.entity';

/** A signed-in browser. The id is the SHA-256 of the cookie's secret, never the secret itself. */
@Entity({ name: 'sessions' })
@Unique('uq_sessions_public_id', ['publicId'])
export class SessionEntity {
  @PrimaryColumn({
    type: 'char',
    length: 64,
    primaryKeyConstraintName: 'pk_sessions',
  })
  id!: string;

  /** Names the session in the sessions list and in `DELETE /auth/sessions/:id`: not a secret. */
  @Column({ name: 'public_id', type: 'uuid' })
  @Generated('uuid')
  publicId!: string;

  @Index('ix_sessions_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sessions_user' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}

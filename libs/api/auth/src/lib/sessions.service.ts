import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@orca/api/core';
import type { Cache } from 'cache-manager';
import { LessThan, type Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import type { Principal } from './principal';
import { newSecret, sha256Hex } from './secrets';

interface CachedSession {
  userId: string;
  email: string;
  displayName: string;
  expiresAt: number;
}

/** How long a resolved session is trusted from the cache before PostgreSQL is asked again. */
const CACHE_TTL_MS = 30_000;
/** Sliding expiry is written at most this often per session. */
const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * Server-side sessions in PostgreSQL (every replica sees them), looked up through the cache
 * (memory or Redis). The cookie carries a random secret; the table stores only its hash.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity)
    private readonly sessions: Repository<SessionEntity>,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.sessionTtlHours * 3_600_000;
  }

  /** Starts a session and returns the cookie secret. */
  async start(
    user: UserEntity,
    meta: { userAgent?: string; ip?: string },
  ): Promise<string> {
    const secret = newSecret();
    await this.sessions.insert({
      id: sha256Hex(secret),
      userId: user.id,
      expiresAt: new Date(Date.now() + this.ttlMs),
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    });
    // Expired sessions of this person are swept whenever they sign in again.
    await this.sessions.delete({
      userId: user.id,
      expiresAt: LessThan(new Date()),
    });
    return secret;
  }

  async resolve(secret: string): Promise<Principal | null> {
    const id = sha256Hex(secret);
    const key = `session:${id}`;
    const cached = await this.cache.get<CachedSession>(key);
    if (cached && cached.expiresAt > Date.now()) {
      return {
        userId: cached.userId,
        email: cached.email,
        displayName: cached.displayName,
        via: 'session',
        sessionId: id,
      };
    }
    const session = await this.sessions.findOne({
      where: { id },
      relations: { user: true },
    });
    if (!session?.user || session.expiresAt.getTime() <= Date.now()) {
      if (session) await this.sessions.delete({ id });
      return null;
    }
    let expiresAt = session.expiresAt.getTime();
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      expiresAt = Date.now() + this.ttlMs;
      await this.sessions.update(
        { id },
        { lastSeenAt: new Date(), expiresAt: new Date(expiresAt) },
      );
    }
    const value: CachedSession = {
      userId: session.userId,
      email: session.user.email,
      displayName: session.user.displayName,
      expiresAt,
    };
    await this.cache.set(key, value, CACHE_TTL_MS);
    return {
      userId: value.userId,
      email: value.email,
      displayName: value.displayName,
      via: 'session',
      sessionId: id,
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
    await this.cache.del(`session:${sessionId}`);
  }
}

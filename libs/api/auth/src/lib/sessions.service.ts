import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@orca/api/core';
import type { Cache } from 'cache-manager';
import { Subject } from 'rxjs';
import {
  type EntityManager,
  In,
  LessThan,
  MoreThan,
  Not,
  type Repository,
} from 'typeorm';
import type { SessionDto } from './dto/auth.dto';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import type { Principal } from './principal';
import { newSecret, sha256Hex } from './secrets';
import { describeUserAgent } from './user-agent';

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

const cacheKey = (sessionId: string) => `session:${sessionId}`;

/** Sessions that were signed out before they expired (for live connections that rode on them). */
export interface SessionsEnded {
  userId: string;
  /** The internal ids (`Principal.sessionId`), never sent to a client. */
  sessionIds: string[];
}

/**
 * Server-side sessions in PostgreSQL (every replica sees them), looked up through the cache
 * (memory or Redis). The cookie carries a random secret; the table stores only its hash.
 */
@Injectable()
export class SessionsService {
  /** Every sign-out: one session at logout, a person's others at "sign out everywhere" or a new password. */
  readonly ended$ = new Subject<SessionsEnded>();

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
    const key = cacheKey(id);
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
    const deleted = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('id = :sessionId', { sessionId })
      .returning(['user_id'])
      .execute();
    await this.cache.del(cacheKey(sessionId));
    const [row] = (deleted.raw ?? []) as Array<{ user_id: string }>;
    if (row) this.ended$.next({ userId: row.user_id, sessionIds: [sessionId] });
  }

  /** The person's sessions that have not expired: this one first, then the most recently used. */
  async list(userId: string, currentSessionId?: string): Promise<SessionDto[]> {
    const sessions = await this.sessions.find({
      where: { userId, expiresAt: MoreThan(new Date()) },
      order: { lastSeenAt: 'DESC', createdAt: 'DESC' },
    });
    return sessions
      .map((session) => toSessionDto(session, session.id === currentSessionId))
      .sort((a, b) => Number(b.current) - Number(a.current));
  }

  /**
   * Signs out one of the person's sessions, named by its public id. Returns its internal id, or
   * null when the person has no such session (someone else's looks exactly like a missing one).
   */
  async endByPublicId(
    userId: string,
    publicId: string,
  ): Promise<string | null> {
    const session = await this.sessions.findOne({
      where: { userId, publicId },
      select: { id: true },
    });
    if (!session) return null;
    await this.end(session.id);
    return session.id;
  }

  /** Signs out every session of the person except `keepSessionId` (all of them without it). */
  async endAllExcept(userId: string, keepSessionId?: string): Promise<number> {
    const doomed = await this.sessions.find({
      where: keepSessionId ? { userId, id: Not(keepSessionId) } : { userId },
      select: { id: true },
    });
    if (doomed.length === 0) return 0;
    const sessionIds = doomed.map((session) => session.id);
    await this.sessions.delete({ userId, id: In(sessionIds) });
    // Revocation is immediate: no replica may keep trusting a cached copy for its last 30 s.
    await this.cache.mdel(sessionIds.map(cacheKey));
    this.ended$.next({ userId, sessionIds });
    return sessionIds.length;
  }

  /**
   * After a password change, inside its transaction: every other session of the person ends and
   * this one (when there is one) gets a new secret. Nothing is announced or uncached here: call
   * `settleReplaced` once the transaction has committed.
   */
  async replaceAll(
    manager: EntityManager,
    userId: string,
    keepSessionId?: string,
  ): Promise<{ ended: string[]; secret: string | null }> {
    const sessions = manager.getRepository(SessionEntity);
    const doomed = await sessions.find({
      where: keepSessionId ? { userId, id: Not(keepSessionId) } : { userId },
      select: { id: true },
    });
    const ended = doomed.map((session) => session.id);
    if (ended.length > 0) await sessions.delete({ userId, id: In(ended) });
    if (!keepSessionId) return { ended, secret: null };
    const secret = newSecret();
    const rotated = await sessions.update(
      { id: keepSessionId },
      { id: sha256Hex(secret), lastSeenAt: new Date() },
    );
    return { ended, secret: rotated.affected ? secret : null };
  }

  /** What follows a committed `replaceAll`: cached copies dropped, live connections closed. */
  async settleReplaced(
    userId: string,
    ended: string[],
    rotatedSessionId?: string,
  ): Promise<void> {
    const uncached = rotatedSessionId ? [...ended, rotatedSessionId] : ended;
    if (uncached.length > 0) await this.cache.mdel(uncached.map(cacheKey));
    if (ended.length > 0) this.ended$.next({ userId, sessionIds: ended });
  }

  /** Drops the cached copies of the person's sessions, e.g. after their name or email changed. */
  async forgetCached(userId: string): Promise<void> {
    const sessions = await this.sessions.find({
      where: { userId },
      select: { id: true },
    });
    if (sessions.length > 0)
      await this.cache.mdel(sessions.map((session) => cacheKey(session.id)));
  }
}

function toSessionDto(session: SessionEntity, current: boolean): SessionDto {
  return {
    id: session.publicId,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    device: describeUserAgent(session.userAgent),
    userAgent: session.userAgent,
    ip: session.ip,
    current,
  };
}

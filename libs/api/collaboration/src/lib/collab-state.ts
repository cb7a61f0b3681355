import type { RedisConnection } from '@orca/api/core';
import {
  LOCK_IDLE_MS,
  type LockInfo,
  type LockResponse,
  lockKey,
  PRESENCE_IDLE_MS,
  type PresenceFocus,
  type PresenceMember,
} from '@orca/shared/contracts';

/** Readable on white and on the OOUX colours; one per person, stable for a user id. */
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#ff7f0e',
  '#393b79',
];

export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}

/**
 * An instance refreshes its sockets' presence this often; an entry not refreshed for
 * `STALE_AFTER_MS` belonged to an instance that died, and is ignored.
 */
export const HEARTBEAT_MS = 30_000;
const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

/** Hashes shared by every api instance (Redis), or private to one (memory), with a TTL per hash. */
export interface SharedHashes {
  put(key: string, field: string, value: string, ttlMs: number): Promise<void>;
  remove(key: string, fields: readonly string[]): Promise<void>;
  entries(key: string): Promise<Record<string, string>>;
  /**
   * Sets `field` to `value` unless it holds a lock of another user that has not expired at `now`;
   * answers that lock (JSON) when it is kept, else null. Atomic.
   */
  claim(
    key: string,
    field: string,
    value: string,
    ttlMs: number,
    userId: string,
    now: number,
  ): Promise<string | null>;
}

interface StoredLock extends LockInfo {
  socketId: string;
  expiresAtMs: number;
}

interface PresenceEntry {
  userId: string;
  displayName: string;
  color: string;
  focus: PresenceFocus | null;
  /** Last activity of the person (join, focus, change, lock): idle after 15 minutes. */
  lastActive: number;
  /** Last heartbeat of the instance holding the socket. */
  seenAt: number;
}

const presenceKey = (projectId: string) => `orca:presence:${projectId}`;
const locksKey = (projectId: string) => `orca:locks:${projectId}`;
/** Hashes outlive their entries a little, so an abandoned project's keys go away by themselves. */
const PRESENCE_TTL_MS = PRESENCE_IDLE_MS + STALE_AFTER_MS;
const LOCKS_TTL_MS = LOCK_IDLE_MS + STALE_AFTER_MS;

export interface Person {
  userId: string;
  displayName: string;
}

/**
 * Presence and soft locks (DESIGN §4, §5), shared by every api instance when Redis is configured.
 * Each instance keeps the entries of its own sockets and refreshes them with `heartbeat()`;
 * entries of an instance that stopped go stale, a person idle for 15 minutes drops out, a lock
 * not renewed for 5 minutes expires.
 */
export class CollabState {
  /** This instance's sockets: projectId → socketId → entry. */
  private readonly local = new Map<string, Map<string, PresenceEntry>>();

  constructor(
    private readonly hashes: SharedHashes,
    private readonly clock: () => number = Date.now,
  ) {}

  async join(
    projectId: string,
    socketId: string,
    person: Person,
  ): Promise<void> {
    const now = this.clock();
    const entry: PresenceEntry = {
      ...person,
      color: colorFor(person.userId),
      focus: null,
      lastActive: now,
      seenAt: now,
    };
    const sockets =
      this.local.get(projectId) ?? new Map<string, PresenceEntry>();
    sockets.set(socketId, entry);
    this.local.set(projectId, sockets);
    await this.save(projectId, socketId, entry);
  }

  /** Records activity (and a new focus, when given). False when the socket is not in the project. */
  async touch(
    projectId: string,
    socketId: string,
    focus?: PresenceFocus | null,
  ): Promise<boolean> {
    const entry = this.local.get(projectId)?.get(socketId);
    if (!entry) return false;
    const now = this.clock();
    // Plain activity (a change) is written at most once a minute: idleness is counted in minutes.
    const quiet = focus === undefined && now - entry.lastActive < 60_000;
    entry.lastActive = now;
    if (focus !== undefined) entry.focus = focus;
    if (quiet) return true;
    entry.seenAt = now;
    await this.save(projectId, socketId, entry);
    return true;
  }

  /** Takes a socket out of a project, releasing its locks. Says what changed. */
  async leave(
    projectId: string,
    socketId: string,
  ): Promise<{ left: boolean; locksReleased: boolean }> {
    const sockets = this.local.get(projectId);
    const left = sockets?.delete(socketId) ?? false;
    if (sockets?.size === 0) this.local.delete(projectId);
    if (left) await this.hashes.remove(presenceKey(projectId), [socketId]);
    const locks = await this.storedLocks(projectId);
    const mine = locks.filter((lock) => lock.socketId === socketId);
    if (mine.length > 0)
      await this.hashes.remove(
        locksKey(projectId),
        mine.map((lock) => lock.key),
      );
    return { left, locksReleased: mine.length > 0 };
  }

  /** The projects a socket of this instance is in (for disconnects). */
  projectsOf(socketId: string): string[] {
    return [...this.local.entries()]
      .filter(([, sockets]) => sockets.has(socketId))
      .map(([projectId]) => projectId);
  }

  /** Projects with sockets on this instance. */
  localProjects(): string[] {
    return [...this.local.keys()];
  }

  /** Who is in the project, on any instance: one entry per person, their latest focus. */
  async members(projectId: string): Promise<PresenceMember[]> {
    const now = this.clock();
    const stored = await this.hashes.entries(presenceKey(projectId));
    const byUser = new Map<string, PresenceEntry>();
    const gone: string[] = [];
    for (const [socketId, json] of Object.entries(stored)) {
      const entry = parse<PresenceEntry>(json);
      if (
        !entry ||
        now - entry.seenAt > STALE_AFTER_MS ||
        now - entry.lastActive > PRESENCE_IDLE_MS
      ) {
        gone.push(socketId);
        continue;
      }
      const current = byUser.get(entry.userId);
      if (!current || entry.lastActive > current.lastActive)
        byUser.set(entry.userId, entry);
    }
    // Stale entries of a stopped instance are cleared by whoever sees them; idle ones stay (a
    // focus or change brings the person back) but are not shown.
    const stale = gone.filter((socketId) => {
      const entry = parse<PresenceEntry>(stored[socketId] ?? '');
      return !entry || now - entry.seenAt > STALE_AFTER_MS;
    });
    if (stale.length > 0)
      await this.hashes.remove(presenceKey(projectId), stale);
    return [...byUser.values()]
      .map(({ userId, displayName, color, focus }) => ({
        userId,
        displayName,
        color,
        focus,
      }))
      .sort(
        (a, b) =>
          a.displayName.localeCompare(b.displayName) ||
          a.userId.localeCompare(b.userId),
      );
  }

  /**
   * Refreshes this instance's entries, so other instances do not take them for stale, and drops
   * the ones `stillIn` denies (a socket taken out of a room by another instance).
   */
  async heartbeat(
    stillIn: (projectId: string, socketId: string) => boolean = () => true,
  ): Promise<void> {
    const now = this.clock();
    for (const [projectId, sockets] of [...this.local]) {
      for (const [socketId, entry] of [...sockets]) {
        if (!stillIn(projectId, socketId)) {
          await this.leave(projectId, socketId);
          continue;
        }
        entry.seenAt = now;
        await this.save(projectId, socketId, entry);
      }
    }
  }

  /**
   * Takes (or renews) a soft lock. Another person's live lock is kept and named; the same person
   * (another tab too) takes it over.
   */
  async acquire(
    projectId: string,
    socketId: string,
    target: PresenceFocus,
    holder: Person,
  ): Promise<LockResponse> {
    const now = this.clock();
    const key = lockKey(target);
    const lock: StoredLock = {
      target,
      key,
      holder: { ...holder, color: colorFor(holder.userId) },
      acquiredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + LOCK_IDLE_MS).toISOString(),
      socketId,
      expiresAtMs: now + LOCK_IDLE_MS,
    };
    const kept = await this.hashes.claim(
      locksKey(projectId),
      key,
      JSON.stringify(lock),
      LOCKS_TTL_MS,
      holder.userId,
      now,
    );
    const current = kept ? parse<StoredLock>(kept) : null;
    if (current) return { ok: false, holder: current.holder };
    await this.touch(projectId, socketId);
    return { ok: true, lock: toInfo(lock) };
  }

  /** Releases a lock the person holds. False when they did not hold it. */
  async release(
    projectId: string,
    target: PresenceFocus,
    userId: string,
  ): Promise<boolean> {
    const key = lockKey(target);
    const current = (await this.storedLocks(projectId)).find(
      (lock) => lock.key === key,
    );
    if (!current || current.holder.userId !== userId) return false;
    await this.hashes.remove(locksKey(projectId), [key]);
    return true;
  }

  /** The live locks of a project, oldest first; expired ones are cleared on the way. */
  async locks(projectId: string): Promise<LockInfo[]> {
    return (await this.storedLocks(projectId))
      .sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt))
      .map(toInfo);
  }

  /** Clears expired locks; true when there were any (the room should hear of it). */
  async expireLocks(projectId: string): Promise<boolean> {
    const now = this.clock();
    const stored = await this.hashes.entries(locksKey(projectId));
    const expired = Object.entries(stored)
      .filter(([, json]) => {
        const lock = parse<StoredLock>(json);
        return !lock || lock.expiresAtMs <= now;
      })
      .map(([key]) => key);
    if (expired.length > 0)
      await this.hashes.remove(locksKey(projectId), expired);
    return expired.length > 0;
  }

  private async storedLocks(projectId: string): Promise<StoredLock[]> {
    const now = this.clock();
    const stored = await this.hashes.entries(locksKey(projectId));
    return Object.values(stored)
      .map((json) => parse<StoredLock>(json))
      .filter((lock): lock is StoredLock => !!lock && lock.expiresAtMs > now);
  }

  private save(
    projectId: string,
    socketId: string,
    entry: PresenceEntry,
  ): Promise<void> {
    return this.hashes.put(
      presenceKey(projectId),
      socketId,
      JSON.stringify(entry),
      PRESENCE_TTL_MS,
    );
  }
}

function toInfo(lock: StoredLock): LockInfo {
  return {
    target: lock.target,
    key: lock.key,
    holder: lock.holder,
    acquiredAt: lock.acquiredAt,
    expiresAt: lock.expiresAt,
  };
}

function parse<T>(json: string): T | null {
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/** One instance: everything in this process. */
export class MemoryHashes implements SharedHashes {
  private readonly hashes = new Map<
    string,
    { fields: Map<string, string>; expiresAt: number }
  >();

  constructor(private readonly clock: () => number = Date.now) {}

  async put(key: string, field: string, value: string, ttlMs: number) {
    const hash = this.live(key) ?? { fields: new Map(), expiresAt: 0 };
    hash.fields.set(field, value);
    hash.expiresAt = this.clock() + ttlMs;
    this.hashes.set(key, hash);
  }

  async remove(key: string, fields: readonly string[]) {
    const hash = this.live(key);
    if (!hash) return;
    for (const field of fields) hash.fields.delete(field);
    if (hash.fields.size === 0) this.hashes.delete(key);
  }

  async entries(key: string) {
    return Object.fromEntries(this.live(key)?.fields ?? []);
  }

  async claim(
    key: string,
    field: string,
    value: string,
    ttlMs: number,
    userId: string,
    now: number,
  ) {
    const current = this.live(key)?.fields.get(field);
    const lock = current ? parse<StoredLock>(current) : null;
    if (
      current &&
      lock &&
      lock.holder.userId !== userId &&
      lock.expiresAtMs > now
    )
      return current;
    await this.put(key, field, value, ttlMs);
    return null;
  }

  private live(key: string) {
    const hash = this.hashes.get(key);
    if (hash && hash.expiresAt <= this.clock()) {
      this.hashes.delete(key);
      return undefined;
    }
    return hash;
  }
}

/** Kept unless held by another user and not yet expired; else set. Atomic in Redis. */
const CLAIM_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local ok, lock = pcall(cjson.decode, current)
  if ok and lock.holder and lock.holder.userId ~= ARGV[3] and tonumber(lock.expiresAtMs) > tonumber(ARGV[4]) then
    return current
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return false
`;

/** Every instance: hashes in Redis. */
export class RedisHashes implements SharedHashes {
  constructor(private readonly redis: RedisConnection) {}

  async put(key: string, field: string, value: string, ttlMs: number) {
    await this.redis.multi().hSet(key, field, value).pExpire(key, ttlMs).exec();
  }

  async remove(key: string, fields: readonly string[]) {
    if (fields.length > 0) await this.redis.hDel(key, [...fields]);
  }

  async entries(key: string) {
    return (await this.redis.hGetAll(key)) as Record<string, string>;
  }

  async claim(
    key: string,
    field: string,
    value: string,
    ttlMs: number,
    userId: string,
    now: number,
  ) {
    const kept = await this.redis.eval(CLAIM_SCRIPT, {
      keys: [key],
      arguments: [field, value, userId, String(now), String(ttlMs)],
    });
    return typeof kept === 'string' ? kept : null;
  }
}

/**
 * Redis while it answers; while it does not, this instance's own memory, so joining, presence and
 * locks keep working (among the sockets of this instance) instead of failing every event. When
 * Redis answers again it is used again; this instance's entries are written back to it by the next
 * heartbeat (`HEARTBEAT_MS`), and soft locks taken meanwhile are this instance's only.
 */
export class ResilientHashes implements SharedHashes {
  private readonly fallback: MemoryHashes;
  degraded = false;

  constructor(
    private readonly primary: SharedHashes,
    private readonly onChange: (
      degraded: boolean,
      error?: Error,
    ) => void = () => undefined,
    clock: () => number = Date.now,
  ) {
    this.fallback = new MemoryHashes(clock);
  }

  private async run<T>(use: (hashes: SharedHashes) => Promise<T>): Promise<T> {
    try {
      const value = await use(this.primary);
      if (this.degraded) {
        this.degraded = false;
        this.onChange(false);
      }
      return value;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.onChange(true, error as Error);
      }
      return use(this.fallback);
    }
  }

  put(key: string, field: string, value: string, ttlMs: number) {
    return this.run((hashes) => hashes.put(key, field, value, ttlMs));
  }

  remove(key: string, fields: readonly string[]) {
    return this.run((hashes) => hashes.remove(key, fields));
  }

  entries(key: string) {
    return this.run((hashes) => hashes.entries(key));
  }

  claim(
    key: string,
    field: string,
    value: string,
    ttlMs: number,
    userId: string,
    now: number,
  ) {
    return this.run((hashes) =>
      hashes.claim(key, field, value, ttlMs, userId, now),
    );
  }
}

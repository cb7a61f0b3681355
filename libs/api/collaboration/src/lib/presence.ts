import type { PresenceFocus, PresenceMember } from '@orca/shared/contracts';

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

/** Idle this long and a person drops out of presence (DESIGN: 15 minutes). */
export const PRESENCE_IDLE_MS = 15 * 60_000;

interface Entry {
  member: PresenceMember;
  lastSeen: number;
}

/**
 * Who is in which project on this instance, per socket. One person with two tabs is one member
 * (their latest focus wins).
 */
export class PresenceRegistry {
  private readonly projects = new Map<string, Map<string, Entry>>();

  join(
    projectId: string,
    socketId: string,
    member: Omit<PresenceMember, 'color' | 'focus'>,
  ): void {
    const sockets = this.projects.get(projectId) ?? new Map<string, Entry>();
    sockets.set(socketId, {
      member: { ...member, color: colorFor(member.userId), focus: null },
      lastSeen: Date.now(),
    });
    this.projects.set(projectId, sockets);
  }

  focus(
    projectId: string,
    socketId: string,
    focus: PresenceFocus | null,
  ): boolean {
    const entry = this.projects.get(projectId)?.get(socketId);
    if (!entry) return false;
    entry.member = { ...entry.member, focus };
    entry.lastSeen = Date.now();
    return true;
  }

  leave(projectId: string, socketId: string): boolean {
    const sockets = this.projects.get(projectId);
    const removed = sockets?.delete(socketId) ?? false;
    if (sockets?.size === 0) this.projects.delete(projectId);
    return removed;
  }

  /** Projects the socket was in (for disconnects). */
  projectsOf(socketId: string): string[] {
    return [...this.projects.entries()]
      .filter(([, sockets]) => sockets.has(socketId))
      .map(([projectId]) => projectId);
  }

  members(projectId: string, now = Date.now()): PresenceMember[] {
    const byUser = new Map<string, Entry>();
    for (const entry of this.projects.get(projectId)?.values() ?? []) {
      if (now - entry.lastSeen > PRESENCE_IDLE_MS) continue;
      const current = byUser.get(entry.member.userId);
      if (!current || entry.lastSeen > current.lastSeen)
        byUser.set(entry.member.userId, entry);
    }
    return [...byUser.values()]
      .map((entry) => entry.member)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}

/**
 * A token bucket per live connection: `perSecond` events a second on average, bursts of up to
 * two seconds' worth. An event over the limit is not handled; one with an ack is answered
 * `rate_limited` with how long to wait (the collaboration client waits and resends).
 */
export class SocketRateLimit {
  private tokens: number;
  private last: number;
  /** Events refused since the connection opened. */
  refused = 0;

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = this.capacity;
    this.last = clock();
  }

  get capacity(): number {
    return 2 * this.perSecond;
  }

  /** Takes a token: true when the event may go on. */
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused++;
    return false;
  }

  /** How long until the next event would be taken, in ms (at least 1). */
  retryAfterMs(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
  }
}

import { SocketRateLimit } from './socket-rate-limit';

describe('the per-connection rate limit of live events', () => {
  it('lets a burst of two seconds’ worth through, then the average rate, and says how long to wait', () => {
    let now = 0;
    const limit = new SocketRateLimit(10, () => now);
    const burst = Array.from({ length: 25 }, () => limit.take());
    expect(burst.filter(Boolean)).toHaveLength(20);
    expect(limit.refused).toBe(5);
    expect(limit.retryAfterMs()).toBe(100);

    // A second later, ten more (the refill), not twenty.
    now += 1000;
    const next = Array.from({ length: 15 }, () => limit.take());
    expect(next.filter(Boolean)).toHaveLength(10);
  });

  it('never limits a client that keeps to the rate', () => {
    let now = 0;
    const limit = new SocketRateLimit(20, () => now);
    for (let event = 0; event < 1000; event++) {
      now += 50; // 20 a second
      expect(limit.take()).toBe(true);
    }
    expect(limit.refused).toBe(0);
  });

  it('holds a flood of ten times the rate to the rate', () => {
    let now = 0;
    const limit = new SocketRateLimit(20, () => now);
    let taken = 0;
    for (let event = 0; event < 600; event++) {
      now += 5; // 200 a second, for 3 s
      if (limit.take()) taken++;
    }
    // The burst (40) plus 3 s at 20 a second.
    expect(taken).toBeLessThanOrEqual(40 + 3 * 20 + 1);
    expect(taken).toBeGreaterThanOrEqual(3 * 20);
  });
});

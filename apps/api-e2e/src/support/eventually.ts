/**
 * Waits until `check` holds, polling every 50 ms; fails naming `what` after `withinMs`. For
 * what arrives over the network at its own pace (a broadcast, a reconnection, a count).
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  withinMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

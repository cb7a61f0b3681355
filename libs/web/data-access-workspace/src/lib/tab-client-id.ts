const CLIENT_ID_KEY = 'orca.collab.clientId';

let fallback: string | null = null;

function newClientId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * One id per browser tab, stable across reloads of that tab (sessionStorage): the server
 * de-duplicates a change resent after a reconnect or reload by (clientId, mutationId).
 */
export function tabClientId(): string {
  try {
    const stored = globalThis.sessionStorage?.getItem(CLIENT_ID_KEY);
    if (stored && /^[\w-]{8,64}$/.test(stored)) return stored;
    const created = newClientId();
    globalThis.sessionStorage?.setItem(CLIENT_ID_KEY, created);
    return created;
  } catch {
    // Storage refused (private mode, sandboxed frame): one id for the page's lifetime.
    fallback ??= newClientId();
    return fallback;
  }
}

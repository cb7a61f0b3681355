function clientAddress(request: Record<string, unknown>): string {
  return typeof request['ip'] === 'string' ? request['ip'] : 'unknown';
}

/**
 * Sign-in attempts count per client address and email, so one office behind a NAT is not locked
 * out by a colleague's typos while guessing one account's password stays slow.
 */
export function addressAndEmail(request: Record<string, unknown>): string {
  const body = request['body'] as { email?: unknown } | undefined;
  const email =
    typeof body?.email === 'string'
      ? body.email.trim().toLowerCase().slice(0, 320)
      : '';
  return `${clientAddress(request)}|${email}`;
}

/** Sign-ups also count per client address alone, with a higher ceiling (a workshop signs up at once). */
export function addressOnly(request: Record<string, unknown>): string {
  return clientAddress(request);
}

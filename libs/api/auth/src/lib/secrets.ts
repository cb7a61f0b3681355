import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random secret with 256 bits of entropy. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Says what is wrong with a password, or null when it is acceptable.
 * Length beats composition rules (NIST SP 800-63B); a few very common choices are refused.
 */
export function describePasswordProblem(
  password: string,
  context: { email?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  }
  if (new Set(password).size < 4) {
    return 'Password must use at least 4 different characters.';
  }
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) {
    return 'This password is too common; choose a longer, less predictable one.';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) {
    return 'Password must not contain your email address.';
  }
  return null;
}

const COMMON_PASSWORDS = new Set([
  'password12',
  'password123',
  'password1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'administrator',
  'passw0rd123',
  'qwerty12345',
  'abcdefghij',
  '1q2w3e4r5t',
]);

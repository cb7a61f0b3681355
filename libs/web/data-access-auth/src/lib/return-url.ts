/** Where to go after signing in: only paths inside this app, never another origin. */
export function safeReturnUrl(
  candidate: string | null | undefined,
  fallback = '/projects',
): string {
  if (
    !candidate ||
    !candidate.startsWith('/') ||
    candidate.startsWith('//') ||
    candidate.startsWith('/\\') ||
    candidate.startsWith('/sign-in') ||
    candidate.startsWith('/sign-up')
  ) {
    return fallback;
  }
  return candidate;
}

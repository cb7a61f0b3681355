import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@orca/shared/contracts';

/** What a page shows about a failed request: one sentence, and the sentences for each field. */
export interface ProblemMessage {
  /** The HTTP status, 0 when the server could not be reached. */
  status: number;
  /** The API's stable code (`email_taken`, `last_facilitator`…), null when there was no problem body. */
  code: string | null;
  message: string;
  fieldErrors: Record<string, string>;
}

const UNREACHABLE =
  'The server could not be reached. Check your connection and try again.';
const RATE_LIMITED = 'Too many attempts. Wait a minute and try again.';
const SERVER_FAILED =
  'Something went wrong on the server. Try again in a moment.';

export function isProblemDetails(body: unknown): body is ProblemDetails {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const candidate = body as Partial<ProblemDetails>;
  return (
    typeof candidate.status === 'number' && typeof candidate.title === 'string'
  );
}

/** Turns any error from HttpClient (ideally an `application/problem+json` answer) into a ProblemMessage. */
export function toProblemMessage(
  error: unknown,
  fallback = 'Something went wrong. Try again.',
): ProblemMessage {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, code: null, message: fallback, fieldErrors: {} };
  }
  const body: unknown = error.error;
  if (isProblemDetails(body)) {
    const fieldErrors: Record<string, string> = {};
    for (const fieldError of body.errors ?? []) {
      fieldErrors[fieldError.field] ??= fieldError.message;
    }
    return {
      status: error.status,
      code: typeof body.code === 'string' ? body.code : null,
      message:
        body.detail ??
        (error.status === 429 ? RATE_LIMITED : null) ??
        body.title,
      fieldErrors,
    };
  }
  const message =
    error.status === 0
      ? UNREACHABLE
      : error.status === 429
        ? RATE_LIMITED
        : error.status >= 500
          ? SERVER_FAILED
          : fallback;
  return { status: error.status, code: null, message, fieldErrors: {} };
}

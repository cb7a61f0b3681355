import { HttpException } from '@nestjs/common';
import type { FieldError, ProblemDetails } from '@orca/shared/contracts';

/**
 * An error the API answers as RFC 9457 problem details with a stable `code`.
 * Features throw these (or subclasses) instead of bare HttpExceptions.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super({ code, title, detail, errors }, status);
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: `https://orca.dev/problems/${this.code.replace(/_/g, '-')}`,
      title: this.title,
      status: this.getStatus(),
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

export const notFound = (code: string, what: string) =>
  new ProblemException(404, code, `${what} not found`);

export const validationFailed = (errors: FieldError[], detail?: string) =>
  new ProblemException(
    400,
    'validation_failed',
    'The request is not valid',
    detail ??
      errors.map((error) => `${error.field}: ${error.message}`).join('; '),
    errors,
  );

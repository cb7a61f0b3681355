/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  /** A stable, machine-readable code such as `validation_failed` or `email_taken`. */
  code: string;
  detail?: string;
  instance?: string;
  /** For validation failures: one entry per offending field (dotted path for nested fields). */
  errors?: FieldError[];
}

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable, machine-readable codes of everything validation can object to. */
export const PROBLEM_CODES = [
  'required',
  'invalid_type',
  'unknown_field',
  'read_only_field',
  'empty',
  'untrimmed',
  'too_long',
  'too_many',
  'invalid_value',
  'out_of_range',
  'invalid_id',
  'invalid_order_key',
  'duplicate_id',
  'duplicate_name',
  'duplicate_value',
  'synonym_collision',
  'duplicate_relationship',
  'unknown_object',
  'unknown_role',
  'unknown_state',
  'not_found',
  'item_deleted',
  'role_in_use',
  'role_archived',
  'reference_mismatch',
  'text_out_of_range',
  'unknown_change_kind',
  'invalid_format',
  'unknown_key',
  'duplicate_key',
  'unstorable_text',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with a change or a model; `field` is a dotted path such as `patch.name`. */
export interface Problem {
  readonly field: string;
  readonly code: ProblemCode;
  readonly message: string;
}

export function problem(
  field: string,
  code: ProblemCode,
  message: string,
): Problem {
  return { field, code, message };
}

/** What the server answers for a rejected change. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'item_deleted';

/**
 * Thrown by applyChange (and the other strict entry points) for an invalid change. `code` is
 * `item_deleted` or `not_found` when the change targets an item that is not there, so the caller
 * can tell "deleted meanwhile" apart from a bad input.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;

  constructor(readonly problems: readonly Problem[]) {
    super(
      problems.length === 0
        ? 'Invalid change.'
        : problems.map((p) => `${p.field}: ${p.message}`).join(' '),
    );
    const target = problems.find(
      (p) =>
        (p.field === 'id' || p.field === 'target.id') &&
        (p.code === 'item_deleted' || p.code === 'not_found'),
    );
    this.code = target
      ? (target.code as 'item_deleted' | 'not_found')
      : 'validation_failed';
  }
}

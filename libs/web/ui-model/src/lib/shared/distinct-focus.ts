import { lockKey, type PresenceFocus } from '@orca/shared/contracts';

/**
 * Wraps a focus output so that only a change of place goes out: the same target twice in a row
 * (the same `lockKey`, the canonical key of a focus or lock target) is sent once.
 */
export function distinctFocus(
  emit: (focus: PresenceFocus | null) => void,
): (focus: PresenceFocus | null) => void {
  let last: string | null | undefined;
  return (focus) => {
    const key = focus === null ? null : lockKey(focus);
    if (key === last) return;
    last = key;
    emit(focus);
  };
}

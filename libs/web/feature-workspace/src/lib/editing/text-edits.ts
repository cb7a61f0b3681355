import {
  type TextOp,
  diffToTextOps,
  transformTextOps,
} from '@orca/shared/domain';

/**
 * The ops that turn the text as it is now (`current`) into what the person meant: their edit
 * of `base` (into `draft`), carried over whatever others changed meanwhile (`base` → `current`),
 * so both keep their words. Empty when there is nothing to send.
 */
export function rebaseTextEdit(
  base: string,
  draft: string,
  current: string,
): TextOp[] {
  const mine = diffToTextOps(base, draft);
  if (base === current) return mine;
  const theirs = diffToTextOps(base, current);
  // Theirs is already applied: mine goes after it ('right') where both insert at one place.
  return transformTextOps(mine, theirs, 'right');
}

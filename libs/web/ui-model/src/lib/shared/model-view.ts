import type { PresenceFocus } from '@orca/shared/contracts';

/** Who holds a soft lock: the same identity presence carries. */
export interface LockHolder {
  readonly userId: string;
  readonly displayName: string;
  readonly color: string;
}

/** A soft lock on a cell or item: shown as a badge, it warns but never blocks an edit. */
export interface LockView {
  readonly target: PresenceFocus;
  readonly holder: LockHolder;
}

/** Where an empty state sends the person to do the step this view needs first. */
export type ModelDestination = 'objects' | 'nom' | 'cta-matrix' | 'attributes';

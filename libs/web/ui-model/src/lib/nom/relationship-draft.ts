import {
  mirrorCardinality,
  newRelationship,
  validateChange,
  type Cardinality,
  type Change,
  type Id,
  type Problem,
  type ProjectModel,
  type Relationship,
} from '@orca/shared/domain';
import { newId } from '../shared/ids';

/** The fields of a NOM cell a person edits. */
export interface RelationshipDraft {
  readonly label: string;
  readonly cardinality: Cardinality;
  readonly required: boolean;
  readonly mechanics: string;
  readonly sort: string;
  readonly filter: string;
  readonly dependency: string;
  readonly notes: string;
}

/** The draft fields holding text. */
export type DraftTextField = Exclude<
  keyof RelationshipDraft,
  'cardinality' | 'required'
>;

/** A draft and what the person started from, per field: only fields differing from it are theirs. */
export interface DraftState {
  readonly draft: RelationshipDraft;
  readonly baseline: RelationshipDraft;
}

export const DRAFT_FIELDS = [
  'label',
  'cardinality',
  'required',
  'mechanics',
  'sort',
  'filter',
  'dependency',
  'notes',
] as const satisfies readonly (keyof RelationshipDraft)[];

export function draftOf(
  relationship: Relationship | null,
  reverse: Relationship | null = null,
): RelationshipDraft {
  return {
    label: relationship?.label ?? '',
    // A new cell starts as the mirror of its filled counterpart: the usual answer.
    cardinality:
      relationship?.cardinality ??
      (reverse ? mirrorCardinality(reverse.cardinality) : 'one-to-many'),
    required: relationship?.required ?? false,
    mechanics: relationship?.mechanics ?? '',
    sort: relationship?.sort ?? '',
    filter: relationship?.filter ?? '',
    dependency: relationship?.dependency ?? '',
    notes: relationship?.notes ?? '',
  };
}

/** One-line fields are stored trimmed. */
function cleaned(draft: RelationshipDraft): RelationshipDraft {
  return {
    ...draft,
    label: draft.label.trim(),
    sort: draft.sort.trim(),
    filter: draft.filter.trim(),
  };
}

/**
 * The change that saves a NOM cell's draft: a create when the cell is empty, otherwise an update of
 * only the fields this person changed since `baseline` (what they started from), so concurrent
 * edits of other fields by others survive. Null when there is nothing to save.
 */
export function relationshipChange(
  fromObjectId: Id,
  toObjectId: Id,
  current: Relationship | null,
  baseline: RelationshipDraft,
  draft: RelationshipDraft,
): Change | null {
  const next = cleaned(draft);
  if (current === null) {
    return {
      kind: 'relationship.create',
      relationship: newRelationship({
        id: newId(),
        fromObjectId,
        toObjectId,
        ...next,
      }),
    };
  }
  const base = cleaned(baseline);
  const patch: Partial<Mutable<RelationshipDraft>> = {};
  for (const field of DRAFT_FIELDS) {
    if (next[field] !== base[field] && next[field] !== current[field]) {
      copyField(patch as Mutable<RelationshipDraft>, next, field);
    }
  }
  if (Object.keys(patch).length === 0) return null;
  return { kind: 'relationship.update', id: current.id, patch };
}

/** Problems of a change keyed by the draft field they concern (the last segment of the path). */
export function problemsByField(
  model: ProjectModel,
  change: Change,
): Map<string, string> {
  return fieldProblems(validateChange(model, change));
}

export function fieldProblems(
  problems: readonly Problem[],
): Map<string, string> {
  const byField = new Map<string, string>();
  for (const p of problems) {
    const field = p.field.slice(p.field.lastIndexOf('.') + 1) || 'form';
    if (!byField.has(field)) byField.set(field, p.message);
  }
  return byField;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function copyField<K extends keyof RelationshipDraft>(
  target: Mutable<RelationshipDraft>,
  source: RelationshipDraft,
  field: K,
): void {
  target[field] = source[field];
}

/**
 * The state after the cell changed live: fields this person has not touched follow the new value
 * (`fresh`), touched ones keep their text and their baseline.
 */
export function mergeLive(
  previous: DraftState,
  fresh: RelationshipDraft,
): DraftState {
  const draft: Mutable<RelationshipDraft> = { ...fresh };
  const baseline: Mutable<RelationshipDraft> = { ...fresh };
  for (const field of DRAFT_FIELDS) {
    if (previous.draft[field] !== previous.baseline[field]) {
      copyField(draft, previous.draft, field);
      copyField(baseline, previous.baseline, field);
    }
  }
  return { draft, baseline };
}

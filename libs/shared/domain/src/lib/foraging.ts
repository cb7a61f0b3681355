/**
 * Noun foraging, the rules both sides share: whether a foraged candidate is already in the model
 * (by name or synonym), and the one change that promotes it to an object, a synonym of an object,
 * an attribute of an object or a CTA. Pages submit exactly what this builds, through the one
 * write path, so everyone sees it live and undo reverts it.
 */
import type { Change } from './changes';
import {
  LIST_MAX_ENTRIES,
  NAME_MAX_LENGTH,
  SHORT_TEXT_MAX_LENGTH,
  findItem,
  newAttribute,
  newCta,
  newObject,
  type AttributeType,
  type CrudClass,
  type Id,
  type OrcaObject,
  type ProjectModel,
} from './model';
import { normalizeName, textLength } from './names';
import { orderKeyAtEnd } from './ordering';
import { attributesOf, ctasInCell } from './queries';
import { validateChange } from './validation';

/** What the rules need to know about a candidate (the foraging DTO has more). */
export interface ForagedCandidate {
  /** Singular, Title Case: "Work Day". */
  readonly name: string;
  /** Other words the research uses for it. */
  readonly synonyms?: readonly { readonly name: string }[];
  /** Named instances the research lists. */
  readonly examples?: readonly string[];
  /** Verbs that imply it, as a CTA names them ("comment on"). */
  readonly verbs?: readonly string[];
}

export interface CandidateModelMatch {
  readonly objectId: Id;
  readonly objectName: string;
  readonly via: 'name' | 'synonym';
}

/** A name as the foraging match reads it: case, spaces and hyphens do not count ("Work-day"). */
export function foragingNameKey(name: string): string {
  return normalizeName(name).replace(/[\s\-‐–_]+/g, '');
}

/**
 * Finds candidates in a model: one index over the objects' names and synonyms, then a lookup per
 * candidate by its name first and its synonyms second.
 */
export function candidateMatcher(
  model: ProjectModel,
): (candidate: ForagedCandidate) => CandidateModelMatch | null {
  const byName = new Map<string, OrcaObject>();
  const bySynonym = new Map<string, OrcaObject>();
  for (const object of Object.values(model.objects)) {
    const key = foragingNameKey(object.name);
    if (!byName.has(key)) byName.set(key, object);
    for (const synonym of object.synonyms) {
      const synonymKey = foragingNameKey(synonym);
      if (!bySynonym.has(synonymKey)) bySynonym.set(synonymKey, object);
    }
  }
  return (candidate) => {
    const names = [
      candidate.name,
      ...(candidate.synonyms ?? []).map((s) => s.name),
    ].map(foragingNameKey);
    for (const [index, key] of names.entries()) {
      const named = byName.get(key);
      if (named)
        return {
          objectId: named.id,
          objectName: named.name,
          via: index === 0 ? 'name' : 'synonym',
        };
    }
    for (const key of names) {
      const synonymOf = bySynonym.get(key);
      if (synonymOf)
        return {
          objectId: synonymOf.id,
          objectName: synonymOf.name,
          via: 'synonym',
        };
    }
    return null;
  };
}

/** Whether the candidate is already an object, or a synonym of one. */
export function matchCandidate(
  model: ProjectModel,
  candidate: ForagedCandidate,
): CandidateModelMatch | null {
  return candidateMatcher(model)(candidate);
}

/** What a candidate is promoted to. */
export type Promotion =
  | { readonly as: 'object' }
  | { readonly as: 'synonym'; readonly objectId: Id }
  | {
      readonly as: 'attribute';
      readonly objectId: Id;
      readonly type?: AttributeType;
    }
  | {
      readonly as: 'cta';
      readonly roleId: Id;
      readonly objectId: Id;
      /** Default: the first verb that implies the candidate, else its name in lower case. */
      readonly verb?: string;
      readonly crud?: CrudClass;
    };

export type PromotionRefusal =
  | 'already_in_model'
  | 'unknown_object'
  | 'unknown_role'
  | 'role_archived'
  | 'invalid';

export type PromotionResult =
  | { readonly ok: true; readonly change: Change; readonly summary: string }
  | {
      readonly ok: false;
      readonly code: PromotionRefusal;
      readonly reason: string;
    };

const refuse = (code: PromotionRefusal, reason: string): PromotionResult => ({
  ok: false,
  code,
  reason,
});

/** At most `max` code points, as every name limit counts them. */
function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return textLength(trimmed) <= max
    ? trimmed
    : Array.from(trimmed).slice(0, max).join('').trim();
}

/** Every name and synonym of the model, by `normalizeName`. */
function namesInUse(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  for (const object of Object.values(model.objects)) {
    names.add(normalizeName(object.name));
    for (const synonym of object.synonyms) names.add(normalizeName(synonym));
  }
  return names;
}

/**
 * The change that promotes `candidate` (see Promotion), with fresh ids from `newId`, or why it
 * cannot be made. The change is checked with `validateChange`, so what this returns is what the
 * server accepts.
 */
export function promotionChange(
  model: ProjectModel,
  candidate: ForagedCandidate,
  promotion: Promotion,
  newId: () => Id,
): PromotionResult {
  const name = clip(candidate.name, NAME_MAX_LENGTH);
  if (name === '') return refuse('invalid', 'The candidate has no name.');
  let change: Change;
  let summary: string;
  switch (promotion.as) {
    case 'object': {
      // Its own name decides; a grouped synonym that is taken is left out instead.
      const match = matchCandidate(model, { name });
      if (match)
        return refuse(
          'already_in_model',
          match.via === 'name'
            ? `${match.objectName} is already an object.`
            : `“${name}” is already a synonym of ${match.objectName}.`,
        );
      const used = namesInUse(model);
      used.add(normalizeName(name));
      const synonyms: string[] = [];
      for (const synonym of candidate.synonyms ?? []) {
        const clipped = clip(synonym.name, NAME_MAX_LENGTH);
        if (clipped && !used.has(normalizeName(clipped))) {
          used.add(normalizeName(clipped));
          synonyms.push(clipped);
        }
      }
      const examples = [
        ...new Set(
          (candidate.examples ?? []).map((e) => clip(e, SHORT_TEXT_MAX_LENGTH)),
        ),
      ]
        .filter(Boolean)
        .slice(0, LIST_MAX_ENTRIES);
      change = {
        kind: 'object.create',
        object: newObject({
          id: newId(),
          name,
          synonyms,
          examples,
          orderKey: orderKeyAtEnd(Object.values(model.objects)),
        }),
      };
      summary = `${name} is now an object.`;
      break;
    }
    case 'synonym': {
      const object = findItem(model, 'object', promotion.objectId);
      if (!object) return refuse('unknown_object', 'That object is gone.');
      const match = matchCandidate(model, { name });
      if (match)
        return refuse(
          'already_in_model',
          match.objectId === object.id
            ? `“${name}” is already ${match.via === 'name' ? 'the name' : 'a synonym'} of ${object.name}.`
            : `“${name}” already belongs to ${match.objectName}.`,
        );
      change = {
        kind: 'object.update',
        id: object.id,
        patch: { synonyms: [...object.synonyms, name] },
      };
      summary = `“${name}” is now a synonym of ${object.name}.`;
      break;
    }
    case 'attribute': {
      const object = findItem(model, 'object', promotion.objectId);
      if (!object) return refuse('unknown_object', 'That object is gone.');
      change = {
        kind: 'attribute.create',
        attribute: newAttribute({
          id: newId(),
          objectId: object.id,
          name,
          type: promotion.type ?? 'text',
          orderKey: orderKeyAtEnd(attributesOf(model, object.id)),
        }),
      };
      summary = `${object.name} now has the attribute ${name}.`;
      break;
    }
    case 'cta': {
      const role = findItem(model, 'role', promotion.roleId);
      if (!role) return refuse('unknown_role', 'That role is gone.');
      if (role.archived)
        return refuse('role_archived', `The role ${role.name} is archived.`);
      const object = findItem(model, 'object', promotion.objectId);
      if (!object) return refuse('unknown_object', 'That object is gone.');
      const verb = clip(
        promotion.verb?.trim() ||
          candidate.verbs?.[0] ||
          candidate.name.toLowerCase(),
        NAME_MAX_LENGTH,
      );
      change = {
        kind: 'cta.create',
        cta: newCta({
          id: newId(),
          roleId: role.id,
          objectId: object.id,
          verb,
          crud: promotion.crud ?? 'other',
          orderKey: orderKeyAtEnd(ctasInCell(model, role.id, object.id)),
        }),
      };
      summary = `${role.name} can now “${verb}” on ${object.name}.`;
      break;
    }
  }
  const problems = validateChange(model, change);
  if (problems.length > 0)
    return refuse(
      'invalid',
      problems[0]?.message ?? 'The change is not valid.',
    );
  return { ok: true, change, summary };
}

/**
 * How people name items, said once: in search results, notices, change descriptions and diffs.
 * An item's own name is what the team typed (a CTA's verb, a relationship's phrase); its label
 * adds the parents that make it unique in the model ("Course › Title").
 */
import { normalizeName } from './names';
import { findItem, type AnyItem, type Id, type ProjectModel } from './model';

/** The words the team typed for an item: its name, a CTA's verb, a relationship's phrase. */
export function itemName(item: AnyItem): string {
  if ('verb' in item) return item.verb;
  if ('fromObjectId' in item) return item.label;
  return item.name;
}

/**
 * The item as a person finds it in the model: "Course → Lesson" for a NOM cell,
 * "Learner › Course › Enroll in" for a CTA, "Course › Title" for an attribute, the name
 * otherwise. Parent names are read from `model`, then from `other` (a diff's other side, where
 * a removed parent still exists); "?" when neither has it.
 */
export function itemLabel(
  model: ProjectModel,
  item: AnyItem,
  other?: ProjectModel,
): string {
  const nameOf = (kind: 'object' | 'role', id: Id) =>
    findItem(model, kind, id)?.name ??
    (other ? findItem(other, kind, id)?.name : undefined) ??
    '?';
  if ('fromObjectId' in item)
    return `${nameOf('object', item.fromObjectId)} → ${nameOf('object', item.toObjectId)}`;
  if ('verb' in item)
    return `${nameOf('role', item.roleId)} › ${nameOf('object', item.objectId)} › ${item.verb}`;
  if ('objectId' in item)
    return `${nameOf('object', item.objectId)} › ${item.name}`;
  return item.name;
}

/**
 * A search box's query, normalised the way names compare (trimmed, NFC, lower case); null when
 * it is blank, meaning "no filter".
 */
export function searchQuery(raw: string | null | undefined): string | null {
  const query = normalizeName(raw ?? '');
  return query === '' ? null : query;
}

/** Whether an item's name, or one of its synonyms, contains a (normalised) search query. */
export function itemMatches(item: AnyItem, query: string): boolean {
  const synonyms = 'synonyms' in item ? item.synonyms : [];
  return [itemName(item), ...synonyms].some((text) =>
    normalizeName(text).includes(query),
  );
}

import {
  type Id,
  type ProjectModel,
  attributesOf,
  ctasOf,
  findItem,
  relationshipsOf,
} from '@orca/shared/domain';
import type { ConfirmationRequest } from '@orca/web/ui';

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

function list(parts: readonly string[]): string {
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The question asked before deleting an object: what goes with it, in words. */
export function objectDeletionRequest(
  model: ProjectModel,
  objectId: Id,
): ConfirmationRequest | null {
  const object = findItem(model, 'object', objectId);
  if (!object) return null;
  const attributes = attributesOf(model, objectId).length;
  const ctas = ctasOf(model, objectId).length;
  const relationships = relationshipsOf(model, objectId).length;
  const references = Object.values(model.attributes).filter(
    (a) => a.referencedObjectId === objectId && a.objectId !== objectId,
  ).length;
  const goes = [
    attributes > 0 ? plural(attributes, 'attribute') : null,
    relationships > 0
      ? plural(
          relationships,
          'relationship (NOM cell)',
          'relationships (NOM cells)',
        )
      : null,
    ctas > 0 ? plural(ctas, 'CTA') : null,
  ].filter((part): part is string => part !== null);
  const sentences = [
    goes.length > 0
      ? `Its ${list(goes)} go with it.`
      : 'Nothing else goes with it: it has no attributes, relationships or CTAs.',
    references > 0
      ? `${plural(references, 'reference attribute')} of other objects will point to nothing.`
      : null,
    'Everyone on the project sees it go.',
  ].filter((s): s is string => s !== null);
  return {
    title: `Delete “${object.name}”?`,
    message: sentences.join(' '),
    confirmLabel: 'Delete object',
    tone: 'danger',
  };
}

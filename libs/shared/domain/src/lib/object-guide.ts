/**
 * The Object Guide as data: per object (in list order) its attributes split into core content and
 * metadata, the objects it nests (its NOM row) and its CTAs per role. The exports (Markdown, HTML,
 * PDF, the workbook's Object Map) and the app's Object Map and CDLL previews all render this one
 * reading of the model.
 */
import type {
  Attribute,
  Cardinality,
  Cta,
  Id,
  OrcaObject,
  ProjectModel,
  Relationship,
  Role,
} from './model';
import { sortByOrder } from './ordering';
import { objectsInOrder, rolesInOrder } from './queries';

export interface NestedObject {
  readonly relationship: Relationship;
  readonly object: OrcaObject;
}

export interface RoleCtas {
  readonly role: Role;
  readonly ctas: readonly Cta[];
}

export interface GuideEntry {
  readonly object: OrcaObject;
  readonly core: readonly Attribute[];
  readonly metadata: readonly Attribute[];
  /** The object's NOM row: the objects it relates to, in object order. */
  readonly nested: readonly NestedObject[];
  /** Roles (in order) that have CTAs on the object. */
  readonly ctasByRole: readonly RoleCtas[];
  /** Primary CTAs of every role, in role order. */
  readonly primaryCtas: readonly Cta[];
}

export interface ObjectGuide {
  readonly roles: readonly Role[];
  readonly entries: readonly GuideEntry[];
  /** The entry of an object in the guide (absent when the model, or its view, leaves it out). */
  readonly entryOf: (id: Id | null) => GuideEntry | undefined;
  readonly objectName: (id: Id | null) => string | undefined;
  readonly roleName: (id: Id) => string | undefined;
}

export function objectGuide(model: ProjectModel): ObjectGuide {
  const objects = objectsInOrder(model);
  const roles = rolesInOrder(model);
  const rank = new Map(objects.map((object, index) => [object.id, index]));
  const byObject = <T extends { readonly objectId: Id }>(items: T[]) => {
    const groups = new Map<Id, T[]>();
    for (const item of items) {
      const group = groups.get(item.objectId);
      if (group) group.push(item);
      else groups.set(item.objectId, [item]);
    }
    return groups;
  };
  const attributes = byObject(sortByOrder(Object.values(model.attributes)));
  const ctas = byObject(sortByOrder(Object.values(model.ctas)));
  const outgoing = new Map<Id, Relationship[]>();
  for (const relationship of Object.values(model.relationships)) {
    const list = outgoing.get(relationship.fromObjectId);
    if (list) list.push(relationship);
    else outgoing.set(relationship.fromObjectId, [relationship]);
  }

  const entries = objects.map((object): GuideEntry => {
    const own = attributes.get(object.id) ?? [];
    const objectCtas = ctas.get(object.id) ?? [];
    const ctasByRole = roles
      .map((role) => ({
        role,
        ctas: objectCtas.filter((cta) => cta.roleId === role.id),
      }))
      .filter((group) => group.ctas.length > 0);
    return {
      object,
      core: own.filter((attribute) => attribute.kind === 'core'),
      metadata: own.filter((attribute) => attribute.kind === 'metadata'),
      nested: (outgoing.get(object.id) ?? [])
        .map((relationship) => ({
          relationship,
          object: model.objects[relationship.toObjectId] as OrcaObject,
        }))
        .filter((nested) => nested.object !== undefined)
        .sort(
          (a, b) => (rank.get(a.object.id) ?? 0) - (rank.get(b.object.id) ?? 0),
        ),
      ctasByRole,
      primaryCtas: ctasByRole.flatMap((group) =>
        group.ctas.filter((cta) => cta.primary),
      ),
    };
  });
  const nameOf = (
    collection: Readonly<Record<Id, { readonly name: string }>>,
    id: Id | null,
  ) =>
    id !== null && Object.hasOwn(collection, id)
      ? collection[id]?.name
      : undefined;
  const entryById = new Map(entries.map((entry) => [entry.object.id, entry]));
  return {
    roles,
    entries,
    entryOf: (id) => (id === null ? undefined : entryById.get(id)),
    objectName: (id) => nameOf(model.objects, id),
    roleName: (id) => nameOf(model.roles, id),
  };
}

const CARDINALITY_PHRASES: Readonly<Record<Cardinality, string>> = {
  'one-to-one': 'one to one',
  'one-to-many': 'one to many',
  'many-to-one': 'many to one',
  'many-to-many': 'many to many',
};

/** "one to many, required" */
export function cardinalityPhrase(relationship: Relationship): string {
  return `${CARDINALITY_PHRASES[relationship.cardinality]}${relationship.required ? ', required' : ''}`;
}

/** "list: Low, Medium, High", "reference to Course", "text" */
export function attributeTypePhrase(
  attribute: Attribute,
  objectName: (id: Id | null) => string | undefined,
): string {
  if (attribute.type === 'list' && attribute.listValues.length > 0)
    return `list: ${attribute.listValues.join(', ')}`;
  if (attribute.type === 'reference')
    return `reference to ${objectName(attribute.referencedObjectId) ?? '(not set)'}`;
  return attribute.type;
}

/** What a CTA needs and leaves, in one line: "needs Published; Course is Published → An Enrollment exists". */
export function ctaConditions(cta: Cta): string {
  const parts = [
    cta.requiredState ? `needs state ${cta.requiredState}` : '',
    cta.preconditions ? `before: ${cta.preconditions}` : '',
    cta.postconditions ? `after: ${cta.postconditions}` : '',
  ].filter(Boolean);
  return parts.join('; ');
}

/** The OOUX colours practitioners read the Object Map by (hex, no #). */
export const OOUX_COLOURS = {
  object: 'CFE2F3',
  objectStrong: '3D85C6',
  core: 'FFF2CC',
  metadata: 'F4CCCC',
  nested: 'DDEBF7',
  cta: 'D9EAD3',
} as const;

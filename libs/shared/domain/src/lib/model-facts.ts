/**
 * What the ORCA rounds ask of each item, said once. Completeness (the server's percentages) and
 * the fifteen ORCA steps (the dashboard's checklist) both count with these criteria, so the two
 * can never disagree about what "has core content" or "is phased" means.
 */
import {
  SIP_QUESTIONS,
  type Attribute,
  type Cta,
  type Id,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
  type Role,
} from './model';

/** A model's items, grouped once by object, for criteria that look across collections. */
export class ModelFacts {
  readonly objects: readonly OrcaObject[];
  readonly relationships: readonly Relationship[];
  readonly ctas: readonly Cta[];
  readonly attributes: readonly Attribute[];
  readonly roles: readonly Role[];
  /** Roles still in use (archived ones get no new CTAs). */
  readonly activeRoles: readonly Role[];
  private readonly attributesByObject = new Map<Id, Attribute[]>();
  private readonly ctasByObject = new Map<Id, Cta[]>();
  private readonly nestedObjects = new Set<Id>();

  constructor(readonly model: ProjectModel) {
    this.objects = Object.values(model.objects);
    this.relationships = Object.values(model.relationships);
    this.ctas = Object.values(model.ctas);
    this.attributes = Object.values(model.attributes);
    this.roles = Object.values(model.roles);
    this.activeRoles = this.roles.filter((r) => !r.archived);
    for (const a of this.attributes)
      push(this.attributesByObject, a.objectId, a);
    for (const c of this.ctas) push(this.ctasByObject, c.objectId, c);
    for (const r of this.relationships) {
      if (r.fromObjectId === r.toObjectId) continue;
      this.nestedObjects.add(r.fromObjectId);
      this.nestedObjects.add(r.toObjectId);
    }
  }

  /** An object's attributes, in no particular order (queries.attributesOf sorts). */
  attributesOf(objectId: Id): readonly Attribute[] {
    return this.attributesByObject.get(objectId) ?? [];
  }

  /** The CTAs acting on an object, in no particular order (queries.ctasOf sorts). */
  ctasOf(objectId: Id): readonly Cta[] {
    return this.ctasByObject.get(objectId) ?? [];
  }

  /** Nested in the NOM with another object (a self-relationship does not count). */
  isNested(objectId: Id): boolean {
    return this.nestedObjects.has(objectId);
  }
}

function push<T>(map: Map<Id, T[]>, key: Id, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The per-object criteria of the ORCA rounds. */
export const OBJECT_CRITERIA = {
  nested: (facts: ModelFacts, o: OrcaObject) => facts.isNested(o.id),
  hasAttributes: (facts: ModelFacts, o: OrcaObject) =>
    facts.attributesOf(o.id).length > 0,
  hasCtas: (facts: ModelFacts, o: OrcaObject) => facts.ctasOf(o.id).length > 0,
  defined: (_: ModelFacts, o: OrcaObject) => o.definition.trim() !== '',
  sipAnswered: (_: ModelFacts, o: OrcaObject) =>
    SIP_QUESTIONS.every((q) => o.sip[q].answer !== null),
  phased: (_: ModelFacts, o: OrcaObject) => o.priority !== null,
  /** Core content to show on its Card. */
  hasCoreContent: (facts: ModelFacts, o: OrcaObject) =>
    facts.attributesOf(o.id).some((a) => a.kind === 'core'),
  /** Metadata to sort and filter its Lists by. */
  hasMetadata: (facts: ModelFacts, o: OrcaObject) =>
    facts.attributesOf(o.id).some((a) => a.kind === 'metadata'),
  /** A primary CTA for its Detail. */
  hasPrimaryCta: (facts: ModelFacts, o: OrcaObject) =>
    facts.ctasOf(o.id).some((c) => c.primary),
} as const;

export const RELATIONSHIP_CRITERIA = {
  hasMechanics: (r: Relationship) => r.mechanics.trim() !== '',
} as const;

export const CTA_CRITERIA = {
  hasUserStory: (c: Cta) => c.userStory.trim() !== '',
  phased: (c: Cta) => c.priority !== null,
} as const;

export const ATTRIBUTE_CRITERIA = {
  /** A list has its values and a reference names its object. */
  typeComplete: (a: Attribute) =>
    (a.type !== 'list' || a.listValues.length > 0) &&
    (a.type !== 'reference' || a.referencedObjectId !== null),
  phased: (a: Attribute) => a.priority !== null,
} as const;

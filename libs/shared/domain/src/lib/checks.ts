/**
 * checkModel: the checks practitioners run by eye over an ORCA model, as findings. Each rule has a
 * stable id (used by settings to switch it off) and a fixed severity:
 * `error` — the model contradicts itself; `warning` — a gap to close; `info` — worth a look.
 */
import type {
  Attribute,
  Cardinality,
  Cta,
  Id,
  ItemRef,
  ObjectState,
  OrcaObject,
  ProjectModel,
  Relationship,
  Role,
} from './model';
import { normalizeName, stem, wordsOf } from './names';
import { sortByOrder } from './ordering';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface CheckRule {
  readonly severity: FindingSeverity;
  readonly title: string;
}

export const CHECK_RULES = {
  'relationship-one-way': {
    severity: 'warning',
    title: 'Relationship filled in one direction only',
  },
  'relationship-cardinality-contradiction': {
    severity: 'error',
    title: 'A → B and B → A disagree on cardinality',
  },
  'object-isolated': {
    severity: 'warning',
    title: 'Object with no relationships',
  },
  'object-missing-definition': {
    severity: 'warning',
    title: 'Object without a definition',
  },
  'object-missing-attributes': {
    severity: 'warning',
    title: 'Object without attributes',
  },
  'object-missing-core-attribute': {
    severity: 'warning',
    title: 'Object without core content',
  },
  'object-missing-ctas': { severity: 'warning', title: 'Object without CTAs' },
  'object-name-duplicate': {
    severity: 'error',
    title: 'One name used for two objects',
  },
  'synonym-collision': {
    severity: 'error',
    title: 'Synonym colliding with another object',
  },
  'synonym-repeats-name': {
    severity: 'info',
    title: 'Object lists its own name as a synonym',
  },
  'collection-noun': {
    severity: 'warning',
    title: 'Collection noun modelled as an object',
  },
  'many-to-many-without-junction': {
    severity: 'info',
    title: 'Many-to-many without a junction object',
  },
  'reference-without-relationship': {
    severity: 'warning',
    title: 'Reference attribute without a matching relationship',
  },
  'reference-unset': {
    severity: 'warning',
    title: 'Reference attribute that refers to nothing',
  },
  'cta-archived-role': {
    severity: 'warning',
    title: 'CTA for an archived role',
  },
  'now-depends-on-later': {
    severity: 'warning',
    title: 'Now item depending on a Later object',
  },
  'state-unreachable': { severity: 'warning', title: 'State no CTA reaches' },
  'sip-failing': { severity: 'warning', title: 'Object failing the SIP check' },
} as const satisfies Record<string, CheckRule>;

export type CheckRuleId = keyof typeof CHECK_RULES;
export const CHECK_RULE_IDS = Object.keys(CHECK_RULES) as CheckRuleId[];

export interface Finding {
  readonly rule: CheckRuleId;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly target: ItemRef;
}

export interface CheckOptions {
  /** Rules switched off for this project. */
  readonly disabledRules?: Iterable<CheckRuleId>;
}

/**
 * Words that name a collection of things rather than a thing ("library", "catalog", "calendar"…):
 * usually a list or landing of other objects, not an object of its own. Matched against the last
 * word of an object's name, singular or plural.
 */
export const COLLECTION_NOUNS: readonly string[] = [
  'archive',
  'backlog',
  'calendar',
  'catalog',
  'catalogue',
  'collection',
  'dashboard',
  'directory',
  'feed',
  'gallery',
  'inbox',
  'index',
  'inventory',
  'library',
  'list',
  'queue',
  'registry',
  'repository',
  'timeline',
];

/** Everything the rules look things up in, built once per check. */
class CheckContext {
  readonly objects: OrcaObject[];
  private readonly objectById: Map<Id, OrcaObject>;
  private readonly rank: Map<Id, number>;
  private readonly byPair = new Map<string, Relationship>();
  readonly relationships: Relationship[];
  readonly attributesByObject = new Map<Id, Attribute[]>();
  readonly ctasByObject = new Map<Id, Cta[]>();
  readonly ctas: Cta[];
  readonly attributes: Attribute[];
  readonly roleById: Map<Id, Role>;
  private ctaWords?: Map<
    Id,
    { readonly verb: string[]; readonly post: string[] }
  >;

  constructor(readonly model: ProjectModel) {
    this.objects = sortByOrder(Object.values(model.objects));
    this.objectById = new Map(this.objects.map((o) => [o.id, o]));
    this.rank = new Map(this.objects.map((o, i) => [o.id, i]));
    for (const r of Object.values(model.relationships)) {
      this.byPair.set(pairKey(r.fromObjectId, r.toObjectId), r);
    }
    this.relationships = Object.values(model.relationships).sort(
      (a, b) =>
        this.rankOf(a.fromObjectId) - this.rankOf(b.fromObjectId) ||
        this.rankOf(a.toObjectId) - this.rankOf(b.toObjectId),
    );
    this.attributes = sortByOrder(Object.values(model.attributes)).sort(
      (a, b) => this.rankOf(a.objectId) - this.rankOf(b.objectId),
    );
    this.ctas = sortByOrder(Object.values(model.ctas)).sort(
      (a, b) => this.rankOf(a.objectId) - this.rankOf(b.objectId),
    );
    for (const a of this.attributes)
      push(this.attributesByObject, a.objectId, a);
    for (const c of this.ctas) push(this.ctasByObject, c.objectId, c);
    this.roleById = new Map(Object.values(model.roles).map((r) => [r.id, r]));
  }

  rankOf(objectId: Id): number {
    return this.rank.get(objectId) ?? Number.MAX_SAFE_INTEGER;
  }

  name(objectId: Id): string {
    return this.objectById.get(objectId)?.name ?? 'an unknown object';
  }

  object(objectId: Id): OrcaObject | undefined {
    return this.objectById.get(objectId);
  }

  between(from: Id, to: Id): Relationship | undefined {
    return this.byPair.get(pairKey(from, to));
  }

  attributesOf(objectId: Id): Attribute[] {
    return this.attributesByObject.get(objectId) ?? [];
  }

  ctasOf(objectId: Id): Cta[] {
    return this.ctasByObject.get(objectId) ?? [];
  }

  /** The stemmed words of a CTA's verb and postconditions, computed once per check. */
  wordsOfCta(cta: Cta): { readonly verb: string[]; readonly post: string[] } {
    this.ctaWords ??= new Map(
      this.ctas.map((c) => [
        c.id,
        { verb: stems(c.verb), post: stems(c.postconditions) },
      ]),
    );
    return this.ctaWords.get(cta.id) ?? { verb: [], post: [] };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pairKey(from: Id, to: Id): string {
  return `${from}\u0000${to}`;
}

type Report = (message: string, target: ItemRef) => void;
type RuleCheck = (context: CheckContext, report: Report) => void;

const objectRef = (o: OrcaObject): ItemRef => ({
  itemKind: 'object',
  id: o.id,
});
const relationshipRef = (r: Relationship): ItemRef => ({
  itemKind: 'relationship',
  id: r.id,
});

/** The cardinality B → A must have when A → B has `cardinality`. */
export function mirrorCardinality(cardinality: Cardinality): Cardinality {
  switch (cardinality) {
    case 'one-to-many':
      return 'many-to-one';
    case 'many-to-one':
      return 'one-to-many';
    default:
      return cardinality;
  }
}

/**
 * Pairs of objects joined by a junction: an object on the "many" side of a relationship with
 * each (J → A many-to-one, or A → J one-to-many, in either cell).
 */
function junctionPairs(context: CheckContext): Set<string> {
  const ends = new Map<Id, Id[]>();
  for (const r of context.relationships) {
    if (r.fromObjectId === r.toObjectId) continue;
    if (r.cardinality === 'many-to-one')
      push(ends, r.fromObjectId, r.toObjectId);
    if (r.cardinality === 'one-to-many')
      push(ends, r.toObjectId, r.fromObjectId);
  }
  const pairs = new Set<string>();
  for (const list of ends.values()) {
    const unique = [...new Set(list)];
    for (const a of unique)
      for (const b of unique) if (a !== b) pairs.add(pairKey(a, b));
  }
  return pairs;
}

function containsPhrase(
  words: readonly string[],
  phrase: readonly string[],
): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}

const stems = (text: string) => wordsOf(text).map(stem);

/**
 * Whether some CTA can bring `object` into `state`. The heuristic: a CTA that is not a read,
 * either on the object itself with the state in its postconditions or its verb ("Publish" →
 * Published), or on another object with both this object's name (or a synonym) and the state in
 * its postconditions ("An Enrollment exists in Active state").
 */
function isReachable(
  context: CheckContext,
  object: OrcaObject,
  state: ObjectState,
): boolean {
  const stateWords = stems(state.name);
  const objectNames = [object.name, ...object.synonyms].map(stems);
  return context.ctas.some((cta) => {
    if (cta.crud === 'read') return false;
    const { verb, post } = context.wordsOfCta(cta);
    if (cta.objectId === object.id) {
      return (
        containsPhrase(post, stateWords) || containsPhrase(verb, stateWords)
      );
    }
    return (
      containsPhrase(post, stateWords) &&
      objectNames.some((name) => containsPhrase(post, name))
    );
  });
}

function collectionNounOf(name: string): string | undefined {
  const last = wordsOf(name).at(-1);
  if (last === undefined) return undefined;
  const candidates = [
    last,
    last.replace(/ies$/, 'y'),
    last.replace(/es$/, ''),
    last.replace(/s$/, ''),
  ];
  return COLLECTION_NOUNS.find((noun) => candidates.includes(noun));
}

const RULES: { readonly [R in CheckRuleId]: RuleCheck } = {
  'relationship-one-way': (context, report) => {
    for (const r of context.relationships) {
      if (
        r.fromObjectId === r.toObjectId ||
        context.between(r.toObjectId, r.fromObjectId)
      )
        continue;
      const from = context.name(r.fromObjectId);
      const to = context.name(r.toObjectId);
      report(
        `${from} → ${to} is filled but ${to} → ${from} is empty.`,
        relationshipRef(r),
      );
    }
  },

  'relationship-cardinality-contradiction': (context, report) => {
    for (const r of context.relationships) {
      const reverse = context.between(r.toObjectId, r.fromObjectId);
      if (
        !reverse ||
        context.rankOf(r.fromObjectId) >= context.rankOf(r.toObjectId)
      )
        continue;
      const expected = mirrorCardinality(r.cardinality);
      if (reverse.cardinality === expected) continue;
      const from = context.name(r.fromObjectId);
      const to = context.name(r.toObjectId);
      report(
        `${from} → ${to} is ${r.cardinality} but ${to} → ${from} is ${reverse.cardinality}; ` +
          `the mirror of ${r.cardinality} is ${expected}.`,
        relationshipRef(r),
      );
    }
  },

  'object-isolated': (context, report) => {
    const related = new Set<Id>();
    for (const r of context.relationships) {
      if (r.fromObjectId === r.toObjectId) continue;
      related.add(r.fromObjectId);
      related.add(r.toObjectId);
    }
    for (const o of context.objects) {
      if (!related.has(o.id)) {
        report(
          `${o.name} has no relationships: nothing nests it and it nests nothing.`,
          objectRef(o),
        );
      }
    }
  },

  'object-missing-definition': (context, report) => {
    for (const o of context.objects) {
      if (o.definition.trim() === '')
        report(`${o.name} has no definition.`, objectRef(o));
    }
  },

  'object-missing-attributes': (context, report) => {
    for (const o of context.objects) {
      if (context.attributesOf(o.id).length === 0)
        report(`${o.name} has no attributes.`, objectRef(o));
    }
  },

  'object-missing-core-attribute': (context, report) => {
    for (const o of context.objects) {
      const attributes = context.attributesOf(o.id);
      if (attributes.length > 0 && !attributes.some((a) => a.kind === 'core')) {
        report(
          `${o.name} has only metadata attributes; what is its core content?`,
          objectRef(o),
        );
      }
    }
  },

  'object-missing-ctas': (context, report) => {
    for (const o of context.objects) {
      if (context.ctasOf(o.id).length === 0) {
        report(
          `No role can do anything with ${o.name}: it has no CTAs.`,
          objectRef(o),
        );
      }
    }
  },

  'object-name-duplicate': (context, report) => {
    const first = new Map<string, OrcaObject>();
    for (const o of context.objects) {
      const earlier = first.get(normalizeName(o.name));
      if (earlier) report(`"${o.name}" names two objects.`, objectRef(o));
      else first.set(normalizeName(o.name), o);
    }
  },

  'synonym-collision': (context, report) => {
    for (const o of context.objects) {
      for (const synonym of o.synonyms) {
        const key = normalizeName(synonym);
        const others = context.objects.filter((other) => other.id !== o.id);
        const named = others.find((other) => normalizeName(other.name) === key);
        if (named) {
          report(
            `${o.name}'s synonym "${synonym}" is the name of ${named.name}.`,
            objectRef(o),
          );
          continue;
        }
        for (const other of others) {
          if (
            context.rankOf(o.id) < context.rankOf(other.id) &&
            other.synonyms.some((s) => normalizeName(s) === key)
          ) {
            report(
              `"${synonym}" is a synonym of both ${o.name} and ${other.name}.`,
              objectRef(o),
            );
          }
        }
      }
    }
  },

  'synonym-repeats-name': (context, report) => {
    for (const o of context.objects) {
      if (o.synonyms.some((s) => normalizeName(s) === normalizeName(o.name))) {
        report(`${o.name} lists its own name as a synonym.`, objectRef(o));
      }
    }
  },

  'collection-noun': (context, report) => {
    for (const o of context.objects) {
      const noun = collectionNounOf(o.name);
      if (noun) {
        report(
          `"${o.name}" sounds like a collection: a ${noun} is usually a list of other objects, ` +
            `not an object. Model what it holds instead, unless it has content of its own.`,
          objectRef(o),
        );
      }
    }
  },

  'many-to-many-without-junction': (context, report) => {
    const seen = new Set<string>();
    const joined = junctionPairs(context);
    for (const r of context.relationships) {
      if (r.cardinality !== 'many-to-many' || r.fromObjectId === r.toObjectId)
        continue;
      const [a, b] = [r.fromObjectId, r.toObjectId].sort(
        (x, y) => context.rankOf(x) - context.rankOf(y),
      );
      if (seen.has(pairKey(a, b))) continue;
      seen.add(pairKey(a, b));
      if (joined.has(pairKey(a, b))) continue;
      report(
        `${context.name(a)} ↔ ${context.name(b)} is many-to-many with no junction object; ` +
          `if the link carries data of its own (dates, status, role), model it as an object.`,
        relationshipRef(r),
      );
    }
  },

  'reference-without-relationship': (context, report) => {
    for (const a of context.attributes) {
      if (a.type !== 'reference' || a.referencedObjectId === null) continue;
      if (context.between(a.objectId, a.referencedObjectId)) continue;
      const owner = context.name(a.objectId);
      const target = context.name(a.referencedObjectId);
      report(
        `${owner}'s attribute "${a.name}" refers to ${target} but ${owner} → ${target} is empty in the NOM.`,
        { itemKind: 'attribute', id: a.id },
      );
    }
  },

  'reference-unset': (context, report) => {
    for (const a of context.attributes) {
      if (a.type === 'reference' && a.referencedObjectId === null) {
        report(
          `${context.name(a.objectId)}'s attribute "${a.name}" is a reference but does not say to which object.`,
          { itemKind: 'attribute', id: a.id },
        );
      }
    }
  },

  'cta-archived-role': (context, report) => {
    for (const cta of context.ctas) {
      const role = context.roleById.get(cta.roleId);
      if (role?.archived) {
        report(
          `${role.name} is archived but still has the CTA "${cta.verb}" on ${context.name(cta.objectId)}.`,
          { itemKind: 'cta', id: cta.id },
        );
      }
    }
  },

  'now-depends-on-later': (context, report) => {
    const isLater = (objectId: Id) =>
      context.object(objectId)?.priority === 'later';
    for (const r of context.relationships) {
      if (
        context.object(r.fromObjectId)?.priority === 'now' &&
        isLater(r.toObjectId)
      ) {
        report(
          `${context.name(r.fromObjectId)} (Now) nests ${context.name(r.toObjectId)}, which is planned for Later.`,
          relationshipRef(r),
        );
      }
    }
    for (const cta of context.ctas) {
      if (cta.priority === 'now' && isLater(cta.objectId)) {
        report(
          `The Now CTA "${cta.verb}" acts on ${context.name(cta.objectId)}, which is planned for Later.`,
          { itemKind: 'cta', id: cta.id },
        );
      }
    }
    for (const a of context.attributes) {
      if (a.priority !== 'now') continue;
      if (isLater(a.objectId)) {
        report(
          `"${a.name}" is planned for Now but its object ${context.name(a.objectId)} is planned for Later.`,
          { itemKind: 'attribute', id: a.id },
        );
      } else if (
        a.referencedObjectId !== null &&
        isLater(a.referencedObjectId)
      ) {
        report(
          `${context.name(a.objectId)}'s "${a.name}" (Now) refers to ${context.name(a.referencedObjectId)}, ` +
            `which is planned for Later.`,
          { itemKind: 'attribute', id: a.id },
        );
      }
    }
  },

  'state-unreachable': (context, report) => {
    for (const o of context.objects) {
      // The first state is where a new instance starts, reached by creating it.
      for (const state of o.states.slice(1)) {
        if (!isReachable(context, o, state)) {
          report(
            `${o.name} can be ${state.name}, but no CTA gets it there ` +
              `(no CTA names "${state.name}" in its verb or postconditions).`,
            objectRef(o),
          );
        }
      }
    }
  },

  'sip-failing': (context, report) => {
    for (const o of context.objects) {
      const failed = (['structure', 'instances', 'purpose'] as const).filter(
        (q) => o.sip[q].answer === 'no',
      );
      if (failed.length > 0) {
        report(
          `${o.name} fails the SIP check (${failed.join(', ')} answered no): it may be an attribute or not an object at all.`,
          objectRef(o),
        );
      }
    }
  },
};

/** Runs every rule not switched off, in catalogue order, each in object order. */
export function checkModel(
  model: ProjectModel,
  options: CheckOptions = {},
): Finding[] {
  const disabled = new Set<string>(options.disabledRules ?? []);
  const context = new CheckContext(model);
  const findings: Finding[] = [];
  for (const rule of CHECK_RULE_IDS) {
    if (disabled.has(rule)) continue;
    const { severity } = CHECK_RULES[rule];
    RULES[rule](context, (message, target) =>
      findings.push({ rule, severity, message, target }),
    );
  }
  return findings;
}

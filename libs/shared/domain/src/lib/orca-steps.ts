/**
 * The fifteen ORCA steps (four rounds of four, less one), each with its definition of done
 * measured on the model: the dashboard's checklist. The per-item criteria are the ones
 * completeness counts (model-facts.ts).
 */
import type { CheckRuleId, Finding } from './checks';
import type { ProjectModel } from './model';
import {
  ATTRIBUTE_CRITERIA,
  CTA_CRITERIA,
  ModelFacts,
  OBJECT_CRITERIA,
  RELATIONSHIP_CRITERIA,
} from './model-facts';

export type OrcaRound =
  | 'discovery'
  | 'requirements'
  | 'prioritization'
  | 'representation';

export const ORCA_ROUNDS: ReadonlyArray<{
  readonly round: OrcaRound;
  readonly title: string;
  readonly purpose: string;
}> = [
  {
    round: 'discovery',
    title: 'Discovery',
    purpose:
      'Find the objects, how they nest, what each role does and what they hold.',
  },
  {
    round: 'requirements',
    title: 'Requirements',
    purpose: 'Define every object, relationship, call-to-action and attribute.',
  },
  {
    round: 'prioritization',
    title: 'Prioritization',
    purpose: 'Phase the model Now, Next or Later — filtered, never deleted.',
  },
  {
    round: 'representation',
    title: 'Representation',
    purpose: 'Make sure every object can become a Card, a List and a Detail.',
  },
];

/** One of the fifteen ORCA steps, measured against the model. */
export interface OrcaStep {
  readonly number: number;
  readonly round: OrcaRound;
  readonly title: string;
  /** What the team does in this step. */
  readonly activity: string;
  /** The definition of done, as the team would check it. */
  readonly doneWhen: string;
  readonly done: boolean;
  /** Items that meet the bar out of those that must (null when the step counts nothing). */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** The part of the workspace where the work of this step happens. */
  readonly section: OrcaStepSection;
}

/** Workspace parts a step can point to (the web app's section names). */
export type OrcaStepSection =
  | 'foraging'
  | 'objects'
  | 'nom'
  | 'ctas'
  | 'attributes'
  | 'priorities';

type StepDefinition = Omit<OrcaStep, 'done' | 'progress'> & {
  readonly measure: (context: StepContext) => {
    done: boolean;
    progress: OrcaStep['progress'];
  };
};

class StepContext {
  private readonly rules: Set<CheckRuleId>;

  constructor(
    readonly facts: ModelFacts,
    readonly findings: readonly Finding[],
  ) {
    this.rules = new Set(findings.map((f) => f.rule));
  }

  has(rule: CheckRuleId): boolean {
    return this.rules.has(rule);
  }

  /** Every one of `items` passes `test`; an empty list is not done. */
  every<T>(items: readonly T[], test: (item: T) => boolean) {
    const passed = items.filter(test).length;
    return {
      done: items.length > 0 && passed === items.length,
      progress: { done: passed, total: items.length },
    };
  }

  /** Every object meets one of the object criteria. */
  everyObject(
    criterion: (typeof OBJECT_CRITERIA)[keyof typeof OBJECT_CRITERIA],
  ) {
    return this.every(this.facts.objects, (o) => criterion(this.facts, o));
  }
}

const STEPS: readonly StepDefinition[] = [
  {
    number: 1,
    round: 'discovery',
    title: 'Object discovery',
    activity:
      'Forage the nouns in research and briefs; list the candidate objects.',
    doneWhen:
      'At least two objects are listed and none is a collection noun (library, catalog, feed…).',
    section: 'foraging',
    measure: (c) => ({
      done: c.facts.objects.length >= 2 && !c.has('collection-noun'),
      progress: null,
    }),
  },
  {
    number: 2,
    round: 'discovery',
    title: 'Relationship discovery',
    activity: 'Fill the Nested Object Matrix: which object nests in which.',
    doneWhen:
      'Every object is nested with another one, and every filled cell is filled both ways.',
    section: 'nom',
    measure: (c) => {
      const result = c.everyObject(OBJECT_CRITERIA.nested);
      return {
        ...result,
        done: result.done && !c.has('relationship-one-way'),
      };
    },
  },
  {
    number: 3,
    round: 'discovery',
    title: 'CTA discovery',
    activity: 'Name the roles and what each can do to each object.',
    doneWhen: 'There is a role, and every object has at least one CTA.',
    section: 'ctas',
    measure: (c) => {
      const result = c.everyObject(OBJECT_CRITERIA.hasCtas);
      return { ...result, done: result.done && c.facts.activeRoles.length > 0 };
    },
  },
  {
    number: 4,
    round: 'discovery',
    title: 'Attribute discovery',
    activity: 'List the content of each object: core content and metadata.',
    doneWhen: 'Every object has attributes, its core content among them.',
    section: 'attributes',
    measure: (c) => c.everyObject(OBJECT_CRITERIA.hasCoreContent),
  },
  {
    number: 5,
    round: 'requirements',
    title: 'Object Guide',
    activity:
      'Define each object: definition, synonyms, examples, states, SIP check.',
    doneWhen:
      'Every object has a definition and a SIP check fully answered, and none fails it.',
    section: 'objects',
    measure: (c) => {
      const result = c.every(
        c.facts.objects,
        (o) =>
          OBJECT_CRITERIA.defined(c.facts, o) &&
          OBJECT_CRITERIA.sipAnswered(c.facts, o),
      );
      return { ...result, done: result.done && !c.has('sip-failing') };
    },
  },
  {
    number: 6,
    round: 'requirements',
    title: 'Relationship requirements',
    activity:
      'Specify each nested object: Mechanics, Cardinality, Sort, Filter, Dependency.',
    doneWhen:
      'Every relationship states its mechanics, and no pair contradicts itself on cardinality.',
    section: 'nom',
    measure: (c) => {
      const result = c.every(
        c.facts.relationships,
        RELATIONSHIP_CRITERIA.hasMechanics,
      );
      return {
        ...result,
        done: result.done && !c.has('relationship-cardinality-contradiction'),
      };
    },
  },
  {
    number: 7,
    round: 'requirements',
    title: 'CTA requirements',
    activity:
      'Turn each CTA into an object-oriented user story with its conditions.',
    doneWhen:
      'Every CTA has a user story, and none belongs to an archived role.',
    section: 'ctas',
    measure: (c) => {
      const result = c.every(c.facts.ctas, CTA_CRITERIA.hasUserStory);
      return { ...result, done: result.done && !c.has('cta-archived-role') };
    },
  },
  {
    number: 8,
    round: 'requirements',
    title: 'Attribute requirements',
    activity:
      'Specify each attribute: type, required, source, values, visibility.',
    doneWhen:
      'Every list has its values and every reference names its object and matches a relationship.',
    section: 'attributes',
    measure: (c) => {
      const result = c.every(
        c.facts.attributes,
        ATTRIBUTE_CRITERIA.typeComplete,
      );
      return {
        ...result,
        done: result.done && !c.has('reference-without-relationship'),
      };
    },
  },
  {
    number: 9,
    round: 'prioritization',
    title: 'Object prioritization',
    activity: 'Eliminate, combine or downgrade objects; phase the rest.',
    doneWhen: 'Every object is planned for Now, Next or Later.',
    section: 'priorities',
    measure: (c) => c.everyObject(OBJECT_CRITERIA.phased),
  },
  {
    number: 10,
    round: 'prioritization',
    title: 'Relationship prioritization',
    activity: 'Force-rank the nested objects; keep Now free of Later.',
    doneWhen: 'Every object is phased and no Now object nests a Later one.',
    section: 'priorities',
    measure: (c) => {
      const nowNestsLater = c.findings.some(
        (f) =>
          f.rule === 'now-depends-on-later' &&
          f.target.itemKind === 'relationship',
      );
      return {
        done: c.everyObject(OBJECT_CRITERIA.phased).done && !nowNestsLater,
        progress: null,
      };
    },
  },
  {
    number: 11,
    round: 'prioritization',
    title: 'CTA prioritization',
    activity: 'Force-rank and phase the calls-to-action.',
    doneWhen: 'Every CTA is planned for Now, Next or Later.',
    section: 'priorities',
    measure: (c) => c.every(c.facts.ctas, CTA_CRITERIA.phased),
  },
  {
    number: 12,
    round: 'prioritization',
    title: 'Attribute prioritization',
    activity: 'Force-rank each object’s attributes and phase them.',
    doneWhen: 'Every attribute is planned for Now, Next or Later.',
    section: 'priorities',
    measure: (c) => c.every(c.facts.attributes, ATTRIBUTE_CRITERIA.phased),
  },
  {
    number: 13,
    round: 'representation',
    title: 'Object representation',
    activity:
      'Sketch each object as a Card: its name and a few core attributes.',
    doneWhen: 'Every object has core content to show on its card.',
    section: 'attributes',
    measure: (c) => c.everyObject(OBJECT_CRITERIA.hasCoreContent),
  },
  {
    number: 14,
    round: 'representation',
    title: 'Relationship representation',
    activity:
      'Show nested objects as Lists on each Detail, sortable and filterable.',
    doneWhen: 'Every object has metadata to sort and filter its lists by.',
    section: 'attributes',
    measure: (c) => c.everyObject(OBJECT_CRITERIA.hasMetadata),
  },
  {
    number: 15,
    round: 'representation',
    title: 'CTA representation',
    activity: 'Place the CTAs on Details and Landings; mark the primary one.',
    doneWhen: 'Every object has a primary CTA for its Detail.',
    section: 'ctas',
    measure: (c) => c.everyObject(OBJECT_CRITERIA.hasPrimaryCta),
  },
];

/** The fifteen ORCA steps in order, each with its definition of done measured on the model. */
export function measureOrcaSteps(
  model: ProjectModel,
  findings: readonly Finding[],
  facts: ModelFacts = new ModelFacts(model),
): OrcaStep[] {
  const context = new StepContext(facts, findings);
  return STEPS.map(({ measure, ...step }) => ({
    ...step,
    ...measure(context),
  }));
}

/**
 * How far a model has come through the four ORCA rounds, and whether it is ready to hand off.
 *
 * Each round is the share of its "slots" that are filled, rounded to a whole percent (0 when the
 * round has no slots yet):
 * - discovery: per object — nested in the NOM (a relationship with another object), has an
 *   attribute, has a CTA; plus one slot for having at least one role;
 * - requirements: per object — a definition, all three SIP questions answered; per relationship —
 *   its mechanics; per CTA — its user story; per attribute — its type is complete (a list has
 *   values, a reference names its object);
 * - prioritization: per object, CTA and attribute — a priority is set;
 * - representation: per object — core content for its Card, metadata for its List's sort and
 *   filter, a primary CTA for its Detail.
 * The criteria themselves live in model-facts.ts, where the ORCA steps (orca-steps.ts) take them.
 */
import { checkModel, type CheckOptions, type Finding } from './checks';
import type { ProjectModel } from './model';
import {
  ATTRIBUTE_CRITERIA,
  CTA_CRITERIA,
  ModelFacts,
  OBJECT_CRITERIA,
  RELATIONSHIP_CRITERIA,
} from './model-facts';

export interface RoundCompleteness {
  readonly discovery: number;
  readonly requirements: number;
  readonly prioritization: number;
  readonly representation: number;
}

class Tally {
  private done = 0;
  private total = 0;

  count(filled: boolean): void {
    this.total++;
    if (filled) this.done++;
  }

  get percent(): number {
    return this.total === 0 ? 0 : Math.round((100 * this.done) / this.total);
  }
}

export function measureCompleteness(
  model: ProjectModel,
  facts: ModelFacts = new ModelFacts(model),
): RoundCompleteness {
  const o = OBJECT_CRITERIA;
  const discovery = new Tally();
  const requirements = new Tally();
  const prioritization = new Tally();
  const representation = new Tally();
  if (facts.objects.length > 0) discovery.count(facts.roles.length > 0);
  for (const object of facts.objects) {
    discovery.count(o.nested(facts, object));
    discovery.count(o.hasAttributes(facts, object));
    discovery.count(o.hasCtas(facts, object));
    requirements.count(o.defined(facts, object));
    requirements.count(o.sipAnswered(facts, object));
    prioritization.count(o.phased(facts, object));
    representation.count(o.hasCoreContent(facts, object));
    representation.count(o.hasMetadata(facts, object));
    representation.count(o.hasPrimaryCta(facts, object));
  }
  for (const r of facts.relationships)
    requirements.count(RELATIONSHIP_CRITERIA.hasMechanics(r));
  for (const c of facts.ctas) {
    requirements.count(CTA_CRITERIA.hasUserStory(c));
    prioritization.count(CTA_CRITERIA.phased(c));
  }
  for (const a of facts.attributes) {
    requirements.count(ATTRIBUTE_CRITERIA.typeComplete(a));
    prioritization.count(ATTRIBUTE_CRITERIA.phased(a));
  }
  return {
    discovery: discovery.percent,
    requirements: requirements.percent,
    prioritization: prioritization.percent,
    representation: representation.percent,
  };
}

export type ReadinessStatus = 'not-ready' | 'needs-work' | 'ready';

export interface Readiness {
  readonly status: ReadinessStatus;
  /** Why it is not ready, in words for the facilitator; empty when ready. */
  readonly reasons: readonly string[];
}

/** The thresholds of the readiness verdict. */
export const READINESS_THRESHOLDS = {
  /** Below this, discovery is too thin to call the model anything but not ready. */
  minimumDiscovery: 50,
  /** Ready needs at least this much of round 2 written down. */
  readyRequirements: 80,
} as const;

/**
 * Ready to hand off to developers: no errors, no warnings, discovery complete, requirements at
 * least 80% written and every object phased. Not ready: no objects or roles, any error, or
 * discovery under half done. Anything in between needs work.
 */
export function assessReadiness(
  model: ProjectModel,
  findings: readonly Finding[],
  completeness: RoundCompleteness,
): Readiness {
  const blocking: string[] = [];
  const gaps: string[] = [];
  const objects = Object.values(model.objects);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (objects.length === 0) blocking.push('The model has no objects yet.');
  if (Object.keys(model.roles).length === 0)
    blocking.push('The model has no roles yet.');
  if (errors > 0) blocking.push(`${plural(errors, 'error')} to fix.`);
  if (
    objects.length > 0 &&
    completeness.discovery < READINESS_THRESHOLDS.minimumDiscovery
  ) {
    blocking.push(`Discovery is only ${completeness.discovery}% done.`);
  }
  if (blocking.length > 0) return { status: 'not-ready', reasons: blocking };

  if (warnings > 0) gaps.push(`${plural(warnings, 'warning')} to look at.`);
  if (completeness.discovery < 100)
    gaps.push(`Discovery is ${completeness.discovery}% done.`);
  if (completeness.requirements < READINESS_THRESHOLDS.readyRequirements) {
    gaps.push(`Requirements are ${completeness.requirements}% written.`);
  }
  const unphased = objects.filter((o) => o.priority === null).length;
  if (unphased > 0)
    gaps.push(
      `${plural(unphased, 'object')} not yet phased Now, Next or Later.`,
    );
  return gaps.length > 0
    ? { status: 'needs-work', reasons: gaps }
    : { status: 'ready', reasons: [] };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export interface ModelReview {
  readonly findings: readonly Finding[];
  readonly completeness: RoundCompleteness;
  readonly readiness: Readiness;
}

/** Findings, completeness and readiness in one call (what `GET …/validation` answers). */
export function reviewModel(
  model: ProjectModel,
  options: CheckOptions = {},
): ModelReview {
  const findings = checkModel(model, options);
  const completeness = measureCompleteness(model);
  return {
    findings,
    completeness,
    readiness: assessReadiness(model, findings, completeness),
  };
}

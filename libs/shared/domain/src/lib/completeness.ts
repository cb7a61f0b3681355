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
 */
import { checkModel, type CheckOptions, type Finding } from './checks';
import { SIP_QUESTIONS, type ProjectModel } from './model';

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

export function measureCompleteness(model: ProjectModel): RoundCompleteness {
  const objects = Object.values(model.objects);
  const relationships = Object.values(model.relationships);
  const attributes = Object.values(model.attributes);
  const ctas = Object.values(model.ctas);
  const nested = new Set<string>();
  for (const r of relationships) {
    if (r.fromObjectId === r.toObjectId) continue;
    nested.add(r.fromObjectId);
    nested.add(r.toObjectId);
  }
  const attributesOf = (id: string) =>
    attributes.filter((a) => a.objectId === id);
  const ctasOf = (id: string) => ctas.filter((c) => c.objectId === id);

  const discovery = new Tally();
  const requirements = new Tally();
  const prioritization = new Tally();
  const representation = new Tally();
  if (objects.length > 0) discovery.count(Object.keys(model.roles).length > 0);
  for (const o of objects) {
    const own = attributesOf(o.id);
    const acts = ctasOf(o.id);
    discovery.count(nested.has(o.id));
    discovery.count(own.length > 0);
    discovery.count(acts.length > 0);
    requirements.count(o.definition.trim() !== '');
    requirements.count(SIP_QUESTIONS.every((q) => o.sip[q].answer !== null));
    prioritization.count(o.priority !== null);
    representation.count(own.some((a) => a.kind === 'core'));
    representation.count(own.some((a) => a.kind === 'metadata'));
    representation.count(acts.some((c) => c.primary));
  }
  for (const r of relationships) requirements.count(r.mechanics.trim() !== '');
  for (const c of ctas) {
    requirements.count(c.userStory.trim() !== '');
    prioritization.count(c.priority !== null);
  }
  for (const a of attributes) {
    requirements.count(
      (a.type !== 'list' || a.listValues.length > 0) &&
        (a.type !== 'reference' || a.referencedObjectId !== null),
    );
    prioritization.count(a.priority !== null);
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

import {
  ATTRIBUTE_TYPES,
  applyChange,
  attributesOf,
  keysBetween,
  newAttribute,
  objectsInOrder,
  sameName,
  validateChange,
  type AttributeKind,
  type AttributeType,
  type Change,
  type Id,
  type ProjectModel,
} from '@orca/shared/domain';
import { newId } from '../shared/ids';
import { attributeTypeAlias } from '../shared/vocabulary';

/** One pasted line, read as an attribute, with what stops it from being added. */
export interface AttributeLine {
  readonly line: number;
  readonly text: string;
  readonly name: string;
  readonly type: AttributeType;
  readonly kind: AttributeKind;
  readonly required: boolean;
  readonly listValues: readonly string[];
  readonly referencedObjectId: Id | null;
  /** Null when the line can be added. */
  readonly problem: string | null;
  /** The create that adds it (present even when refused, for the preview). */
  readonly change: Change;
}

const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;
const FLAGS: Readonly<Record<string, 'metadata' | 'core' | 'required'>> = {
  metadata: 'metadata',
  meta: 'metadata',
  core: 'core',
  required: 'required',
  mandatory: 'required',
};

/**
 * Reads pasted lines, one attribute per line: `Name`, or `Name: type`, optionally followed by list
 * values in parentheses, a referenced object's name, and the words `metadata`/`core`/`required`:
 * `Level: list (Beginner, Advanced) metadata required`, `Author: reference Learner Profile`.
 * Each line is checked against the model and the lines above it, as the server would.
 */
export function readAttributeLines(
  text: string,
  model: ProjectModel,
  objectId: Id,
): AttributeLine[] {
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.replace(BULLET, '').trim() }))
    .filter((l) => l.text !== '');
  const existing = attributesOf(model, objectId);
  const keys = keysBetween(
    existing.at(-1)?.orderKey ?? null,
    null,
    lines.length,
  );
  let scratch = model;
  return lines.map(({ line, text }, i) => {
    const parsed = parseLine(text, model);
    const attribute = newAttribute({
      id: newId(),
      objectId,
      name: parsed.name,
      type: parsed.type,
      kind: parsed.kind,
      required: parsed.required,
      listValues: parsed.listValues,
      referencedObjectId: parsed.referencedObjectId,
      orderKey: keys[i],
    });
    const change: Change = { kind: 'attribute.create', attribute };
    let problem = parsed.problem;
    if (problem === null) {
      const problems = validateChange(scratch, change);
      if (problems.length > 0) problem = problems[0].message;
      else scratch = applyChange(scratch, change).model;
    }
    return { line, text, ...parsed, problem, change };
  });
}

interface Parsed {
  name: string;
  type: AttributeType;
  kind: AttributeKind;
  required: boolean;
  listValues: string[];
  referencedObjectId: Id | null;
  problem: string | null;
}

function parseLine(text: string, model: ProjectModel): Parsed {
  const colon = text.indexOf(':');
  const parsed: Parsed = {
    name: (colon < 0 ? text : text.slice(0, colon)).trim(),
    type: 'text',
    kind: 'core',
    required: false,
    listValues: [],
    referencedObjectId: null,
    problem: null,
  };
  if (colon < 0) return parsed;
  let rest = text.slice(colon + 1).trim();
  const values = /\(([^)]*)\)/.exec(rest);
  if (values) {
    parsed.listValues = values[1]
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    rest = (
      rest.slice(0, values.index) + rest.slice(values.index + values[0].length)
    ).trim();
  }
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const typeWord = words.shift()?.toLowerCase();
  if (typeWord !== undefined) {
    const type = toAttributeType(typeWord);
    if (!type) {
      parsed.problem = `"${typeWord}" is not a type; use one of ${ATTRIBUTE_TYPES.join(', ')}.`;
      return parsed;
    }
    parsed.type = type;
  }
  const others: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    const flag = Object.hasOwn(FLAGS, lower) ? FLAGS[lower] : undefined;
    if (flag === 'required') parsed.required = true;
    else if (flag) parsed.kind = flag;
    else others.push(word);
  }
  if (parsed.type === 'reference' && others.length > 0) {
    const name = others.join(' ');
    const target = objectsInOrder(model).find((o) => sameName(o.name, name));
    if (target) parsed.referencedObjectId = target.id;
    else parsed.problem = `No object is named "${name}".`;
  }
  return parsed;
}

function toAttributeType(word: string): AttributeType | undefined {
  return (ATTRIBUTE_TYPES as readonly string[]).includes(word)
    ? (word as AttributeType)
    : attributeTypeAlias(word);
}

/** The list values of a list attribute as people type them: comma-separated. */
export function parseListValues(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Shape rules for every field of every item: types, required fields, lengths, allowed values.
 * They need nothing but the value itself; rules across items live in validation.ts.
 */
import {
  ATTRIBUTE_KINDS,
  ATTRIBUTE_TYPES,
  CARDINALITIES,
  CRUD_CLASSES,
  LIST_MAX_ENTRIES,
  LONG_TEXT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PRIORITIES,
  SCORE_MAX,
  SCORE_MIN,
  SHORT_TEXT_MAX_LENGTH,
  SIP_ANSWERS,
  type Attribute,
  type Cta,
  type ItemKind,
  type OrcaObject,
  type Relationship,
  type Role,
} from './model';
import { normalizeName, textLength } from './names';
import { isUuid } from './ids';
import { isOrderKey } from './ordering';
import { problem, type Problem } from './problems';

/** Checks one value found at `field` (a dotted path) and says what is wrong with it. */
export type FieldRule = (value: unknown, field: string) => Problem[];

/** The last segment of a path, which is what a person calls the field. */
export function fieldLabel(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}

export function isPlainRecord(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function wrongType(field: string, expected: string, value: unknown): Problem[] {
  return [
    problem(
      field,
      'invalid_type',
      `${fieldLabel(field)} must be ${expected}, not ${describe(value)}.`,
    ),
  ];
}

/** An item id: a client-generated UUID (see ids.ts). */
export const idRule: FieldRule = (value, field) => {
  if (typeof value !== 'string')
    return wrongType(field, 'an id (a UUID)', value);
  return isUuid(value)
    ? []
    : [
        problem(
          field,
          'invalid_id',
          `${fieldLabel(field)} must be a UUID in lowercase (like 0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c), not ${describe(value)}.`,
        ),
      ];
};

/** A name: required, trimmed, at most NAME_MAX_LENGTH characters. */
export const nameRule: FieldRule = (value, field) => {
  if (typeof value !== 'string') return wrongType(field, 'a text', value);
  const label = fieldLabel(field);
  if (value.trim() === '')
    return [problem(field, 'empty', `${label} must not be empty.`)];
  if (value.trim() !== value) {
    return [
      problem(
        field,
        'untrimmed',
        `${label} must not start or end with spaces.`,
      ),
    ];
  }
  if (textLength(value) > NAME_MAX_LENGTH) {
    return [
      problem(
        field,
        'too_long',
        `${label} must be at most ${NAME_MAX_LENGTH} characters (it has ${textLength(value)}).`,
      ),
    ];
  }
  return [];
};

/** Free text up to `max` characters; empty allowed unless `required`. */
export function textRule(
  max: number,
  options: { required?: boolean } = {},
): FieldRule {
  return (value, field) => {
    if (typeof value !== 'string') return wrongType(field, 'a text', value);
    if (options.required && value.trim() === '') {
      return [
        problem(field, 'empty', `${fieldLabel(field)} must not be empty.`),
      ];
    }
    if (textLength(value) > max) {
      return [
        problem(
          field,
          'too_long',
          `${fieldLabel(field)} must be at most ${max} characters (it has ${textLength(value)}).`,
        ),
      ];
    }
    return [];
  };
}

export const labelRule = textRule(NAME_MAX_LENGTH);
export const shortTextRule = textRule(SHORT_TEXT_MAX_LENGTH);
export const longTextRule = textRule(LONG_TEXT_MAX_LENGTH);
const entryRule = textRule(SHORT_TEXT_MAX_LENGTH, { required: true });

export const booleanRule: FieldRule = (value, field) =>
  typeof value === 'boolean' ? [] : wrongType(field, 'true or false', value);

export function oneOfRule(allowed: readonly string[]): FieldRule {
  return (value, field) =>
    typeof value === 'string' && allowed.includes(value)
      ? []
      : [
          problem(
            field,
            'invalid_value',
            `${fieldLabel(field)} must be one of ${allowed.join(', ')}, not ${describe(value)}.`,
          ),
        ];
}

export function nullableRule(rule: FieldRule): FieldRule {
  return (value, field) => (value === null ? [] : rule(value, field));
}

export const priorityRule = nullableRule(oneOfRule(PRIORITIES));

export const scoreRule: FieldRule = (value, field) => {
  if (value === null) return [];
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < SCORE_MIN ||
    value > SCORE_MAX
  ) {
    return [
      problem(
        field,
        'out_of_range',
        `${fieldLabel(field)} must be a whole number from ${SCORE_MIN} to ${SCORE_MAX} or empty, not ${describe(value)}.`,
      ),
    ];
  }
  return [];
};

export const orderKeyRule: FieldRule = (value, field) =>
  isOrderKey(value)
    ? []
    : [
        problem(
          field,
          'invalid_order_key',
          `${fieldLabel(field)} must be a fractional order key, not ${describe(value)}.`,
        ),
      ];

const finiteNumberRule: FieldRule = (value, field) =>
  typeof value === 'number' && Number.isFinite(value)
    ? []
    : wrongType(field, 'a number', value);

/** A list of entries, each checked by `entry`; with `unique`, no two entries may share a name. */
export function listRule(
  entry: FieldRule,
  options: { unique?: boolean } = {},
): FieldRule {
  return (value, field) => {
    if (!Array.isArray(value)) return wrongType(field, 'a list', value);
    if (value.length > LIST_MAX_ENTRIES) {
      return [
        problem(
          field,
          'too_many',
          `${fieldLabel(field)} may hold at most ${LIST_MAX_ENTRIES} entries.`,
        ),
      ];
    }
    const problems = value.flatMap((item, i) => entry(item, `${field}[${i}]`));
    if (options.unique && problems.length === 0) {
      const seen = new Set<string>();
      value.forEach((item: string, i) => {
        const key = normalizeName(item);
        if (seen.has(key)) {
          problems.push(
            problem(
              `${field}[${i}]`,
              'duplicate_value',
              `"${item}" appears twice in ${fieldLabel(field)}.`,
            ),
          );
        }
        seen.add(key);
      });
    }
    return problems;
  };
}

export type Schema = Readonly<Record<string, FieldRule>>;

export function joinPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/**
 * Checks a record against a schema: unknown fields, missing fields (unless `partial`), and each
 * field's rule. Keys whose value is `undefined` count as absent, as they would after JSON.
 */
export function checkRecord(
  schema: Schema,
  value: unknown,
  prefix: string,
  options: {
    partial?: boolean;
    readOnly?: Readonly<Record<string, string>>;
  } = {},
): Problem[] {
  if (!isPlainRecord(value))
    return wrongType(prefix || 'value', 'an object', value);
  const problems: Problem[] = [];
  for (const [key, fieldValue] of Object.entries(value)) {
    if (fieldValue === undefined) continue;
    const field = joinPath(prefix, key);
    const changeInstead = options.readOnly?.[key];
    if (changeInstead !== undefined) {
      problems.push(
        problem(
          field,
          'read_only_field',
          `${key} cannot be patched; use ${changeInstead}.`,
        ),
      );
    } else if (!Object.hasOwn(schema, key)) {
      problems.push(
        problem(field, 'unknown_field', `${key} is not a field here.`),
      );
    } else {
      problems.push(...schema[key](fieldValue, field));
    }
  }
  if (!options.partial) {
    for (const key of Object.keys(schema)) {
      if (value[key] === undefined) {
        problems.push(
          problem(joinPath(prefix, key), 'required', `${key} is required.`),
        );
      }
    }
  }
  return problems;
}

function recordRule(schema: Schema): FieldRule {
  return (value, field) => checkRecord(schema, value, field);
}

const sipEntryRule = recordRule({
  answer: nullableRule(oneOfRule(SIP_ANSWERS)),
  note: shortTextRule,
});

const stateRule = recordRule({
  name: nameRule,
  description: longTextRule,
  transitions: listRule(nameRule, { unique: true }),
});

/** States: unique names, and transitions only to states of the same list. */
const statesRule: FieldRule = (value, field) => {
  const problems = listRule(stateRule)(value, field);
  if (problems.length > 0 || !Array.isArray(value)) return problems;
  const states = value as OrcaObject['states'];
  const names = new Set<string>();
  states.forEach((state, i) => {
    const key = normalizeName(state.name);
    if (names.has(key)) {
      problems.push(
        problem(
          `${field}[${i}].name`,
          'duplicate_name',
          `The state "${state.name}" is listed twice.`,
        ),
      );
    }
    names.add(key);
  });
  states.forEach((state, i) =>
    state.transitions.forEach((target, j) => {
      if (!names.has(normalizeName(target))) {
        problems.push(
          problem(
            `${field}[${i}].transitions[${j}]`,
            'unknown_state',
            `"${state.name}" moves to "${target}", which is not one of the states.`,
          ),
        );
      }
    }),
  );
  return problems;
};

export const OBJECT_SCHEMA = {
  id: idRule,
  name: nameRule,
  definition: longTextRule,
  synonyms: listRule(nameRule, { unique: true }),
  examples: listRule(entryRule),
  states: statesRule,
  sip: recordRule({
    structure: sipEntryRule,
    instances: sipEntryRule,
    purpose: sipEntryRule,
  }),
  openQuestions: listRule(entryRule),
  priority: priorityRule,
  score: scoreRule,
  orderKey: orderKeyRule,
  position: nullableRule(
    recordRule({ x: finiteNumberRule, y: finiteNumberRule }),
  ),
} as const satisfies Record<keyof OrcaObject, FieldRule>;

export const RELATIONSHIP_SCHEMA = {
  id: idRule,
  fromObjectId: idRule,
  toObjectId: idRule,
  label: labelRule,
  cardinality: oneOfRule(CARDINALITIES),
  required: booleanRule,
  mechanics: longTextRule,
  sort: shortTextRule,
  filter: shortTextRule,
  dependency: longTextRule,
  notes: longTextRule,
} as const satisfies Record<keyof Relationship, FieldRule>;

export const ROLE_SCHEMA = {
  id: idRule,
  name: nameRule,
  description: longTextRule,
  archived: booleanRule,
  orderKey: orderKeyRule,
} as const satisfies Record<keyof Role, FieldRule>;

export const CTA_SCHEMA = {
  id: idRule,
  roleId: idRule,
  objectId: idRule,
  verb: nameRule,
  crud: oneOfRule(CRUD_CLASSES),
  primary: booleanRule,
  preconditions: longTextRule,
  postconditions: longTextRule,
  requiredState: nullableRule(nameRule),
  userStory: longTextRule,
  priority: priorityRule,
  score: scoreRule,
  orderKey: orderKeyRule,
} as const satisfies Record<keyof Cta, FieldRule>;

export const ATTRIBUTE_SCHEMA = {
  id: idRule,
  objectId: idRule,
  name: nameRule,
  type: oneOfRule(ATTRIBUTE_TYPES),
  kind: oneOfRule(ATTRIBUTE_KINDS),
  required: booleanRule,
  defaultValue: nullableRule(shortTextRule),
  listValues: listRule(nameRule, { unique: true }),
  referencedObjectId: nullableRule(idRule),
  description: longTextRule,
  source: shortTextRule,
  visibility: shortTextRule,
  priority: priorityRule,
  score: scoreRule,
  orderKey: orderKeyRule,
} as const satisfies Record<keyof Attribute, FieldRule>;

export const SCHEMA_OF: Readonly<Record<ItemKind, Schema>> = {
  object: OBJECT_SCHEMA,
  relationship: RELATIONSHIP_SCHEMA,
  role: ROLE_SCHEMA,
  cta: CTA_SCHEMA,
  attribute: ATTRIBUTE_SCHEMA,
};

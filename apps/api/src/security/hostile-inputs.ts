/**
 * Hostile inputs for the fuzz suite (`fuzz.spec.ts`), generated with fast-check from the
 * OpenAPI schemas: every value a careless or malicious client could send where a field, a path
 * parameter, a query parameter or a whole body goes. Pure data and arbitraries, no test runner.
 */
import fc from 'fast-check';

/** The subset of JSON Schema the committed OpenAPI spec uses. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: readonly unknown[];
  properties?: Record<string, Schema>;
  required?: readonly string[];
  items?: Schema;
  nullable?: boolean;
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  additionalProperties?: boolean | Schema;
  $ref?: string;
  allOf?: readonly Schema[];
  oneOf?: readonly Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{
    name: string;
    in: 'path' | 'query' | 'header' | 'cookie';
    required?: boolean;
    schema?: Schema;
  }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface Operation {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the spec: `/api/v1/projects/{projectId}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: ReadonlyArray<{
    name: string;
    required: boolean;
    schema: Schema;
  }>;
  /** The JSON body's schema, `$ref`s and `allOf`s resolved (the first of a `oneOf`). */
  readonly body: Schema | null;
}

/** Every operation of the spec, with its schemas resolved. */
export function readOperations(document: OpenApiDocument): Operation[] {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (depth > 8) return schema;
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop() ?? '';
      return resolve(document.components.schemas[name] ?? {}, depth + 1);
    }
    if (schema.allOf) {
      const merged = schema.allOf.reduce<Schema>(
        (all, part) => ({ ...all, ...resolve(part, depth + 1) }),
        {},
      );
      return { ...merged, nullable: schema.nullable ?? merged.nullable };
    }
    if (schema.oneOf?.[0]) return resolve(schema.oneOf[0], depth + 1);
    return {
      ...schema,
      ...(schema.properties && {
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([key, value]) => [
            key,
            resolve(value, depth + 1),
          ]),
        ),
      }),
      ...(schema.items && { items: resolve(schema.items, depth + 1) }),
    };
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!operation.operationId) continue;
      const parameters = operation.parameters ?? [];
      const json = operation.requestBody?.content['application/json']?.schema;
      operations.push({
        id: operation.operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            schema: resolve(p.schema ?? {}),
          })),
        body: json ? resolve(json) : null,
      });
    }
  }
  return operations;
}

/** Strings that have broken other systems: injections, markup, formulas, Unicode edge cases. */
export const HOSTILE_STRINGS: Readonly<Record<string, string>> = {
  sqlTautology: "' OR '1'='1",
  sqlDrop: "x'); DROP TABLE projects; --",
  sqlSleep: '1; SELECT pg_sleep(10); --',
  sqlUnion: '" UNION SELECT password_hash FROM users --',
  sqlCast: "'::uuid",
  script: '<script>alert(1)</script>',
  imgOnerror: '<img src=x onerror=alert(1)>',
  svgOnload: '"><svg onload=alert(1)>',
  markdownJsLink: '[link](javascript:alert(1))',
  formulaCmd: "=cmd|' /C calc'!A0",
  formulaHyperlink: '=HYPERLINK("http://x")',
  formulaPlus: '+1',
  formulaMinus: '-1+1',
  formulaAt: '@SUM(1)',
  nul: 'a\u0000b',
  loneHighSurrogate: 'a\uD800b',
  loneLowSurrogate: '\uDFFF',
  rtlOverride: 'txt.\u202Eexe',
  zeroWidth: '\u200B\u200C\u200D\u2060\uFEFF',
  emojiZwj: '👩‍👩‍👧‍👦🏳️‍🌈',
  combiningMarks: 'Z\u0351\u0362\u0336\u0321a\u0337\u0334l\u0338g\u0335o',
  lineSeparators: 'a\r\nb\u2028c\u2029d\u0085e',
  controlCharacters: '\u0001\u0007\u001b[31m\u007f',
  pathTraversal: '../../../../etc/passwd',
  templateInjection: '${7*7}{{7*7}}<%= 7*7 %>',
  prototypeKey: '__proto__',
  constructorKey: 'constructor',
  numberLike: '1e309',
  emptyString: '',
  spaces: '   ',
  notAUuid: 'o1',
  uppercaseUuid: '0B7E5A3C-2F4D-4E8A-9C1B-6D5F4E3A2B1C',
  bracedUuid: '{0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c}',
  uuidWithSql: "0b7e5a3c-2f4d-4e8a-9c1b-6d5f4e3a2b1c' OR '1'='1",
};

/** Values of the wrong type for nearly any field. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [null],
  {},
  { $gt: '' },
  ['a', 1, null, {}],
];

/** Lengths just over typical limits, over the largest text limit (1 MiB), and over the body limit. */
export const HUGE_LENGTHS = [121, 5_001, 20_001, 1_100_000] as const;
export const OVER_BODY_LIMIT = 5 * 1024 * 1024 + 1024;

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A value nested `depth` levels deep, alternating arrays and objects. */
export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++)
    value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** One hostile value, labelled with what it is (for the report). */
export interface Hostile {
  readonly label: string;
  readonly value: unknown;
}

const hostileString: fc.Arbitrary<Hostile> = fc
  .constantFrom(...Object.entries(HOSTILE_STRINGS))
  .map(([label, value]) => ({ label: `string:${label}`, value }));

const hugeString: fc.Arbitrary<Hostile> = fc
  .tuple(
    fc.constantFrom(...HUGE_LENGTHS),
    fc.constantFrom('x', '€', '👩‍👩‍👧', '<b>'),
  )
  .map(([length, unit]) => ({
    label: `huge:${length}×${unit}`,
    value: unit.repeat(Math.ceil(length / unit.length)),
  }));

const wrongType: fc.Arbitrary<Hostile> = fc
  .constantFrom(...WRONG_TYPES)
  .map((value) => ({ label: `type:${JSON.stringify(value)}`, value }));

const deep: fc.Arbitrary<Hostile> = fc
  .constantFrom(16, 200, 2_000)
  .map((depth) => ({ label: `deep:${depth}`, value: nested(depth) }));

/** Random Unicode, including astral planes and unpaired surrogates. */
const randomText: fc.Arbitrary<Hostile> = fc
  .string({ unit: 'binary', maxLength: 40 })
  .map((value) => ({ label: 'random:unicode', value }));

/** A hostile value for a field of this schema: often its own type gone wrong, sometimes anything. */
export function hostileValue(
  schema: Schema | undefined,
): fc.Arbitrary<Hostile> {
  const own: Array<fc.Arbitrary<Hostile>> = [];
  if (schema?.enum) {
    own.push(
      fc
        .constantFrom(
          ...schema.enum.map((v) => String(v).toUpperCase()),
          `${String(schema.enum[0])} `,
          'none',
        )
        .map((value) => ({ label: 'enum:outside', value })),
    );
  }
  if (schema?.type === 'number' || schema?.type === 'integer') {
    own.push(
      fc
        .constantFrom(
          (schema.minimum ?? 0) - 1,
          (schema.maximum ?? 1e9) + 1,
          0.5,
          -1e308,
          '7',
          '',
        )
        .map((value) => ({ label: `number:${JSON.stringify(value)}`, value })),
    );
  }
  if (schema?.format === 'uuid') {
    own.push(
      fc
        .constantFrom(
          'o1',
          'not-a-uuid',
          HOSTILE_STRINGS['uppercaseUuid'],
          HOSTILE_STRINGS['bracedUuid'],
          HOSTILE_STRINGS['uuidWithSql'],
          '00000000000000000000000000000000',
        )
        .map((value) => ({ label: `uuid:${value.slice(0, 12)}`, value })),
    );
  }
  if (schema?.type === 'array') {
    own.push(
      hostileString.map((h) => ({
        label: `array-of:${h.label}`,
        value: [h.value],
      })),
      fc
        .constant('array:10001')
        .map((label) => ({ label, value: new Array(10_001).fill('x') })),
    );
  }
  return fc.oneof(
    { arbitrary: hostileString, weight: 5 },
    { arbitrary: wrongType, weight: 3 },
    { arbitrary: hugeString, weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: randomText, weight: 1 },
    ...own.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
}

/** What the fuzzer sends as a body: a JSON value, or raw bytes with a content type. */
export type BodyInput =
  | { readonly label: string; readonly json: unknown }
  | {
      readonly label: string;
      readonly raw: string;
      readonly contentType: string;
    };

/** The paths of a body's fields that the schema names (`name`, `sip.structure.note`, `states[0].name`). */
function fieldPaths(
  schema: Schema,
  prefix: string[] = [],
  depth = 0,
): string[][] {
  if (depth > 3 || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([key, child]) => [
    [...prefix, key],
    ...(child.type === 'array' && child.items?.properties
      ? fieldPaths(child.items, [...prefix, key, '0'], depth + 1)
      : fieldPaths(child, [...prefix, key], depth + 1)),
  ]);
}

/** Every path into a JSON value (objects and arrays), for values the schema leaves open. */
export function valuePaths(
  value: unknown,
  prefix: string[] = [],
  depth = 0,
): string[][] {
  if (depth > 6 || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...valuePaths(child, [...prefix, key], depth + 1),
  ]);
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `value` with the field at `path` set to `replacement` (created when missing). */
export function withField(
  value: unknown,
  path: readonly string[],
  replacement: unknown,
): unknown {
  const copy = clone(value);
  if (path.length === 0) return replacement;
  let cursor = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = cursor[key];
    if (typeof next !== 'object' || next === null) cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[path[path.length - 1] as string] = replacement;
  return copy;
}

function withoutField(value: unknown, path: readonly string[]): unknown {
  const copy = clone(value);
  let cursor = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = cursor[key];
    if (typeof next !== 'object' || next === null) return copy;
    cursor = next as Record<string, unknown>;
  }
  delete cursor[path[path.length - 1] as string];
  return copy;
}

function schemaAt(schema: Schema, path: readonly string[]): Schema | undefined {
  let cursor: Schema | undefined = schema;
  for (const key of path) {
    if (!cursor) return undefined;
    cursor = /^\d+$/.test(key) ? cursor.items : cursor.properties?.[key];
  }
  return cursor;
}

/** JSON text of `base` with a prototype-pollution key spliced in at `path` (JSON.stringify cannot write `__proto__`). */
function withPrototypeKey(
  base: unknown,
  key: string,
  path: readonly string[],
): string {
  const marker = '__fuzz_marker__';
  const payload =
    key === '__proto__'
      ? '"__proto__":{"polluted":"yes","isAdmin":true}'
      : `"${key}":{"prototype":{"polluted":"yes"},"polluted":"yes"}`;
  return JSON.stringify(withField(base, [...path, marker], 0)).replace(
    `"${marker}":0`,
    payload,
  );
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let cursor = value;
  for (const key of path) {
    if (typeof cursor !== 'object' || cursor === null) return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  return cursor;
}

/** Bodies no parser should choke on, built only when drawn (a few are megabytes). */
const RAW_BODIES: ReadonlyArray<{
  label: string;
  contentType: string;
  raw: (base: unknown) => string;
}> = [
  {
    label: 'raw:truncated',
    contentType: 'application/json',
    raw: (base) => JSON.stringify(base).slice(0, -1),
  },
  {
    label: 'raw:trailing-garbage',
    contentType: 'application/json',
    raw: (base) => `${JSON.stringify(base)}}{`,
  },
  {
    label: 'raw:not-json',
    contentType: 'application/json',
    raw: () => "<?xml version='1.0'?><a/>",
  },
  {
    label: 'raw:bad-escape',
    contentType: 'application/json',
    raw: () => '{"name":"\\u12"}',
  },
  {
    label: 'raw:deep-20000',
    contentType: 'application/json',
    raw: () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  },
  {
    label: 'raw:deep-object-5000',
    contentType: 'application/json',
    raw: () => `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  },
  {
    label: 'raw:duplicate-keys',
    contentType: 'application/json',
    raw: () => `{"name":"a","name":{"$ne":1},"__proto__":[]}`,
  },
  {
    label: 'raw:over-body-limit',
    contentType: 'application/json',
    raw: () => `{"name":"${'x'.repeat(OVER_BODY_LIMIT)}"}`,
  },
  {
    label: 'raw:text-plain',
    contentType: 'text/plain',
    raw: (base) => JSON.stringify(base),
  },
  {
    label: 'raw:form',
    contentType: 'application/x-www-form-urlencoded',
    raw: () =>
      'name=%3Cscript%3E&__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
  },
  {
    label: 'raw:multipart-garbage',
    contentType: 'multipart/form-data; boundary=x',
    raw: () =>
      '--x\r\nContent-Disposition: form-data; name="file"; filename="../../a.txt"\r\n\r\nhi\r\n',
  },
  {
    label: 'raw:charset',
    contentType: 'application/json; charset=utf-7',
    raw: (base) => JSON.stringify(base),
  },
  {
    label: 'raw:latin1',
    contentType: 'application/json; charset=latin1',
    raw: () => '{"name":"caf\u00e9"}',
  },
];

/**
 * Bodies built from a valid `base` by one hostile mutation, or raw bytes no parser should choke
 * on. `fields` names what to aim at when the schema leaves the body open (`change` bodies).
 */
export function bodyMutation(
  schema: Schema | null,
  base: unknown,
): fc.Arbitrary<BodyInput> {
  const schemaFields = schema ? fieldPaths(schema) : [];
  const paths = [...schemaFields, ...valuePaths(base)].filter(
    (path, i, all) =>
      all.findIndex((p) => p.join('.') === path.join('.')) === i,
  );
  const required = (schema?.required ?? []).map((key) => [key]);
  const choices: Array<{ arbitrary: fc.Arbitrary<BodyInput>; weight: number }> =
    [];
  if (paths.length > 0) {
    choices.push({
      weight: 10,
      arbitrary: fc.constantFrom(...paths).chain((path) =>
        hostileValue(schema ? schemaAt(schema, path) : undefined).map((h) => ({
          label: `${path.join('.')}=${h.label}`,
          json: withField(base, path, h.value),
        })),
      ),
    });
    choices.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            ...[[] as string[], ...paths].filter((path) =>
              isPlainObject(valueAt(base, path)),
            ),
          ),
          fc.constantFrom(...PROTOTYPE_KEYS),
        )
        .map(([path, key]) => ({
          label: `${[...path, key].join('.')}:pollution`,
          raw: withPrototypeKey(base, key, path),
          contentType: 'application/json',
        })),
    });
  }
  if (required.length > 0) {
    choices.push({
      weight: 2,
      arbitrary: fc.constantFrom(...required).map((path) => ({
        label: `-${path.join('.')}`,
        json: withoutField(base, path),
      })),
    });
  }
  choices.push(
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'isAdmin',
            'role',
            'rev',
            'projectId',
            'userId',
            'id',
            'bogus',
          ),
          hostileValue(undefined),
        )
        .map(([key, h]) => ({
          label: `+${key}=${h.label}`,
          json: withField(
            base,
            [key],
            key === 'role' ? 'facilitator' : h.value,
          ),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(wrongType, hostileString, deep)
        .map((h) => ({ label: `body=${h.label}`, json: h.value })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...RAW_BODIES).map((body) => ({
        label: body.label,
        raw: body.raw(base),
        contentType: body.contentType,
      })),
    },
  );
  return fc.oneof(...choices);
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) becomes the three bytes a
 * careless encoder would write for it: invalid UTF-8 for the server to cope with.
 */
export function encodeLoosely(text: string): string {
  // A `..` segment is a path step to any URL parser on the way: encoded, it stays a parameter.
  if (/^\.+$/.test(text)) return text.replace(/\./g, '%2E');
  return [...text]
    .map((char) => {
      const unit = char.charCodeAt(0);
      if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
        return [
          0xe0 | (unit >> 12),
          0x80 | ((unit >> 6) & 0x3f),
          0x80 | (unit & 0x3f),
        ]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      return encodeURIComponent(char);
    })
    .join('');
}

/** A hostile path parameter, already as it goes in the URL (some deliberately malformed). */
export const hostilePathParam: fc.Arbitrary<Hostile> = fc.oneof(
  fc
    .constantFrom(
      'o1',
      'not-a-uuid',
      HOSTILE_STRINGS['uppercaseUuid'] as string,
      HOSTILE_STRINGS['bracedUuid'] as string,
      '00000000000000000000000000000000',
      '..',
      'current',
      'null',
      'undefined',
      '__proto__',
      'constructor',
    )
    .map((value) => ({
      label: `param:${value.slice(0, 12)}`,
      value: encodeLoosely(value),
    })),
  hostileString.map((h) => ({
    label: `param:${h.label}`,
    value: encodeLoosely(String(h.value)),
  })),
  fc
    .constantFrom(
      '%E0%A4%A',
      '%ZZ',
      '%00',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%252f',
      'a%2Fb',
      `${'a'.repeat(9_000)}`,
      '%F0%9F%92%A9%ED%A0%80',
    )
    .map((value) => ({ label: `param:raw:${value.slice(0, 12)}`, value })),
);

/** A hostile query string value (raw, as it goes after `name=`), or a repeated or nested parameter. */
export function hostileQuery(
  name: string,
  schema: Schema,
): fc.Arbitrary<Hostile> {
  const own = schema.enum
    ? fc
        .constantFrom(
          ...schema.enum.map((v) => String(v).toUpperCase()),
          'none',
        )
        .map((value) => ({
          label: `query:enum:${value}`,
          value: `${name}=${encodeLoosely(value)}`,
        }))
    : fc
        .constantFrom(
          '-1',
          '1e309',
          'NaN',
          '0x10',
          '9007199254740993',
          '99999999999999999999999',
          'true',
          'yes',
        )
        .map((value) => ({
          label: `query:${value}`,
          value: `${name}=${value}`,
        }));
  return fc.oneof(
    own,
    hostileString
      .filter((h) => h.value !== '' && h.value !== '   ')
      .map((h) => ({
        label: `query:${h.label}`,
        value: `${name}=${encodeLoosely(String(h.value))}`,
      })),
    fc
      .constantFrom(
        `${name}=a&${name}=b`,
        `${name}[]=a`,
        `${name}[a]=b`,
        `${name}=%E0%A4%A`,
        `${name}=%00`,
        `${name}=${'x'.repeat(20_000)}`,
        `${name}[__proto__][polluted]=yes`,
        `__proto__[polluted]=yes&${name}=x`,
      )
      .map((value) => ({ label: `query:raw:${value.slice(0, 24)}`, value })),
  );
}

import type {
  AttributeKind,
  AttributeType,
  Cardinality,
  CrudClass,
  Priority,
} from '@orca/shared/domain';

/** The letter on a CTA's CRUD chip. */
export const CRUD_LETTER: Readonly<Record<CrudClass, string>> = {
  create: 'C',
  read: 'R',
  update: 'U',
  delete: 'D',
  other: 'O',
};

export const CRUD_LABEL: Readonly<Record<CrudClass, string>> = {
  create: 'Create',
  read: 'Read',
  update: 'Update',
  delete: 'Delete',
  other: 'Other',
};

/** Cardinality at a glance, read from row to column. */
export const CARDINALITY_SHORT: Readonly<Record<Cardinality, string>> = {
  'one-to-one': '1:1',
  'one-to-many': '1:N',
  'many-to-one': 'N:1',
  'many-to-many': 'N:M',
};

/** Cardinality in words, with the two objects' names: "one Course has many Lessons"-style. */
export function cardinalityPhrase(
  cardinality: Cardinality,
  from: string,
  to: string,
): string {
  switch (cardinality) {
    case 'one-to-one':
      return `one ${from} ↔ one ${to}`;
    case 'one-to-many':
      return `one ${from} ↔ many ${to}`;
    case 'many-to-one':
      return `many ${from} ↔ one ${to}`;
    case 'many-to-many':
      return `many ${from} ↔ many ${to}`;
  }
}

export const ATTRIBUTE_KIND_LABEL: Readonly<Record<AttributeKind, string>> = {
  core: 'Core',
  metadata: 'Metadata',
};

export const PRIORITY_LABEL: Readonly<Record<Priority, string>> = {
  now: 'Now',
  next: 'Next',
  later: 'Later',
};

const VERBS_BY_CRUD: ReadonlyArray<readonly [CrudClass, readonly string[]]> = [
  [
    'create',
    [
      'create',
      'add',
      'new',
      'make',
      'post',
      'submit',
      'upload',
      'write',
      'compose',
      'invite',
      'register',
      'book',
    ],
  ],
  [
    'read',
    [
      'view',
      'read',
      'see',
      'browse',
      'open',
      'search',
      'find',
      'list',
      'watch',
      'preview',
      'download',
      'export',
      'track',
    ],
  ],
  [
    'update',
    [
      'edit',
      'update',
      'change',
      'rename',
      'modify',
      'publish',
      'unpublish',
      'archive',
      'approve',
      'reject',
      'assign',
      'reorder',
      'move',
      'rate',
      'grade',
      'complete',
    ],
  ],
  ['delete', ['delete', 'remove', 'destroy', 'erase', 'discard', 'purge']],
];

/** A first guess at a CTA's CRUD class from its verb ("Edit details" → update); "other" if unsure. */
export function guessCrud(verb: string): CrudClass {
  const first =
    verb
      .trim()
      .toLowerCase()
      .split(/[^a-z]+/)[0] ?? '';
  for (const [crud, verbs] of VERBS_BY_CRUD) {
    if (verbs.includes(first)) return crud;
  }
  return 'other';
}

/** Spellings people paste for an attribute type, beyond the domain's own names. */
const TYPE_ALIASES: Readonly<Record<string, AttributeType>> = {
  string: 'text',
  str: 'text',
  varchar: 'text',
  int: 'number',
  integer: 'number',
  float: 'number',
  decimal: 'number',
  bool: 'boolean',
  datetime: 'date',
  timestamp: 'date',
  enum: 'list',
  select: 'list',
  picture: 'image',
  photo: 'image',
  ref: 'reference',
  link: 'url',
  money: 'currency',
  price: 'currency',
  richtext: 'rich-text',
  markdown: 'rich-text',
};

export function attributeTypeAlias(word: string): AttributeType | undefined {
  return Object.hasOwn(TYPE_ALIASES, word) ? TYPE_ALIASES[word] : undefined;
}

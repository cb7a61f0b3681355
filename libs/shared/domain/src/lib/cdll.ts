/**
 * CDLL previews (ORCA round 4) as data: what an object's Card, Detail, List and Landing show,
 * with made-up but plausible sample instances, the List's sort and filter controls (from the
 * object's metadata) and the gaps a designer would trip over, each pointing at its fix. The app's
 * previews and the HTML export both render this one reading, so they never disagree.
 *
 * Everything here is deterministic: the same model gives the same samples on the server and in
 * every browser (no clock, no randomness, no locale).
 */
import type {
  Attribute,
  AttributeType,
  Cta,
  Id,
  ItemRef,
  OrcaObject,
  ProjectModel,
} from './model';
import { normalizeName } from './names';
import {
  type GuideEntry,
  type NestedObject,
  type ObjectGuide,
  objectGuide,
} from './object-guide';

export const CDLL_PARTS = ['card', 'detail', 'list', 'landing'] as const;
/** One of the four representations of an object. */
export type CdllPart = (typeof CDLL_PARTS)[number];

/** A Card shows the object's name and the top of its force-ranked core content. */
export const CARD_ATTRIBUTE_COUNT = 3;
/** Instances the List shows: enough for sorting and filtering to visibly change something. */
export const LIST_SAMPLE_COUNT = 6;
/** Instances a Landing features. */
export const LANDING_SAMPLE_COUNT = 3;
/** Instances a nested "many" list shows on a Detail. */
export const NESTED_SAMPLE_COUNT = 3;

/** The top core attributes, by force-rank: what a Card shows besides the name. */
export function cardAttributes(entry: GuideEntry): readonly Attribute[] {
  return entry.core.slice(0, CARD_ATTRIBUTE_COUNT);
}

/** The n-th (0-based) sample of an object: its examples first, then "Course 3", "Course 4"… */
export function sampleInstanceName(object: OrcaObject, index: number): string {
  const example = object.examples[index]?.trim();
  return example ? example : `${object.name} ${index + 1}`;
}

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  datum: 'data',
  criterion: 'criteria',
};

/** "Course" → "Courses", "Discussion Post" → "Discussion Posts", "Category" → "Categories", "Quiz" → "Quizzes". */
export function pluralName(name: string): string {
  const match = /^(.*?)([\p{L}]+)(\W*)$/u.exec(name.trim());
  if (!match) return name.trim();
  const [, head = '', word = '', tail = ''] = match;
  const lower = word.toLowerCase();
  let plural: string;
  if (Object.hasOwn(IRREGULAR_PLURALS, lower)) {
    const irregular = IRREGULAR_PLURALS[lower] ?? lower;
    plural =
      word[0] === word[0]?.toUpperCase()
        ? irregular[0]?.toUpperCase() + irregular.slice(1)
        : irregular;
  } else if (/[^aeiou]y$/i.test(word)) plural = `${word.slice(0, -1)}ies`;
  else if (/[aeiou]z$/i.test(word)) plural = `${word}zes`;
  else if (/(s|x|z|ch|sh)$/i.test(word)) plural = `${word}es`;
  else plural = `${word}s`;
  return `${head}${plural}${tail}`;
}

/** A sample value of one attribute on one sample instance. */
export interface SampleValue {
  /** What the preview shows: "12 March 2025", "€ 24.00", "Beginner"; empty for an image. */
  readonly text: string;
  /** What sorting and range filters compare: numbers and dates as numbers, the rest as text. */
  readonly sortKey: number | string;
}

/** Sequences the samples walk through, out of order so that sorting visibly reorders a list. */
const NUMBERS = [12, 4, 27, 8, 19, 3, 42, 15];
const PERCENTAGES = [65, 20, 100, 45, 80, 10, 90, 35];
const RATINGS = [4.6, 3.9, 4.2, 4.9, 3.5, 4.4, 4.0, 4.7];
const STARS = [5, 3, 4, 5, 2, 4, 1, 3];
const PRICES = [24, 9.5, 49, 15, 120, 35, 12, 75];
const MINUTES = [45, 20, 90, 30, 150, 15, 60, 75];
/** Days before the samples' "today"; spread over months so a date filter has choices. */
const DAYS_AGO = [2, 12, 45, 25, 130, 6, 70, 200];
/** The samples' "today" (a fixed day, so every export of a model is the same). */
const SAMPLE_TODAY = Date.UTC(2025, 2, 12);
const DAY = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A small number from an attribute's name, so two attributes of a type get different samples. */
function seedOf(attribute: Attribute): number {
  let seed = 0;
  for (const char of normalizeName(attribute.name))
    seed = (seed * 31 + (char.codePointAt(0) ?? 0)) % 9973;
  return seed;
}

function pick<T>(values: readonly T[], index: number): T {
  return values[index % values.length] as T;
}

function slug(text: string): string {
  return (
    normalizeName(text)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item'
  );
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function formatPrice(value: number): string {
  return `€ ${value.toFixed(2)}`;
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** "12 March 2025" (UTC: the same everywhere). */
export function formatSampleDate(day: number): string {
  const date = new Date(day * DAY);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function numberSample(attribute: Attribute, index: number): number {
  const name = normalizeName(attribute.name);
  const seeded = index + seedOf(attribute);
  if (/%|percent|progress|completion/.test(name))
    return pick(PERCENTAGES, seeded);
  if (/rating/.test(name)) return pick(RATINGS, seeded);
  if (/\bstars?\b/.test(name)) return pick(STARS, seeded);
  // A position is the order things were put in: the samples come in it.
  if (/\b(position|order|rank|sequence|step)\b/.test(name)) return index + 1;
  return pick(NUMBERS, seeded);
}

/** A text attribute that names its instance ("Title", "Display name"). */
function namesInstance(attribute: Attribute): boolean {
  return (
    attribute.type === 'text' &&
    /\b(name|title|headline)\b/.test(normalizeName(attribute.name))
  );
}

/**
 * The core attribute whose sample is the instance's name: previews show it as the heading of a
 * card or detail rather than a second time beside it.
 */
export function namingAttribute(entry: GuideEntry): Attribute | undefined {
  return entry.core.find(namesInstance);
}

function textSample(
  attribute: Attribute,
  index: number,
  instanceName: string,
): string {
  const name = normalizeName(attribute.name);
  if (namesInstance(attribute)) return instanceName;
  if (/\b(number|code|id|no|reference)\b/.test(name))
    return `#${1000 + ((index * 37 + seedOf(attribute)) % 900)}`;
  return `${attribute.name.trim()} of ${instanceName}`;
}

/**
 * A plausible value of `attribute` on the sample instance `index` of its object: the instance's
 * name for a name or title, one of the list's values, one of the referred object's examples, a
 * date, a price… Values vary across instances, so the List's sorts and filters change something.
 */
export function sampleValue(
  attribute: Attribute,
  index: number,
  guide: ObjectGuide,
): SampleValue {
  const owner = guide.entryOf(attribute.objectId)?.object;
  const instanceName = owner
    ? sampleInstanceName(owner, index)
    : `Item ${index + 1}`;
  const seeded = index + seedOf(attribute);
  const text = (value: string): SampleValue => ({
    text: value,
    sortKey: normalizeName(value),
  });
  switch (attribute.type) {
    case 'text':
      return text(textSample(attribute, index, instanceName));
    case 'rich-text':
      return text(`A few formatted paragraphs about ${instanceName}…`);
    case 'number': {
      const value = numberSample(attribute, index);
      return { text: formatNumber(value), sortKey: value };
    }
    case 'currency': {
      const value = pick(PRICES, seeded);
      return { text: formatPrice(value), sortKey: value };
    }
    case 'duration': {
      const value = pick(MINUTES, seeded);
      return { text: formatMinutes(value), sortKey: value };
    }
    case 'date': {
      const day = SAMPLE_TODAY / DAY - pick(DAYS_AGO, seeded);
      return { text: formatSampleDate(day), sortKey: day };
    }
    case 'boolean': {
      const yes = seeded % 2 === 0;
      return { text: yes ? 'Yes' : 'No', sortKey: yes ? 1 : 0 };
    }
    case 'list': {
      const values = attribute.listValues;
      if (values.length === 0) {
        const position = seeded % 3;
        return { text: `Option ${position + 1}`, sortKey: position };
      }
      const position = seeded % values.length;
      return { text: values[position] ?? '', sortKey: position };
    }
    case 'reference': {
      const target = guide.entryOf(attribute.referencedObjectId)?.object;
      if (!target) return text('Linked item');
      const names =
        target.examples.length > 0
          ? target.examples
          : [0, 1, 2].map((i) => sampleInstanceName(target, i));
      return text(sampleInstanceName(target, seeded % names.length));
    }
    case 'url':
      return text(`www.example.org/${slug(instanceName)}`);
    case 'email':
      return text(`${slug(instanceName)}@example.org`);
    case 'image':
      return { text: '', sortKey: '' };
  }
}

/** One made-up instance of an object, with a sample value for each of its attributes. */
export interface SampleInstance {
  readonly index: number;
  readonly name: string;
  /** By attribute id: every core and metadata attribute of the object. */
  readonly values: Readonly<Record<Id, SampleValue>>;
}

export function sampleInstances(
  entry: GuideEntry,
  guide: ObjectGuide,
  count: number,
): SampleInstance[] {
  const attributes = [...entry.core, ...entry.metadata];
  return Array.from({ length: count }, (_, index) => ({
    index,
    name: sampleInstanceName(entry.object, index),
    values: Object.fromEntries(
      attributes.map((a) => [a.id, sampleValue(a, index, guide)]),
    ),
  }));
}

export type SortDirection = 'ascending' | 'descending';

/** One choice of the List's "Sort by" control. */
export interface SortOption {
  /** `<attributeId>:<direction>`. */
  readonly id: string;
  readonly attributeId: Id;
  readonly direction: SortDirection;
  /** "Price: low to high", "Published on: newest first", "Level: Beginner first". */
  readonly label: string;
}

/** What a filter option keeps: an exact value, or a range of numbers or days (max exclusive). */
export type FilterTest =
  | { readonly kind: 'equals'; readonly text: string }
  | {
      readonly kind: 'range';
      readonly min: number | null;
      readonly max: number | null;
    };

export interface FilterOption {
  /** Unique within its control. */
  readonly id: string;
  readonly label: string;
  readonly test: FilterTest;
}

/** A filter of the List: one metadata attribute and the options people pick from. */
export interface FilterControl {
  readonly attribute: Attribute;
  readonly options: readonly FilterOption[];
}

export interface ListControls {
  readonly sorts: readonly SortOption[];
  readonly filters: readonly FilterControl[];
}

const NUMERIC_TYPES: ReadonlySet<AttributeType> = new Set([
  'number',
  'currency',
  'duration',
]);
const TEXT_SORT_TYPES: ReadonlySet<AttributeType> = new Set([
  'text',
  'email',
  'url',
  'reference',
]);

/** Whether (and how) a List can sort by a metadata attribute of this type. */
export function sortsBy(attribute: Attribute): boolean {
  return (
    NUMERIC_TYPES.has(attribute.type) ||
    TEXT_SORT_TYPES.has(attribute.type) ||
    attribute.type === 'date' ||
    (attribute.type === 'list' && attribute.listValues.length > 0)
  );
}

function sortLabels(attribute: Attribute): [string, string] {
  const values = attribute.listValues;
  switch (attribute.type) {
    case 'date':
      return ['oldest first', 'newest first'];
    case 'list':
      return [`${values[0]} first`, `${values.at(-1)} first`];
    case 'number':
    case 'currency':
    case 'duration':
      return ['low to high', 'high to low'];
    default:
      return ['A to Z', 'Z to A'];
  }
}

function sortOptions(attribute: Attribute): SortOption[] {
  if (!sortsBy(attribute)) return [];
  const [ascending, descending] = sortLabels(attribute);
  const option = (direction: SortDirection, words: string): SortOption => ({
    id: `${attribute.id}:${direction}`,
    attributeId: attribute.id,
    direction,
    label: `${attribute.name}: ${words}`,
  });
  // Dates read newest first, the way lists of dated things usually open.
  return attribute.type === 'date'
    ? [option('descending', descending), option('ascending', ascending)]
    : [option('ascending', ascending), option('descending', descending)];
}

function formatFor(attribute: Attribute): (value: number) => string {
  if (attribute.type === 'currency') return formatPrice;
  if (attribute.type === 'duration') return formatMinutes;
  return formatNumber;
}

/** Three bands of the sampled values ("Under 8", "8 to under 19", "19 or more"), or each value. */
function numberOptions(
  attribute: Attribute,
  values: readonly number[],
): FilterOption[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const format = formatFor(attribute);
  // Samples show values in the same format, so few distinct values filter by their text.
  if (distinct.length <= 4) return equalsOptions(distinct.map(format));
  const low = distinct[Math.floor(distinct.length / 3)] as number;
  const high = distinct[Math.floor((2 * distinct.length) / 3)] as number;
  return [
    {
      id: '0',
      label: `Under ${format(low)}`,
      test: { kind: 'range', min: null, max: low },
    },
    {
      id: '1',
      label: `${format(low)} to under ${format(high)}`,
      test: { kind: 'range', min: low, max: high },
    },
    {
      id: '2',
      label: `${format(high)} or more`,
      test: { kind: 'range', min: high, max: null },
    },
  ];
}

/** One option per month the sampled dates fall in, newest first: "March 2025". */
function monthOptions(days: readonly number[]): FilterOption[] {
  const months = new Map<number, { start: number; end: number }>();
  for (const day of days) {
    const date = new Date(day * DAY);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    months.set(year * 12 + month, {
      start: Date.UTC(year, month, 1) / DAY,
      end: Date.UTC(year, month + 1, 1) / DAY,
    });
  }
  return [...months.entries()]
    .sort(([a], [b]) => b - a)
    .map(([key, range], i) => ({
      id: String(i),
      label: `${MONTHS[key % 12]} ${Math.floor(key / 12)}`,
      test: { kind: 'range', min: range.start, max: range.end },
    }));
}

function equalsOptions(texts: readonly string[]): FilterOption[] {
  return [...new Set(texts)].map((text, i) => ({
    id: String(i),
    label: text,
    test: { kind: 'equals', text },
  }));
}

function filterOptions(
  attribute: Attribute,
  instances: readonly SampleInstance[],
): FilterOption[] {
  const samples = instances
    .map((instance) => instance.values[attribute.id])
    .filter((value): value is SampleValue => value !== undefined);
  const numbers = samples
    .map((value) => value.sortKey)
    .filter((key): key is number => typeof key === 'number');
  switch (attribute.type) {
    case 'list':
      return equalsOptions(attribute.listValues);
    case 'boolean':
      return equalsOptions(['Yes', 'No']);
    case 'reference':
      return equalsOptions(samples.map((value) => value.text));
    case 'number':
    case 'currency':
    case 'duration':
      return numberOptions(attribute, numbers);
    case 'date':
      return monthOptions(numbers);
    default:
      return [];
  }
}

/** Whether a List can filter by a metadata attribute of this type. */
export function filtersBy(attribute: Attribute): boolean {
  return (
    NUMERIC_TYPES.has(attribute.type) ||
    ['list', 'boolean', 'reference', 'date'].includes(attribute.type)
  );
}

/**
 * The List's controls: a sort per sortable metadata attribute (numbers, dates, list values in
 * their order, text A to Z) and a filter per filterable one (list values, yes/no, the referred
 * items, bands of numbers, months), in force-rank order. Core content never sorts or filters.
 */
export function listControls(
  entry: GuideEntry,
  instances: readonly SampleInstance[],
): ListControls {
  return {
    sorts: entry.metadata.flatMap(sortOptions),
    filters: entry.metadata
      .filter(filtersBy)
      .map((attribute) => ({
        attribute,
        options: filterOptions(attribute, instances),
      }))
      .filter((control) => control.options.length > 0),
  };
}

/** What a person picked in the List's controls: a sort option id and, per attribute, an option id. */
export interface ListQuery {
  readonly sort?: string | null;
  readonly filters?: Readonly<Record<Id, string>>;
}

function passes(value: SampleValue | undefined, test: FilterTest): boolean {
  if (!value) return false;
  if (test.kind === 'equals') return value.text === test.text;
  if (typeof value.sortKey !== 'number') return false;
  return (
    (test.min === null || value.sortKey >= test.min) &&
    (test.max === null || value.sortKey < test.max)
  );
}

function compareKeys(a: SampleValue | undefined, b: SampleValue | undefined) {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  if (typeof a.sortKey === 'number' && typeof b.sortKey === 'number')
    return a.sortKey - b.sortKey;
  const x = String(a.sortKey);
  const y = String(b.sortKey);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The instances a List shows for a query: those passing every chosen filter, in the chosen
 * order (ties, and no sort, keep the sample order). Choices the controls no longer offer — the
 * attribute was deleted or changed type meanwhile — are ignored.
 */
export function queryInstances(
  instances: readonly SampleInstance[],
  controls: ListControls,
  query: ListQuery,
): SampleInstance[] {
  let shown = [...instances];
  for (const [attributeId, optionId] of Object.entries(query.filters ?? {})) {
    const option = controls.filters
      .find((control) => control.attribute.id === attributeId)
      ?.options.find((o) => o.id === optionId);
    if (option)
      shown = shown.filter((instance) =>
        passes(instance.values[attributeId], option.test),
      );
  }
  const sort = controls.sorts.find((option) => option.id === query.sort);
  if (sort) {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    shown.sort(
      (a, b) =>
        sign *
          compareKeys(a.values[sort.attributeId], b.values[sort.attributeId]) ||
        a.index - b.index,
    );
  }
  return shown;
}

export const PREVIEW_WARNING_CODES = [
  'no-core-content',
  'no-metadata',
  'filter-without-options',
  'no-primary-cta',
  'nested-unreachable',
  'no-definition',
  'no-examples',
] as const;
/** A stable code: the app, the export and tests all key on it. */
export type PreviewWarningCode = (typeof PREVIEW_WARNING_CODES)[number];

/** Which part of an object's page holds the fix (the object page's section names). */
export type PreviewFixField = 'attributes' | 'ctas' | 'definition' | 'examples';

export interface PreviewWarning {
  readonly code: PreviewWarningCode;
  /** `info`: the previews still work, but on made-up content. */
  readonly severity: 'warning' | 'info';
  /** The previews the gap shows in. */
  readonly parts: readonly CdllPart[];
  readonly message: string;
  /** Where to fix it: the item to change and, for an object, which of its parts. */
  readonly target: ItemRef;
  readonly field: PreviewFixField | null;
}

/**
 * The gaps of an object's previews, in the order a designer meets them (Card, Detail, List,
 * Landing): no core content, no metadata (so no sort or filter), a list attribute with no values
 * to filter by, no primary CTA, a nested object nobody can act on, no definition for the Landing,
 * no examples to name the samples after.
 */
export function previewWarnings(
  entry: GuideEntry,
  guide: ObjectGuide,
): PreviewWarning[] {
  const { object } = entry;
  const plural = pluralName(object.name);
  const onObject = { itemKind: 'object', id: object.id } as const;
  const found: PreviewWarning[] = [];
  if (entry.core.length === 0)
    found.push({
      code: 'no-core-content',
      severity: 'warning',
      parts: ['card', 'detail'],
      message: `No core content: the card and the detail show nothing but a name. Add what a ${object.name} holds as core attributes.`,
      target: onObject,
      field: 'attributes',
    });
  if (entry.metadata.length === 0)
    found.push({
      code: 'no-metadata',
      severity: 'warning',
      parts: ['list'],
      message: `No metadata: the list of ${plural} cannot be sorted or filtered. Add the attributes people sort and filter ${plural} by.`,
      target: onObject,
      field: 'attributes',
    });
  for (const attribute of entry.metadata)
    if (attribute.type === 'list' && attribute.listValues.length === 0)
      found.push({
        code: 'filter-without-options',
        severity: 'warning',
        parts: ['list'],
        message: `${attribute.name} is a list with no values: its filter has nothing to offer. Give it its values.`,
        target: { itemKind: 'attribute', id: attribute.id },
        field: null,
      });
  if (instanceActions(entry).length === 0) {
    const create = entry.primaryCtas[0];
    found.push({
      code: 'no-primary-cta',
      severity: 'warning',
      parts: ['card', 'detail'],
      message: create
        ? `No primary CTA acts on a ${object.name} itself: the detail has no main action (${create.verb} makes a new one, on the list and the landing). Mark what people mostly do to a ${object.name} as primary.`
        : `No primary CTA: the detail has no main action. Mark what people mostly do to a ${object.name} as primary.`,
      target: onObject,
      field: 'ctas',
    });
  }
  for (const nested of entry.nested)
    if (!reachable(nested, guide))
      found.push({
        code: 'nested-unreachable',
        severity: 'warning',
        parts: ['detail'],
        message: `${nested.object.name} is listed on the detail, but no role has a CTA on it: nobody can open or act on what the list shows.`,
        target: { itemKind: 'object', id: nested.object.id },
        field: 'ctas',
      });
  if (!object.definition.trim())
    found.push({
      code: 'no-definition',
      severity: 'warning',
      parts: ['landing'],
      message: `No definition: the landing cannot say what a ${object.name} is. Write the definition.`,
      target: onObject,
      field: 'definition',
    });
  if (object.examples.length === 0)
    found.push({
      code: 'no-examples',
      severity: 'info',
      parts: [...CDLL_PARTS],
      message: `No examples: the previews make up names (${sampleInstanceName(object, 0)}, ${sampleInstanceName(object, 1)}…). Name a few real ${plural}.`,
      target: onObject,
      field: 'examples',
    });
  return found;
}

/** Someone can act on the nested object: the Detail's list of it leads somewhere. */
function reachable(nested: NestedObject, guide: ObjectGuide): boolean {
  return (guide.entryOf(nested.object.id)?.ctasByRole.length ?? 0) > 0;
}

/** A nested object as the Detail lists it. */
export interface NestedPreview {
  readonly relationship: NestedObject['relationship'];
  readonly object: OrcaObject;
  /** "has many": a list of several; otherwise one item. */
  readonly many: boolean;
  /** The names the list shows. */
  readonly samples: readonly string[];
  /** Some role has a CTA on the nested object (else a `nested-unreachable` warning). */
  readonly reachable: boolean;
}

export function nestedPreviews(
  entry: GuideEntry,
  guide: ObjectGuide,
): NestedPreview[] {
  return entry.nested.map((nested) => {
    const many = nested.relationship.cardinality.endsWith('-many');
    return {
      relationship: nested.relationship,
      object: nested.object,
      many,
      samples: Array.from({ length: many ? NESTED_SAMPLE_COUNT : 1 }, (_, i) =>
        sampleInstanceName(nested.object, i),
      ),
      reachable: reachable(nested, guide),
    };
  });
}

/**
 * The primary CTAs that act on an instance: a Card's and a Detail's buttons. A create CTA makes a
 * new instance, so it belongs to the List and the Landing instead.
 */
export function instanceActions(entry: GuideEntry): Cta[] {
  return entry.primaryCtas.filter((cta) => cta.crud !== 'create');
}

/** A CTA as a preview's button: its verb, and who has it. */
export interface PreviewAction {
  readonly cta: Cta;
  readonly roleName: string;
}

/** The first paragraph of a definition (Markdown kept): what a Landing opens with. */
export function landingIntro(object: OrcaObject): string {
  const paragraph = object.definition
    .trim()
    .split(/\r?\n\s*\r?\n/)[0]
    ?.split(/\r?\n/)
    .map((line) => line.trim())
    .join(' ');
  return paragraph ?? '';
}

/** Everything the four previews of one object show. */
export interface CdllPreview {
  readonly entry: GuideEntry;
  /** "Courses": the List's and Landing's heading. */
  readonly plural: string;
  /** The Card's attributes besides the name. */
  readonly cardAttributes: readonly Attribute[];
  /** The List's instances; the Card and Detail show the first, the Landing features the first few. */
  readonly instances: readonly SampleInstance[];
  readonly nested: readonly NestedPreview[];
  readonly controls: ListControls;
  /** The Detail's buttons (the Card shows the first): primary CTAs on an instance, in role order. */
  readonly primaryActions: readonly PreviewAction[];
  /** The Detail's other CTAs, quieter. */
  readonly secondaryActions: readonly PreviewAction[];
  /** The List's and Landing's button: the first primary create CTA, else the first create CTA. */
  readonly createAction: PreviewAction | null;
  readonly intro: string;
  readonly warnings: readonly PreviewWarning[];
}

export function cdllPreview(
  entry: GuideEntry,
  guide: ObjectGuide,
): CdllPreview {
  const instances = sampleInstances(entry, guide, LIST_SAMPLE_COUNT);
  const action = (cta: Cta): PreviewAction => ({
    cta,
    roleName: guide.roleName(cta.roleId) ?? '',
  });
  const all = entry.ctasByRole.flatMap((group) => group.ctas);
  const creates = all.filter((cta) => cta.crud === 'create');
  const create = creates.find((cta) => cta.primary) ?? creates[0];
  return {
    entry,
    plural: pluralName(entry.object.name),
    cardAttributes: cardAttributes(entry),
    instances,
    nested: nestedPreviews(entry, guide),
    controls: listControls(entry, instances),
    primaryActions: instanceActions(entry).map(action),
    secondaryActions: all.filter((cta) => !cta.primary).map(action),
    createAction: create ? action(create) : null,
    intro: landingIntro(entry.object),
    warnings: previewWarnings(entry, guide),
  };
}

/** The previews of every object of a model (or of a view of it, such as Now only), in order. */
export function cdllPreviews(model: ProjectModel): CdllPreview[] {
  const guide = objectGuide(model);
  return guide.entries.map((entry) => cdllPreview(entry, guide));
}

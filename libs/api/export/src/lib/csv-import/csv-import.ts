/**
 * CSV import of objects and attributes into an existing project, planned as ordinary changes
 * (`object.create`, `attribute.create`) and checked against the model by the domain's own
 * applyChange before anything is written. Every problem of every row is collected; the caller
 * writes the changes only when there is none (all or nothing).
 *
 * Columns are the CSV export's (`objects.csv`, `attributes.csv`), matched case-insensitively
 * (spaces count as `_`); `id`, `object_id` and `reference_id` are read only to find an object
 * when its name column is blank. List cells hold one entry per line (or `;`-separated on one line).
 * A leading apostrophe that the export put before `= + - @` is dropped again.
 */
import {
  applyChange,
  type Attribute,
  type AttributeType,
  type Change,
  DomainError,
  type Id,
  keysBetween,
  newAttribute,
  newObject,
  type OrcaObject,
  PRIORITIES,
  type Priority,
  type ProjectModel,
  type ProblemCode,
  sameName,
  SIP_ANSWERS,
  type SipAnswer,
  sortByOrder,
  type SipCheck,
} from '@orca/shared/domain';
import { parseCsv } from '../formats/csv';

export interface CsvImportInput {
  readonly objects?: string;
  readonly attributes?: string;
}

export interface CsvImportProblem {
  /** `objects[2].name`: the file, its data row (0-based, header excluded) and the column. */
  readonly field: string;
  readonly code: ProblemCode | 'missing_column' | 'unknown_column';
  /** Starts with the line of the file ("Line 4: …"), as a spreadsheet numbers it. */
  readonly message: string;
}

export interface CsvImportPlan {
  readonly changes: readonly Change[];
  readonly objects: readonly { line: number; id: Id; name: string }[];
  readonly attributes: readonly {
    line: number;
    id: Id;
    object: string;
    name: string;
  }[];
  readonly problems: readonly CsvImportProblem[];
}

/** Most rows one import takes (all go through one transaction). */
export const CSV_IMPORT_MAX_ROWS = 5_000;

const OBJECT_COLUMNS = [
  'name',
  'definition',
  'synonyms',
  'examples',
  'states',
  'priority',
  'score',
  'sip_structure',
  'sip_instances',
  'sip_purpose',
  'open_questions',
] as const;
const ATTRIBUTE_COLUMNS = [
  'object',
  'name',
  'type',
  'kind',
  'required',
  'default',
  'values',
  'reference',
  'description',
  'source',
  'visibility',
  'priority',
  'score',
] as const;
/** Export columns that identify items of the exporting project: read only as a fallback. */
const ID_COLUMNS = ['id', 'object_id', 'reference_id'];

/** Domain field (after `object.` / `attribute.`) → CSV column. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  openQuestions: 'open_questions',
  listValues: 'values',
  defaultValue: 'default',
  referencedObjectId: 'reference',
  objectId: 'object',
};

type Row = Readonly<Record<string, string>>;

interface Sheet {
  readonly rows: readonly { line: number; cells: Row }[];
}

function header(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_');
}

/** Undoes the export's formula guard: `'=x` → `=x`. */
function cellText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function readSheet(
  file: 'objects' | 'attributes',
  text: string,
  known: readonly string[],
  required: readonly string[],
  problems: CsvImportProblem[],
): Sheet {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    problems.push({
      field: file,
      code: 'invalid_format',
      message: `Line ${parsed.line}: a quoted cell starts here and never ends.`,
    });
    return { rows: [] };
  }
  const [head = [], ...body] = parsed.rows;
  const columns = head.map(header);
  columns.forEach((column, index) => {
    if (column === '' && body.every((row) => (row[index] ?? '') === '')) return;
    if (!known.includes(column) && !ID_COLUMNS.includes(column))
      problems.push({
        field: `${file}.${column || `column ${index + 1}`}`,
        code: 'unknown_column',
        message: `Line 1: "${head[index]}" is not a column of ${file}.csv (known: ${known.join(', ')}).`,
      });
    else if (columns.indexOf(column) !== index)
      problems.push({
        field: `${file}.${column}`,
        code: 'duplicate_value',
        message: `Line 1: the column "${column}" appears twice.`,
      });
  });
  for (const column of required) {
    if (!columns.includes(column))
      problems.push({
        field: `${file}.${column}`,
        code: 'missing_column',
        message: `Line 1: ${file}.csv needs a "${column}" column.`,
      });
  }
  let line = 1;
  const rows: Array<{ line: number; cells: Row }> = [];
  for (const row of body) {
    // Quoted cells may span lines: count the line each row starts on.
    line += 1;
    const start = line;
    line += row.reduce(
      (n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0),
      0,
    );
    if (row.every((cell) => cell.trim() === '')) continue;
    const cells: Record<string, string> = {};
    columns.forEach((column, index) => {
      if (column && !(column in cells))
        cells[column] = cellText(row[index] ?? '');
    });
    rows.push({ line: start, cells });
  }
  return { rows };
}

function list(value: string | undefined): string[] {
  if (!value) return [];
  const parts = /[\r\n]/.test(value)
    ? value.split(/\r\n|\r|\n/)
    : value.split(';');
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * Plans the import: the changes to submit, in order (objects first, then attributes), and every
 * problem found. `generateId` makes the new items' ids.
 */
export function planCsvImport(
  model: ProjectModel,
  input: CsvImportInput,
  generateId: () => Id,
): CsvImportPlan {
  const problems: CsvImportProblem[] = [];
  const objectsSheet =
    input.objects !== undefined
      ? readSheet('objects', input.objects, OBJECT_COLUMNS, ['name'], problems)
      : { rows: [] };
  const attributesSheet =
    input.attributes !== undefined
      ? readSheet(
          'attributes',
          input.attributes,
          ATTRIBUTE_COLUMNS,
          ['name', 'type'],
          problems,
        )
      : { rows: [] };
  const total = objectsSheet.rows.length + attributesSheet.rows.length;
  if (total > CSV_IMPORT_MAX_ROWS) {
    problems.push({
      field: 'objects',
      code: 'too_many',
      message: `${total} rows: one import takes at most ${CSV_IMPORT_MAX_ROWS}.`,
    });
    return { changes: [], objects: [], attributes: [], problems };
  }

  let working = model;
  const changes: Change[] = [];
  const createdObjects: Array<{ line: number; id: Id; name: string }> = [];
  const createdAttributes: Array<{
    line: number;
    id: Id;
    object: string;
    name: string;
  }> = [];
  const rejectedObjectNames: string[] = [];

  const problem = (
    file: string,
    index: number,
    line: number,
    column: string,
    code: CsvImportProblem['code'],
    message: string,
  ) =>
    problems.push({
      field: `${file}[${index}]${column ? `.${column}` : ''}`,
      code,
      message: `Line ${line}: ${message}`,
    });

  /** Applies a change to the working model, or files the domain's problems against the row. */
  const tryApply = (
    file: string,
    prefix: 'object' | 'attribute',
    index: number,
    line: number,
    change: Change,
  ): boolean => {
    try {
      working = applyChange(working, change).model;
      changes.push(change);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const p of error.problems) {
        const path = p.field.startsWith(`${prefix}.`)
          ? p.field.slice(prefix.length + 1)
          : p.field;
        const head = path.split(/[.[]/)[0] ?? path;
        const column =
          head === 'sip'
            ? `sip_${path.split('.')[1] ?? ''}`
            : (COLUMN_OF[head] ?? head);
        problem(file, index, line, column, p.code, p.message);
      }
      return false;
    }
  };

  const enumValue = <T extends string>(
    file: string,
    index: number,
    line: number,
    column: string,
    value: string | undefined,
    allowed: readonly T[],
  ): T | null | undefined => {
    const text = (value ?? '').trim().toLowerCase();
    if (text === '') return null;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    problem(
      file,
      index,
      line,
      column,
      'invalid_value',
      `${column} must be one of ${allowed.join(', ')} (or empty), not "${value}".`,
    );
    return undefined;
  };
  const scoreValue = (
    file: string,
    index: number,
    line: number,
    value: string | undefined,
  ): number | null | undefined => {
    const text = (value ?? '').trim();
    if (text === '') return null;
    if (/^\d+$/.test(text)) return Number(text);
    problem(
      file,
      index,
      line,
      'score',
      'invalid_type',
      `score must be a whole number from 1 to 10, not "${value}".`,
    );
    return undefined;
  };

  const existingObjects = sortByOrder(Object.values(model.objects));
  const objectKeys = keysBetween(
    existingObjects.at(-1)?.orderKey ?? null,
    null,
    objectsSheet.rows.length,
  );
  objectsSheet.rows.forEach(({ line, cells }, index) => {
    const file = 'objects';
    const priority = enumValue<Priority>(
      file,
      index,
      line,
      'priority',
      cells['priority'],
      PRIORITIES,
    );
    const score = scoreValue(file, index, line, cells['score']);
    const sip = (['structure', 'instances', 'purpose'] as const).map(
      (question) =>
        enumValue<SipAnswer>(
          file,
          index,
          line,
          `sip_${question}`,
          cells[`sip_${question}`],
          SIP_ANSWERS,
        ),
    );
    const name = (cells['name'] ?? '').trim();
    if (
      priority === undefined ||
      score === undefined ||
      sip.includes(undefined)
    ) {
      rejectedObjectNames.push(name);
      return;
    }
    const id = generateId();
    const object: OrcaObject = newObject({
      id,
      name,
      orderKey: objectKeys[index] as string,
      definition: cells['definition'] ?? '',
      synonyms: list(cells['synonyms']),
      examples: list(cells['examples']),
      states: list(cells['states']).map((state) => ({
        name: state,
        description: '',
        transitions: [],
      })),
      priority,
      score,
      openQuestions: list(cells['open_questions']),
      sip: {
        structure: { answer: sip[0] ?? null, note: '' },
        instances: { answer: sip[1] ?? null, note: '' },
        purpose: { answer: sip[2] ?? null, note: '' },
      } satisfies SipCheck,
    });
    if (
      tryApply(file, 'object', index, line, { kind: 'object.create', object })
    )
      createdObjects.push({ line, id, name });
    else rejectedObjectNames.push(name);
  });

  const findObject = (name: string | undefined, id: string | undefined) => {
    const wanted = (name ?? '').trim();
    if (wanted)
      return Object.values(working.objects).find((o) =>
        sameName(o.name, wanted),
      );
    const byId = (id ?? '').trim();
    return byId && Object.hasOwn(working.objects, byId)
      ? working.objects[byId]
      : undefined;
  };
  attributesSheet.rows.forEach(({ line, cells }, index) => {
    const file = 'attributes';
    const objectName = (cells['object'] ?? '').trim();
    const owner = findObject(objectName, cells['object_id']);
    let ok = true;
    if (!owner) {
      ok = false;
      problem(
        file,
        index,
        line,
        'object',
        objectName || cells['object_id'] ? 'unknown_object' : 'required',
        objectName
          ? `No object is named "${objectName}"${
              rejectedObjectNames.some((n) => sameName(n, objectName))
                ? ' (its row in objects.csv was rejected)'
                : ''
            }.`
          : 'object is required: the name of the object the attribute belongs to.',
      );
    }
    const referenceName = (cells['reference'] ?? '').trim();
    const reference =
      referenceName || (cells['reference_id'] ?? '').trim()
        ? findObject(referenceName, cells['reference_id'])
        : null;
    if (reference === undefined) {
      ok = false;
      problem(
        file,
        index,
        line,
        'reference',
        'unknown_object',
        `No object is named "${referenceName || cells['reference_id']}".`,
      );
    }
    const kind = enumValue(file, index, line, 'kind', cells['kind'], [
      'core',
      'metadata',
    ] as const);
    const requiredText = (cells['required'] ?? '').trim().toLowerCase();
    const required = ['', 'false', 'no', 'n', '0'].includes(requiredText)
      ? false
      : ['true', 'yes', 'y', '1', 'x'].includes(requiredText)
        ? true
        : undefined;
    if (required === undefined)
      problem(
        file,
        index,
        line,
        'required',
        'invalid_value',
        `required must be yes or no (or empty), not "${cells['required']}".`,
      );
    const priority = enumValue<Priority>(
      file,
      index,
      line,
      'priority',
      cells['priority'],
      PRIORITIES,
    );
    const score = scoreValue(file, index, line, cells['score']);
    if (
      !ok ||
      !owner ||
      kind === undefined ||
      required === undefined ||
      priority === undefined ||
      score === undefined
    )
      return;
    const siblings = sortByOrder(
      Object.values(working.attributes).filter((a) => a.objectId === owner.id),
    );
    const [orderKey] = keysBetween(siblings.at(-1)?.orderKey ?? null, null, 1);
    const id = generateId();
    const defaultText = cells['default'] ?? '';
    const attribute: Attribute = newAttribute({
      id,
      objectId: owner.id,
      name: (cells['name'] ?? '').trim(),
      type: (cells['type'] ?? '').trim().toLowerCase() as AttributeType,
      kind: kind ?? 'core',
      required,
      defaultValue: defaultText === '' ? null : defaultText,
      listValues: list(cells['values']),
      referencedObjectId: reference?.id ?? null,
      description: cells['description'] ?? '',
      source: cells['source'] ?? '',
      visibility: cells['visibility'] ?? '',
      priority,
      score,
      orderKey: orderKey as string,
    });
    if (
      tryApply(file, 'attribute', index, line, {
        kind: 'attribute.create',
        attribute,
      })
    )
      createdAttributes.push({
        line,
        id,
        object: owner.name,
        name: attribute.name,
      });
  });

  return problems.length > 0
    ? { changes: [], objects: [], attributes: [], problems }
    : {
        changes,
        objects: createdObjects,
        attributes: createdAttributes,
        problems,
      };
}

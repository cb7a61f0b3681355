/**
 * CSV: one file per artifact (objects, relationships, roles, ctas, attributes), RFC 4180 (comma,
 * CRLF, double quotes), UTF-8 with a byte order mark so spreadsheets read accents right. Items
 * refer to each other by name for people and by id for machines (both columns are there). Text
 * that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading
 * apostrophe. Lists (synonyms, examples, states, list values) are one item per line in the cell.
 * Served alone, the CSV files travel as one ZIP.
 */
import {
  type Id,
  objectsInOrder,
  type ProjectModel,
  rolesInOrder,
  sortByOrder,
} from '@orca/shared/domain';
import { strToU8, zipSync } from 'fflate';
import {
  type ExportFormatFunction,
  exportedModel,
  generatedAt,
  type ExportOptions,
} from './export-options';

export const CSV_ARTIFACTS = [
  'objects',
  'relationships',
  'roles',
  'ctas',
  'attributes',
] as const;
export type CsvArtifact = (typeof CSV_ARTIFACTS)[number];

export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
/** List cells: one entry per line. */
export const CSV_LIST_SEPARATOR = '\n';

/** One cell, guarded against formula injection and quoted when RFC 4180 needs it. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, a header row, CRLF line ends (also after the last row). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return (
    BOM +
    [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') +
    '\r\n'
  );
}

export interface ArtifactTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/**
 * Each artifact as a table (header and rows, in list order), for CSV and for the workbook's
 * artifact sheets alike.
 */
export function artifactTables(
  view: ProjectModel,
): Record<CsvArtifact, ArtifactTable> {
  const objectName = (id: Id | null) =>
    id !== null && Object.hasOwn(view.objects, id)
      ? view.objects[id]?.name
      : undefined;
  const roleName = (id: Id) =>
    Object.hasOwn(view.roles, id) ? view.roles[id]?.name : undefined;
  const objects = objectsInOrder(view);
  const rank = new Map(objects.map((object, index) => [object.id, index]));
  const roles = rolesInOrder(view);
  const roleRank = new Map(roles.map((role, index) => [role.id, index]));
  const list = (values: readonly string[]) => values.join(CSV_LIST_SEPARATOR);

  const table = (
    header: readonly string[],
    rows: readonly (readonly CsvValue[])[],
  ): ArtifactTable => ({ header, rows });

  return {
    objects: table(
      [
        'id',
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
      ],
      objects.map((o) => [
        o.id,
        o.name,
        o.definition,
        list(o.synonyms),
        list(o.examples),
        list(o.states.map((state) => state.name)),
        o.priority,
        o.score,
        o.sip.structure.answer,
        o.sip.instances.answer,
        o.sip.purpose.answer,
        list(o.openQuestions),
      ]),
    ),
    relationships: table(
      [
        'id',
        'from_object_id',
        'from_object',
        'label',
        'to_object_id',
        'to_object',
        'cardinality',
        'required',
        'mechanics',
        'sort',
        'filter',
        'dependency',
        'notes',
      ],
      Object.values(view.relationships)
        .sort(
          (a, b) =>
            (rank.get(a.fromObjectId) ?? 0) - (rank.get(b.fromObjectId) ?? 0) ||
            (rank.get(a.toObjectId) ?? 0) - (rank.get(b.toObjectId) ?? 0),
        )
        .map((r) => [
          r.id,
          r.fromObjectId,
          objectName(r.fromObjectId),
          r.label,
          r.toObjectId,
          objectName(r.toObjectId),
          r.cardinality,
          r.required,
          r.mechanics,
          r.sort,
          r.filter,
          r.dependency,
          r.notes,
        ]),
    ),
    roles: table(
      ['id', 'name', 'description', 'archived'],
      roles.map((r) => [r.id, r.name, r.description, r.archived]),
    ),
    ctas: table(
      [
        'id',
        'role_id',
        'role',
        'object_id',
        'object',
        'verb',
        'crud',
        'primary',
        'required_state',
        'preconditions',
        'postconditions',
        'user_story',
        'priority',
        'score',
      ],
      sortByOrder(Object.values(view.ctas))
        .sort(
          (a, b) =>
            (roleRank.get(a.roleId) ?? 0) - (roleRank.get(b.roleId) ?? 0) ||
            (rank.get(a.objectId) ?? 0) - (rank.get(b.objectId) ?? 0),
        )
        .map((c) => [
          c.id,
          c.roleId,
          roleName(c.roleId),
          c.objectId,
          objectName(c.objectId),
          c.verb,
          c.crud,
          c.primary,
          c.requiredState,
          c.preconditions,
          c.postconditions,
          c.userStory,
          c.priority,
          c.score,
        ]),
    ),
    attributes: table(
      [
        'id',
        'object_id',
        'object',
        'name',
        'type',
        'kind',
        'required',
        'default',
        'values',
        'reference_id',
        'reference',
        'description',
        'source',
        'visibility',
        'priority',
        'score',
      ],
      sortByOrder(Object.values(view.attributes))
        .sort(
          (a, b) => (rank.get(a.objectId) ?? 0) - (rank.get(b.objectId) ?? 0),
        )
        .map((a) => [
          a.id,
          a.objectId,
          objectName(a.objectId),
          a.name,
          a.type,
          a.kind,
          a.required,
          a.defaultValue,
          list(a.listValues),
          a.referencedObjectId,
          objectName(a.referencedObjectId),
          a.description,
          a.source,
          a.visibility,
          a.priority,
          a.score,
        ]),
    ),
  };
}

/** The CSV text of each artifact, keyed by file name (`objects.csv` …). */
export function csvFiles(
  model: ProjectModel,
  options: ExportOptions,
): Record<`${CsvArtifact}.csv`, string> {
  const tables = artifactTables(exportedModel(model, options));
  return Object.fromEntries(
    CSV_ARTIFACTS.map((artifact) => [
      `${artifact}.csv`,
      toCsv(tables[artifact].header, tables[artifact].rows),
    ]),
  ) as Record<`${CsvArtifact}.csv`, string>;
}

/** Files into one ZIP with a fixed time stamp (the export's), so equal input zips equally. */
export function zipFiles(
  files: Readonly<Record<string, string | Uint8Array>>,
  at: string,
): Buffer {
  const mtime = new Date(at);
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, content]) => [
      name,
      [typeof content === 'string' ? strToU8(content) : content, { mtime }],
    ]),
  ) as Parameters<typeof zipSync>[0];
  const zipped = zipSync(entries, { level: 6 });
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

/** The CSV export served on its own: the five files in one ZIP. */
export const exportCsv: ExportFormatFunction = async (model, options) => {
  options.onProgress?.(0);
  const files = csvFiles(model, options);
  options.onProgress?.(60);
  const zipped = zipFiles(files, generatedAt(options));
  options.onProgress?.(100);
  return zipped;
};

/**
 * Reads RFC 4180 text (commas, double quotes, CRLF or LF, a leading BOM) into rows of cells.
 * Lenient where spreadsheets are (a quote inside an unquoted cell is kept); an unclosed quote is
 * the one error, reported with the line it started on.
 */
export function parseCsv(
  text: string,
): { ok: true; rows: string[][] } | { ok: false; line: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cellStart = true;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
    cellStart = true;
  };
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cellStart) {
      quoted = true;
      quoteLine = line;
      cellStart = false;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      cellStart = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      cell += c;
      cellStart = false;
    }
  }
  if (quoted) return { ok: false, line: quoteLine };
  if (!cellStart || row.length > 0) endRow();
  return { ok: true, rows };
}

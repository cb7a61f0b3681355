/**
 * XLSX (exceljs): a sheet per artifact (the CSV tables), the Nested Object Matrix (objects ×
 * objects), the CTA Matrix (roles × objects) and the Object Map (a column per object), with
 * frozen headers and the OOUX colours: objects blue, core content yellow, metadata pink, CTAs
 * green. Text is stored as text (never as a formula), so nothing in a cell runs.
 */
import {
  buildCtaMatrix,
  buildNestedObjectMatrix,
  cardinalityPhrase,
  objectGuide,
  OOUX_COLOURS,
  type ProjectModel,
} from '@orca/shared/domain';
import { type Cell, type Fill, type Row, Workbook } from 'exceljs';
import {
  artifactTables,
  type ArtifactTable,
  CSV_ARTIFACTS,
  type CsvArtifact,
  type CsvValue,
} from './csv';
import {
  type ExportFormatFunction,
  exportedModel,
  exportSubtitle,
  generatedAt,
  progressRange,
} from './export-options';

export const SHEET_NAMES: Readonly<Record<CsvArtifact, string>> = {
  objects: 'Objects',
  relationships: 'Relationships',
  roles: 'Roles',
  ctas: 'CTAs',
  attributes: 'Attributes',
};
export const NOM_SHEET = 'Nested Object Matrix';
export const CTA_MATRIX_SHEET = 'CTA Matrix';
export const OBJECT_MAP_SHEET = 'Object Map';

const HEADER_FILL = 'E7E6E6';
/** Columns holding long text or lists: wider, wrapped. */
const WIDE_COLUMNS = new Set([
  'definition',
  'synonyms',
  'examples',
  'states',
  'open_questions',
  'mechanics',
  'dependency',
  'notes',
  'description',
  'preconditions',
  'postconditions',
  'user_story',
  'values',
]);

/**
 * Printed as people expect a hand-off sheet: landscape, every column on one page width, the
 * header row repeated on each page.
 */
const PRINT_SETUP = {
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
} as const;

function fill(hex: string): Fill {
  return {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: `FF${hex}` },
  };
}

function paint(cell: Cell, hex: string): void {
  cell.fill = fill(hex);
}

function styleHeader(row: Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    if (!cell.fill || cell.fill.type !== 'pattern') paint(cell, HEADER_FILL);
  });
}

function cellValue(value: CsvValue): string | number | boolean | null {
  return value === undefined ? null : value;
}

/** Which column of a table to paint in which colour, per artifact. */
function artifactColours(
  artifact: CsvArtifact,
  table: ArtifactTable,
): (row: readonly CsvValue[]) => Array<[number, string]> {
  const column = (name: string) => table.header.indexOf(name);
  switch (artifact) {
    case 'objects':
      return () => [[column('name'), OOUX_COLOURS.object]];
    case 'relationships':
      return () => [
        [column('from_object'), OOUX_COLOURS.object],
        [column('to_object'), OOUX_COLOURS.object],
      ];
    case 'roles':
      return () => [];
    case 'ctas':
      return () => [
        [column('verb'), OOUX_COLOURS.cta],
        [column('object'), OOUX_COLOURS.object],
      ];
    case 'attributes':
      return (row) => [
        [
          column('name'),
          row[column('kind')] === 'metadata'
            ? OOUX_COLOURS.metadata
            : OOUX_COLOURS.core,
        ],
        [column('object'), OOUX_COLOURS.object],
      ];
  }
}

function addArtifactSheet(
  workbook: Workbook,
  artifact: CsvArtifact,
  table: ArtifactTable,
): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES[artifact], {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: PRINT_SETUP,
  });
  sheet.columns = table.header.map((name) => ({
    header: name,
    key: name,
    width: name.endsWith('id')
      ? 38
      : WIDE_COLUMNS.has(name)
        ? 48
        : name === 'name' || name.endsWith('object') || name === 'role'
          ? 24
          : 14,
    style: WIDE_COLUMNS.has(name)
      ? { alignment: { wrapText: true, vertical: 'top' } }
      : { alignment: { vertical: 'top' } },
  }));
  styleHeader(sheet.getRow(1));
  const colours = artifactColours(artifact, table);
  for (const values of table.rows) {
    const row = sheet.addRow(values.map(cellValue));
    for (const [index, hex] of colours(values)) {
      if (index >= 0) paint(row.getCell(index + 1), hex);
    }
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: table.header.length },
  };
}

function addNomSheet(workbook: Workbook, view: ProjectModel): void {
  const nom = buildNestedObjectMatrix(view);
  const sheet = workbook.addWorksheet(NOM_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: PRINT_SETUP,
  });
  sheet.getColumn(1).width = 28;
  const header = sheet.getRow(1);
  header.getCell(1).value = 'row → column';
  nom.objects.forEach((object, index) => {
    const cell = header.getCell(index + 2);
    cell.value = object.name;
    paint(cell, OOUX_COLOURS.object);
    sheet.getColumn(index + 2).width = 22;
  });
  styleHeader(header);
  nom.rows.forEach((nomRow, rowIndex) => {
    const row = sheet.getRow(rowIndex + 2);
    const head = row.getCell(1);
    head.value = nomRow.object.name;
    head.font = { bold: true };
    paint(head, OOUX_COLOURS.object);
    nomRow.cells.forEach((nomCell, columnIndex) => {
      if (!nomCell.relationship) return;
      const cell = row.getCell(columnIndex + 2);
      const { relationship } = nomCell;
      cell.value = `${relationship.label || '(no label)'} (${cardinalityPhrase(relationship)})`;
      cell.alignment = { wrapText: true, vertical: 'top' };
      paint(cell, OOUX_COLOURS.nested);
      if (!nomCell.reverseFilled)
        cell.note = 'The mirror cell (column → row) is empty.';
    });
    row.commit();
  });
}

function addCtaMatrixSheet(workbook: Workbook, view: ProjectModel): void {
  const matrix = buildCtaMatrix(view);
  const sheet = workbook.addWorksheet(CTA_MATRIX_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: PRINT_SETUP,
  });
  sheet.getColumn(1).width = 22;
  const header = sheet.getRow(1);
  header.getCell(1).value = 'role ↓ object →';
  matrix.objects.forEach((object, index) => {
    const cell = header.getCell(index + 2);
    cell.value = object.name;
    paint(cell, OOUX_COLOURS.object);
    sheet.getColumn(index + 2).width = 24;
  });
  styleHeader(header);
  matrix.rows.forEach((matrixRow, rowIndex) => {
    const row = sheet.getRow(rowIndex + 2);
    const head = row.getCell(1);
    head.value = matrixRow.role.archived
      ? `${matrixRow.role.name} (archived)`
      : matrixRow.role.name;
    head.font = { bold: true };
    matrixRow.cells.forEach((matrixCell, columnIndex) => {
      if (matrixCell.ctas.length === 0) return;
      const cell = row.getCell(columnIndex + 2);
      cell.value = matrixCell.ctas
        .map((cta) => `${cta.primary ? '★ ' : ''}${cta.verb}`)
        .join('\n');
      cell.alignment = { wrapText: true, vertical: 'top' };
      paint(cell, OOUX_COLOURS.cta);
    });
  });
}

function addObjectMapSheet(workbook: Workbook, view: ProjectModel): void {
  const guide = objectGuide(view);
  const sheet = workbook.addWorksheet(OBJECT_MAP_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    pageSetup: PRINT_SETUP,
  });
  guide.entries.forEach((entry, index) => {
    const column = index + 1;
    sheet.getColumn(column).width = 26;
    const cells: Array<[string, string]> = [
      ...entry.core.map((a): [string, string] => [a.name, OOUX_COLOURS.core]),
      ...entry.metadata.map((a): [string, string] => [
        a.name,
        OOUX_COLOURS.metadata,
      ]),
      ...entry.nested.map((n): [string, string] => [
        n.object.name,
        OOUX_COLOURS.nested,
      ]),
      ...entry.ctasByRole.flatMap((group) =>
        group.ctas.map((cta): [string, string] => [
          `${group.role.name}: ${cta.verb}`,
          OOUX_COLOURS.cta,
        ]),
      ),
    ];
    const head = sheet.getCell(1, column);
    head.value = entry.object.name;
    head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    paint(head, OOUX_COLOURS.objectStrong);
    cells.forEach(([text, hex], offset) => {
      const cell = sheet.getCell(offset + 2, column);
      cell.value = text;
      paint(cell, hex);
    });
  });
}

export async function buildWorkbook(
  model: ProjectModel,
  options: Parameters<ExportFormatFunction>[1],
): Promise<Workbook> {
  const progress = progressRange(options, 0, 80);
  const view = exportedModel(model, options);
  const workbook = new Workbook();
  workbook.creator = 'ORCA Project Builder';
  workbook.title = options.projectName;
  workbook.subject = exportSubtitle(options);
  workbook.created = new Date(generatedAt(options));
  workbook.modified = workbook.created;
  const tables = artifactTables(view);
  const steps = CSV_ARTIFACTS.length + 3;
  CSV_ARTIFACTS.forEach((artifact, index) => {
    progress(index / steps);
    addArtifactSheet(workbook, artifact, tables[artifact]);
  });
  progress(5 / steps);
  addNomSheet(workbook, view);
  progress(6 / steps);
  addCtaMatrixSheet(workbook, view);
  progress(7 / steps);
  addObjectMapSheet(workbook, view);
  progress(1);
  return workbook;
}

export const exportXlsx: ExportFormatFunction = async (model, options) => {
  const workbook = await buildWorkbook(model, options);
  const written = await workbook.xlsx.writeBuffer();
  options.onProgress?.(100);
  return Buffer.isBuffer(written) ? written : Buffer.from(written);
};

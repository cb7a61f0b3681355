import {
  buildNestedObjectMatrix,
  nowOnly,
  objectsInOrder,
  OOUX_COLOURS,
  rolesInOrder,
} from '@orca/shared/domain';
import { type Cell, ValueType, Workbook, type Worksheet } from 'exceljs';
import { awkwardModel, GENERATED_AT, testModels } from '../../testing/fixtures';
import {
  CTA_MATRIX_SHEET,
  exportXlsx,
  NOM_SHEET,
  OBJECT_MAP_SHEET,
  SHEET_NAMES,
} from './xlsx';

async function readBack(buffer: Buffer | string): Promise<Workbook> {
  const workbook = new Workbook();
  // exceljs types its Buffer against an older @types/node.
  await workbook.xlsx.load(
    buffer as unknown as Parameters<Workbook['xlsx']['load']>[0],
  );
  return workbook;
}

function sheet(workbook: Workbook, name: string): Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function fillOf(cell: Cell): string | undefined {
  return cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
}

const argb = (hex: string) => `FF${hex}`;

describe('XLSX export', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName }) => {
      it('has a sheet per artifact, the NOM, the CTA Matrix and the Object Map, headers frozen', async () => {
        const workbook = await readBack(
          await exportXlsx(model, { projectName, generatedAt: GENERATED_AT }),
        );
        expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
          'Objects',
          'Relationships',
          'Roles',
          'CTAs',
          'Attributes',
          NOM_SHEET,
          CTA_MATRIX_SHEET,
          OBJECT_MAP_SHEET,
        ]);
        for (const ws of workbook.worksheets) {
          expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        }
        const objects = objectsInOrder(model);
        const objectsSheet = sheet(workbook, SHEET_NAMES.objects);
        expect(objectsSheet.actualRowCount).toBe(objects.length + 1);
        objects.forEach((object, index) => {
          const cell = objectsSheet.getRow(index + 2).getCell(2);
          expect(cell.value).toBe(object.name);
          expect(fillOf(cell)).toBe(argb(OOUX_COLOURS.object));
        });

        const attributesSheet = sheet(workbook, SHEET_NAMES.attributes);
        const header = attributesSheet.getRow(1).values as unknown[];
        const nameColumn = header.indexOf('name');
        const kindColumn = header.indexOf('kind');
        expect(attributesSheet.actualRowCount).toBe(
          Object.keys(model.attributes).length + 1,
        );
        attributesSheet.eachRow((row, number) => {
          if (number === 1) return;
          expect(fillOf(row.getCell(nameColumn))).toBe(
            argb(
              row.getCell(kindColumn).value === 'metadata'
                ? OOUX_COLOURS.metadata
                : OOUX_COLOURS.core,
            ),
          );
        });

        const nom = buildNestedObjectMatrix(model);
        const nomSheet = sheet(workbook, NOM_SHEET);
        expect(nomSheet.views[0]).toMatchObject({ xSplit: 1, ySplit: 1 });
        nom.rows.forEach((row, r) =>
          row.cells.forEach((cell, c) => {
            const value = nomSheet.getRow(r + 2).getCell(c + 2).value;
            if (cell.relationship)
              expect(String(value)).toContain(
                cell.relationship.cardinality.replace(/-/g, ' '),
              );
            else expect(value).toBeNull();
          }),
        );

        const ctaSheet = sheet(workbook, CTA_MATRIX_SHEET);
        const roles = rolesInOrder(model);
        expect(ctaSheet.actualRowCount).toBe(roles.length + 1);
        let filled = 0;
        ctaSheet.eachRow((row, number) => {
          if (number === 1) return;
          row.eachCell((cell, column) => {
            if (column === 1) return;
            filled += String(cell.value).split('\n').length;
            expect(fillOf(cell)).toBe(argb(OOUX_COLOURS.cta));
          });
        });
        expect(filled).toBe(Object.keys(model.ctas).length);

        const map = sheet(workbook, OBJECT_MAP_SHEET);
        expect(map.getRow(1).values).toEqual([
          undefined,
          ...objects.map((o) => o.name),
        ]);
      });

      it('keeps only Now items when asked', async () => {
        const view = nowOnly(model);
        const workbook = await readBack(
          await exportXlsx(model, { projectName, nowOnly: true }),
        );
        expect(sheet(workbook, SHEET_NAMES.objects).actualRowCount).toBe(
          Object.keys(view.objects).length + 1,
        );
        expect(sheet(workbook, SHEET_NAMES.attributes).actualRowCount).toBe(
          Object.keys(view.attributes).length + 1,
        );
      });
    },
  );

  it('stores formula-looking text as text, never as a formula', async () => {
    const { model, projectName } = awkwardModel();
    const workbook = await readBack(await exportXlsx(model, { projectName }));
    const synonyms = sheet(workbook, SHEET_NAMES.objects).getRow(2).getCell(4);
    expect(synonyms.type).toBe(ValueType.String);
    expect(synonyms.value).toBe(
      '=HYPERLINK("https://evil.example")\nBestellung',
    );
    const formulas: string[] = [];
    workbook.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ValueType.Formula) formulas.push(cell.address);
        }),
      ),
    );
    expect(formulas).toEqual([]);
  });
});

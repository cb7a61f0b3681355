import { nowOnly } from '@orca/shared/domain';
import { unzipSync } from 'fflate';
import { awkwardModel, GENERATED_AT, testModels } from '../../testing/fixtures';
import { csvCell, csvFiles, exportCsv, parseCsv, toCsv } from './csv';

/** Parses one exported file into records keyed by header. */
function records(text: string): Array<Record<string, string>> {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`unclosed quote on line ${parsed.line}`);
  const [header = [], ...rows] = parsed.rows;
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])),
  );
}

describe('CSV cells (RFC 4180, formula-safe)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and empty values plainly', () => {
    expect([
      csvCell(-3),
      csvCell(true),
      csvCell(null),
      csvCell(undefined),
    ]).toEqual(['-3', 'true', '', '']);
  });

  it('ends every line with CRLF and reads back what it wrote', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x,"y"', 'line\r\nbreak'],
        ['', 'z'],
      ],
    );
    expect(text).toBe('\uFEFFa,b\r\n"x,""y""","line\r\nbreak"\r\n,z\r\n');
    expect(parseCsv(text)).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['x,"y"', 'line\r\nbreak'],
        ['', 'z'],
      ],
    });
  });

  it('reports an unclosed quote with the line it started on', () => {
    expect(parseCsv('name\nok\n"broken,\nstill')).toEqual({
      ok: false,
      line: 3,
    });
  });
});

describe('CSV export', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName }) => {
      it('writes one file per artifact with a row per item, names beside ids', () => {
        const files = csvFiles(model, { projectName });
        expect(Object.keys(files)).toEqual([
          'objects.csv',
          'relationships.csv',
          'roles.csv',
          'ctas.csv',
          'attributes.csv',
        ]);
        const objects = records(files['objects.csv']);
        expect(objects.map((o) => o['id']).sort()).toEqual(
          Object.keys(model.objects).sort(),
        );
        expect(records(files['relationships.csv'])).toHaveLength(
          Object.keys(model.relationships).length,
        );
        expect(records(files['roles.csv'])).toHaveLength(
          Object.keys(model.roles).length,
        );
        const ctas = records(files['ctas.csv']);
        expect(ctas).toHaveLength(Object.keys(model.ctas).length);
        for (const cta of ctas) {
          const item = model.ctas[cta['id'] as string];
          expect(cta['role'].replace(/^'/, '')).toBe(
            model.roles[item?.roleId ?? '']?.name,
          );
          expect(cta['object']).toBe(model.objects[item?.objectId ?? '']?.name);
        }
        const attributes = records(files['attributes.csv']);
        expect(attributes).toHaveLength(Object.keys(model.attributes).length);
        for (const attribute of attributes) {
          const item = model.attributes[attribute['id'] as string];
          expect(attribute['object_id']).toBe(item?.objectId);
          expect(attribute['object']).toBe(
            model.objects[item?.objectId ?? '']?.name,
          );
        }
      });

      it('leaves out what is not planned for Now when asked', () => {
        const files = csvFiles(model, { projectName, nowOnly: true });
        const view = nowOnly(model);
        expect(
          records(files['objects.csv'])
            .map((o) => o['id'])
            .sort(),
        ).toEqual(Object.keys(view.objects).sort());
        expect(records(files['attributes.csv'])).toHaveLength(
          Object.keys(view.attributes).length,
        );
        expect(records(files['ctas.csv'])).toHaveLength(
          Object.keys(view.ctas).length,
        );
      });
    },
  );

  it('guards every cell a spreadsheet would run as a formula', () => {
    const { model, projectName } = awkwardModel();
    const files = csvFiles(model, { projectName });
    const all = Object.values(files).flatMap((text) => {
      const parsed = parseCsv(text);
      return parsed.ok ? parsed.rows.flat() : [];
    });
    expect(all.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const objects = records(files['objects.csv']);
    expect(objects[0]?.['synonyms']).toBe(
      `'=HYPERLINK("https://evil.example")\nBestellung`,
    );
    expect(objects[0]?.['name']).toBe('Order "special"');
    expect(records(files['roles.csv'])[1]?.['name']).toBe("'=Owner");
  });

  it('serves the five files zipped together, UTF-8 with BOM', async () => {
    const { model, projectName } = awkwardModel();
    const zip = (await exportCsv(model, {
      projectName,
      generatedAt: GENERATED_AT,
    })) as Buffer;
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual([
      'attributes.csv',
      'ctas.csv',
      'objects.csv',
      'relationships.csv',
      'roles.csv',
    ]);
    // Buffer keeps the BOM (TextDecoder would drop it).
    const objects = Buffer.from(files['objects.csv'] as Uint8Array).toString(
      'utf8',
    );
    expect(objects.startsWith('\uFEFFid,name,definition')).toBe(true);
    expect(objects).toContain('Ünïcödé Кастомер 客户');
  });
});

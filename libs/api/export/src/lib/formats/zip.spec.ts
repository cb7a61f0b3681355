import { strFromU8, unzipSync } from 'fflate';
import { awkwardModel, GENERATED_AT, testModels } from '../../testing/fixtures';
import { readPdf } from '../../testing/pdf-text';
import { EXPORT_FORMATS } from './catalog';
import { type BundleManifest, exportZip } from './zip';

describe('ZIP bundle', () => {
  it.each(testModels().map((m) => [m.name, m] as const))(
    '%s: every format plus a manifest listing names, formats, sizes, rev and time',
    async (_name, { model, projectName }) => {
      const percents: number[] = [];
      const zip = (await exportZip(model, {
        projectName,
        rev: 9,
        generatedAt: GENERATED_AT,
        onProgress: (p) => percents.push(p),
      })) as Buffer;
      const files = unzipSync(new Uint8Array(zip));
      const manifest = JSON.parse(
        strFromU8(files['manifest.json'] as Uint8Array),
      ) as BundleManifest;
      expect(manifest).toMatchObject({
        format: 'orca-export-bundle',
        version: 1,
        project: projectName,
        rev: 9,
        filter: null,
        generatedAt: GENERATED_AT,
      });
      expect([...manifest.formats].sort()).toEqual(
        EXPORT_FORMATS.filter((f) => f !== 'zip').sort(),
      );
      expect(Object.keys(files).sort()).toEqual(
        [...manifest.files.map((f) => f.name), 'manifest.json'].sort(),
      );
      for (const file of manifest.files)
        expect(files[file.name]?.byteLength).toBe(file.bytes);
      const base = manifest.files.find((f) => f.format === 'json')?.name;
      expect(base).toMatch(/-rev9\.json$/);
      expect(
        JSON.parse(strFromU8(files[base as string] as Uint8Array)).exported.at,
      ).toBe(GENERATED_AT);
      const pdf = manifest.files.find((f) => f.format === 'pdf')
        ?.name as string;
      expect(
        readPdf(Buffer.from(files[pdf] as Uint8Array)).pages,
      ).toBeGreaterThan(2);
      expect(
        manifest.files.filter((f) => f.format === 'csv').map((f) => f.name),
      ).toEqual([
        'csv/objects.csv',
        'csv/relationships.csv',
        'csv/roles.csv',
        'csv/ctas.csv',
        'csv/attributes.csv',
      ]);
      expect(percents[0]).toBe(0);
      expect(percents.at(-1)).toBe(100);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    },
  );

  it('bundles the Now view when asked, and says so', async () => {
    const { model, projectName } = awkwardModel();
    const files = unzipSync(
      new Uint8Array(
        (await exportZip(model, {
          projectName,
          nowOnly: true,
          rev: 2,
        })) as Buffer,
      ),
    );
    const manifest = JSON.parse(
      strFromU8(files['manifest.json'] as Uint8Array),
    ) as BundleManifest;
    expect(manifest.filter).toBe('now');
    expect(
      manifest.files.every(
        (f) => f.name.startsWith('csv/') || f.name.includes('-rev2-now.'),
      ),
    ).toBe(true);
    const markdown = strFromU8(
      files[
        manifest.files.find((f) => f.format === 'md')?.name as string
      ] as Uint8Array,
    );
    expect(markdown).not.toContain('Кастомер');
  });
});

import { fromInterchange, nowOnly } from '@orca/shared/domain';
import { canonicalModel } from '../../testing/canonical-model';
import { counterIds, GENERATED_AT, testModels } from '../../testing/fixtures';
import { exportJson } from './json';

describe('JSON export', () => {
  describe.each(testModels().map((m) => [m.name, m] as const))(
    '%s',
    (_name, { model, projectName, projectDescription }) => {
      it('re-imports into an identical model (round trip)', async () => {
        const text = (await exportJson(model, {
          projectName,
          projectDescription,
          rev: 7,
          generatedAt: GENERATED_AT,
        })) as string;
        const document = JSON.parse(text);
        expect(document).toMatchObject({
          format: 'orca-project',
          version: 1,
          project: { name: projectName, description: projectDescription },
          exported: { at: GENERATED_AT, rev: 7, filter: null },
        });
        // The importer drops the `exported` stamp; the rest is the interchange document.
        const interchange = { ...document };
        delete interchange.exported;
        const result = fromInterchange(interchange, {
          generateId: counterIds('again'),
        });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(canonicalModel(result.model)).toEqual(canonicalModel(model));
        expect(result.project).toEqual({
          name: projectName,
          description: projectDescription,
        });
      });

      it('exports only the Now view when asked', async () => {
        const text = (await exportJson(model, {
          projectName,
          nowOnly: true,
        })) as string;
        const { exported, ...interchange } = JSON.parse(text);
        expect(exported.filter).toBe('now');
        const result = fromInterchange(interchange, {
          generateId: counterIds(),
        });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(canonicalModel(result.model)).toEqual(
          canonicalModel(nowOnly(model)),
        );
        expect(
          interchange.objects.every(
            (o: { priority: string }) => o.priority === 'now',
          ),
        ).toBe(true);
      });
    },
  );
});

import fc from 'fast-check';
import { applyChange } from './apply-change';
import type { Change } from './changes';
import {
  fieldsWrittenBy,
  overwrittenBy,
  rebaseTextEdit,
  textKey,
  textOpsOfChange,
} from './concurrency';
import { emptyModel, newObject } from './model';
import { keyBetween } from './ordering';
import { applyTextOps, diffToTextOps, type TextOp } from './text-ops';

const courseId = '00000000-0000-4000-8000-000000000001';

function modelWithDefinition(definition: string) {
  const course = newObject({
    id: courseId,
    name: 'Course',
    definition,
    orderKey: keyBetween(null, null),
  });
  return applyChange(emptyModel(), { kind: 'object.create', object: course })
    .model;
}

describe('textOpsOfChange', () => {
  it("gives a text edit's own ops, keyed by item and field", () => {
    const before = modelWithDefinition('A course.');
    const change: Change = {
      kind: 'text.edit',
      target: { itemKind: 'object', id: courseId, field: 'definition' },
      ops: [{ retain: 2 }, { insert: 'short ' }],
    };
    const after = applyChange(before, change).model;
    expect(textOpsOfChange(before, after, change)).toEqual({
      [`object:${courseId}:definition`]: [{ retain: 2 }, { insert: 'short ' }],
    });
  });

  it('turns an update that replaces a long text into one replaced span, and ignores short fields', () => {
    const before = modelWithDefinition('A course people take.');
    const change: Change = {
      kind: 'object.update',
      id: courseId,
      patch: { name: 'Class', definition: 'A class people take.' },
    };
    const after = applyChange(before, change).model;
    expect(textOpsOfChange(before, after, change)).toEqual({
      [textKey({ itemKind: 'object', id: courseId, field: 'definition' })]: [
        { retain: 3 },
        { delete: 5 },
        { insert: 'lass' },
      ],
    });
  });

  it('gives nothing for changes that leave long texts alone', () => {
    const before = modelWithDefinition('A course.');
    const change: Change = {
      kind: 'object.update',
      id: courseId,
      patch: { definition: 'A course.' },
    };
    expect(textOpsOfChange(before, before, change)).toEqual({});
  });
});

describe('rebaseTextEdit', () => {
  const target = {
    itemKind: 'object',
    id: courseId,
    field: 'definition',
  } as const;

  it('keeps the words of two people typing in one definition at once', () => {
    const text = 'A course.';
    const ana: TextOp[] = [{ retain: 2 }, { insert: 'short ' }];
    const ben: TextOp[] = [{ retain: 8 }, { insert: ' on SQL' }];
    // The server commits Ana's first; Ben's, made against the same text, is rebased over it.
    const rebased = rebaseTextEdit({ target, ops: ben }, [ana]);
    expect(applyTextOps(applyTextOps(text, ana), rebased.ops)).toBe(
      'A short course on SQL.',
    );
  });

  it('puts the earlier writer first when both insert at the same place', () => {
    const rebased = rebaseTextEdit({ target, ops: [{ insert: 'B' }] }, [
      [{ insert: 'A' }],
    ]);
    expect(applyTextOps('A', rebased.ops)).toBe('AB');
  });

  it('keeps every insert of any number of concurrent typists, each in one piece', () => {
    const edit = (text: string) =>
      fc
        .tuple(
          fc.nat({ max: Array.from(text).length }),
          fc.nat({ max: 3 }),
          fc.stringMatching(/^[a-z]{1,4}$/),
        )
        .map(([at, remove, insert]) => {
          const length = Array.from(text).length;
          const deleted = Math.min(remove, length - at);
          return {
            ops: [
              { retain: at },
              { delete: deleted },
              { insert: `<${insert}>` },
            ] as TextOp[],
            marker: `<${insert}>`,
          };
        });
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[a-z .]{0,30}$/)
          .chain((text) =>
            fc.tuple(fc.constant(text), fc.array(edit(text), { maxLength: 6 })),
          ),
        ([text, edits]) => {
          // Every edit was made against `text`; the server applies them in order, each rebased
          // over the ones committed before it.
          let current = text;
          const committed: TextOp[][] = [];
          for (const { ops } of edits) {
            const rebased = rebaseTextEdit({ target, ops }, committed).ops;
            current = applyTextOps(current, rebased);
            committed.push([...rebased]);
          }
          for (const { marker } of edits) expect(current).toContain(marker);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rebases over a wholesale replacement as one replaced span, so text elsewhere survives', () => {
    const text = 'Intro. Middle. End.';
    const replaced = 'Intro. Centre. End.';
    const typed: TextOp[] = [{ retain: 19 }, { insert: ' More.' }];
    const rebased = rebaseTextEdit({ target, ops: typed }, [
      diffToTextOps(text, replaced),
    ]);
    expect(applyTextOps(replaced, rebased.ops)).toBe(
      'Intro. Centre. End. More.',
    );
  });
});

describe('fieldsWrittenBy and overwrittenBy', () => {
  const other = '00000000-0000-4000-8000-000000000002';

  it('lists the scalar fields of updates, moves and priorities, not creates or text edits', () => {
    expect(
      fieldsWrittenBy({
        kind: 'object.update',
        id: courseId,
        patch: { name: 'X', synonyms: [] },
      }),
    ).toEqual([
      { itemKind: 'object', id: courseId, field: 'name' },
      { itemKind: 'object', id: courseId, field: 'synonyms' },
    ]);
    expect(
      fieldsWrittenBy({
        kind: 'priority.set',
        items: [{ itemKind: 'cta', id: other }],
        priority: 'now',
      }),
    ).toEqual([{ itemKind: 'cta', id: other, field: 'priority' }]);
    expect(
      fieldsWrittenBy({
        kind: 'text.edit',
        target: { itemKind: 'object', id: courseId, field: 'definition' },
        ops: [{ insert: 'x' }],
      }),
    ).toEqual([]);
  });

  it('names the concurrent write a change replaces, and who made it', () => {
    const since = [
      {
        rev: 7,
        actorId: 'ben',
        clientId: 'ben-tab',
        change: {
          kind: 'object.update',
          id: courseId,
          patch: { name: 'Class' },
        } as Change,
      },
      {
        rev: 8,
        actorId: 'cy',
        clientId: 'cy-tab',
        change: {
          kind: 'object.update',
          id: other,
          patch: { name: 'Lesson' },
        } as Change,
      },
    ];
    expect(
      overwrittenBy(
        { kind: 'object.update', id: courseId, patch: { name: 'Module' } },
        since,
      ),
    ).toEqual([
      {
        itemKind: 'object',
        id: courseId,
        field: 'name',
        rev: 7,
        actorId: 'ben',
        clientId: 'ben-tab',
      },
    ]);
  });

  it('reports nothing when both wrote the same value or different fields', () => {
    const since = [
      {
        rev: 3,
        actorId: 'ben',
        clientId: 'ben-tab',
        change: {
          kind: 'object.update',
          id: courseId,
          patch: { name: 'Class', synonyms: ['Lesson'] },
        } as Change,
      },
    ];
    expect(
      overwrittenBy(
        { kind: 'object.update', id: courseId, patch: { name: 'Class' } },
        since,
      ),
    ).toEqual([]);
    expect(
      overwrittenBy(
        {
          kind: 'object.update',
          id: courseId,
          patch: { description: 'x' } as never,
        },
        since,
      ),
    ).toEqual([]);
  });
});

import {
  CHECK_RULE_IDS,
  buildNestedObjectMatrix,
  checkModel,
  findItem,
  type CheckRuleId,
  type Id,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
} from '@orca/shared/domain';
import { CARDINALITY_SHORT } from '../shared/vocabulary';

/**
 * What a NOM cell flags: `one-way` — filled while its mirror is empty; `gap` — the empty mirror of a
 * one-way cell; `contradiction` — both filled with cardinalities that cannot both hold.
 */
export type NomCellFlag = 'none' | 'one-way' | 'gap' | 'contradiction';

export interface NomCellView {
  readonly fromId: Id;
  readonly toId: Id;
  readonly relationship: Relationship | null;
  readonly flag: NomCellFlag;
  /** Why the cell is flagged, in the words of the domain's check. */
  readonly message: string | null;
  readonly diagonal: boolean;
  /** What a screen reader announces for the cell. */
  readonly description: string;
}

export interface NomRowView {
  readonly object: OrcaObject;
  readonly index: number;
  readonly cells: readonly NomCellView[];
}

const NOM_RULES: readonly CheckRuleId[] = [
  'relationship-one-way',
  'relationship-cardinality-contradiction',
];
const OTHER_RULES = CHECK_RULE_IDS.filter((id) => !NOM_RULES.includes(id));

interface Flagged {
  readonly flag: Exclude<NomCellFlag, 'none'>;
  readonly message: string;
}

/** The cells the domain's checks flag, keyed by `from|to`: one-way pairs and contradictions. */
export function nomFlags(model: ProjectModel): Map<string, Flagged> {
  const flags = new Map<string, Flagged>();
  for (const finding of checkModel(model, { disabledRules: OTHER_RULES })) {
    const r = findItem(model, 'relationship', finding.target.id);
    if (!r) continue;
    if (finding.rule === 'relationship-cardinality-contradiction') {
      const flagged = {
        flag: 'contradiction',
        message: finding.message,
      } as const;
      flags.set(pair(r.fromObjectId, r.toObjectId), flagged);
      flags.set(pair(r.toObjectId, r.fromObjectId), flagged);
    } else {
      flags.set(pair(r.fromObjectId, r.toObjectId), {
        flag: 'one-way',
        message: finding.message,
      });
      flags.set(pair(r.toObjectId, r.fromObjectId), {
        flag: 'gap',
        message: finding.message,
      });
    }
  }
  return flags;
}

/**
 * The NOM's rows for display. Rows equal to one in `previous` are returned as that very object,
 * so a change to one cell re-renders one row and not the whole matrix.
 */
export function buildNomRows(
  model: ProjectModel,
  previous: readonly NomRowView[] = [],
): NomRowView[] {
  const matrix = buildNestedObjectMatrix(model);
  const flags = nomFlags(model);
  const before = new Map(previous.map((row) => [row.object.id, row]));
  const names = new Map(matrix.objects.map((o) => [o.id, o.name]));
  return matrix.rows.map((row, index) => {
    const cells = row.cells.map((cell): NomCellView => {
      const flagged = flags.get(pair(cell.fromObjectId, cell.toObjectId));
      const from = names.get(cell.fromObjectId) ?? '';
      const to = names.get(cell.toObjectId) ?? '';
      return {
        fromId: cell.fromObjectId,
        toId: cell.toObjectId,
        relationship: cell.relationship,
        flag: flagged?.flag ?? 'none',
        message: flagged?.message ?? null,
        diagonal: cell.fromObjectId === cell.toObjectId,
        description: describeCell(from, to, cell.relationship, flagged),
      };
    });
    const candidate: NomRowView = { object: row.object, index, cells };
    const old = before.get(row.object.id);
    return old && sameRow(old, candidate) ? old : candidate;
  });
}

function describeCell(
  from: string,
  to: string,
  relationship: Relationship | null,
  flagged: Flagged | undefined,
): string {
  const what = relationship
    ? `${relationship.label || 'no label'}, ${CARDINALITY_SHORT[relationship.cardinality]}${relationship.required ? ', required' : ''}`
    : 'empty';
  const why = flagged ? ` ${flagged.message}` : '';
  return `${from} → ${to}: ${what}.${why}`;
}

function sameRow(a: NomRowView, b: NomRowView): boolean {
  if (a.object !== b.object || a.index !== b.index) return false;
  if (a.cells.length !== b.cells.length) return false;
  return a.cells.every((cell, i) => {
    const other = b.cells[i];
    return (
      cell.toId === other.toId &&
      cell.relationship === other.relationship &&
      cell.flag === other.flag &&
      cell.message === other.message &&
      cell.description === other.description
    );
  });
}

function pair(from: Id, to: Id): string {
  return `${from}|${to}`;
}

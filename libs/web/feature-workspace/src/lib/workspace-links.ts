import type { PresenceFocus } from '@orca/shared/contracts';
import {
  type CheckRuleId,
  type Finding,
  type ItemRef,
  type ProjectModel,
  findItem,
} from '@orca/shared/domain';

/** The pages of a workspace, as route paths under `/projects/:projectId`. */
export type WorkspaceSection =
  | ''
  | 'foraging'
  | 'objects'
  | 'nom'
  | 'ctas'
  | 'attributes'
  | 'priorities'
  | 'map'
  | 'graph'
  | 'previews'
  | 'checks'
  | 'handoff'
  | 'settings';

export interface WorkspaceLink {
  /** Router commands, absolute. */
  readonly commands: readonly string[];
  readonly queryParams?: Readonly<Record<string, string>>;
}

export function sectionLink(
  projectId: string,
  section: WorkspaceSection,
): WorkspaceLink {
  return {
    commands: section
      ? ['/projects', projectId, section]
      : ['/projects', projectId],
  };
}

export function objectLink(
  projectId: string,
  objectId: string,
  focus?: string,
): WorkspaceLink {
  return {
    commands: ['/projects', projectId, 'objects', objectId],
    ...(focus ? { queryParams: { focus } } : {}),
  };
}

/** Which part of an object page a finding about the object is about. */
const OBJECT_FIELD_OF_RULE: Partial<Record<CheckRuleId, string>> = {
  'object-missing-definition': 'definition',
  'sip-failing': 'sip',
  'synonym-collision': 'synonyms',
  'synonym-repeats-name': 'synonyms',
  'object-name-duplicate': 'name',
  'collection-noun': 'name',
  'object-missing-attributes': 'attributes',
  'object-missing-core-attribute': 'attributes',
  'object-missing-ctas': 'ctas',
  'object-isolated': 'nested',
  'state-unreachable': 'states',
};

/**
 * Where to fix what a finding is about: the object page (at the field), or the view that holds
 * the item with `focus` naming it.
 */
export function linkToItem(
  projectId: string,
  target: ItemRef,
  model: ProjectModel | null,
  rule?: CheckRuleId,
): WorkspaceLink {
  switch (target.itemKind) {
    case 'object':
      return objectLink(
        projectId,
        target.id,
        rule ? OBJECT_FIELD_OF_RULE[rule] : undefined,
      );
    case 'relationship':
      return {
        ...sectionLink(projectId, 'nom'),
        queryParams: { focus: target.id },
      };
    case 'role':
    case 'cta':
      return {
        ...sectionLink(projectId, 'ctas'),
        queryParams: { focus: target.id },
      };
    case 'attribute': {
      const attribute = model
        ? findItem(model, 'attribute', target.id)
        : undefined;
      return {
        ...sectionLink(projectId, 'attributes'),
        queryParams: {
          focus: target.id,
          ...(attribute ? { object: attribute.objectId } : {}),
        },
      };
    }
  }
}

export function findingLink(
  projectId: string,
  finding: Finding,
  model: ProjectModel | null,
): WorkspaceLink {
  return linkToItem(projectId, finding.target, model, finding.rule);
}

const VIEW_NAMES: Record<string, string> = {
  dashboard: 'the dashboard',
  foraging: 'noun foraging',
  objects: 'the objects',
  nom: 'the Nested Object Matrix',
  ctas: 'the CTA Matrix',
  attributes: 'the attributes',
  priorities: 'the priorities',
  map: 'the Object Map',
  graph: 'the system graph',
  previews: 'the CDLL previews',
  checks: 'the checks',
  handoff: 'the hand-off',
  settings: 'the settings',
};

/** "Looking at Course", "Editing the definition of Course", "On the CTA Matrix". */
export function describeFocus(
  focus: PresenceFocus | null,
  model: ProjectModel | null,
): string {
  if (!focus) return 'Here';
  const nameOf = (kind: 'object' | 'role', id: string | undefined) =>
    (id && model && findItem(model, kind, id)?.name) || null;
  switch (focus.kind) {
    case 'view':
      return `On ${VIEW_NAMES[focus.view ?? ''] ?? 'the project'}`;
    case 'object': {
      const name = nameOf('object', focus.id) ?? 'an object';
      return focus.field
        ? `Editing the ${focus.field} of ${name}`
        : `Looking at ${name}`;
    }
    case 'nom-cell':
      return `On the NOM cell ${nameOf('object', focus.row) ?? '?'} → ${nameOf('object', focus.column) ?? '?'}`;
    case 'cta-cell':
      return `On the CTA cell ${nameOf('role', focus.row) ?? '?'} × ${nameOf('object', focus.column) ?? '?'}`;
    case 'relationship':
      return 'Editing a relationship';
    case 'role':
      return `Editing the role ${nameOf('role', focus.id) ?? ''}`.trim();
    case 'cta':
      return 'Editing a CTA';
    case 'attribute': {
      const attribute =
        focus.id && model ? findItem(model, 'attribute', focus.id) : undefined;
      return attribute
        ? `Editing the attribute ${attribute.name}`
        : 'Editing an attribute';
    }
  }
}

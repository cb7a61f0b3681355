/** A person's role on one project. Ordered from least to most capable. */
export const PROJECT_ROLES = ['viewer', 'contributor', 'facilitator'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function isProjectRole(value: unknown): value is ProjectRole {
  return (
    typeof value === 'string' &&
    (PROJECT_ROLES as readonly string[]).includes(value)
  );
}

/** True when `held` grants at least what `required` asks for. */
export function roleSatisfies(
  held: ProjectRole,
  required: ProjectRole,
): boolean {
  return PROJECT_ROLES.indexOf(held) >= PROJECT_ROLES.indexOf(required);
}

/** Contributors and facilitators edit the model; viewers read and export. */
export function canEditModel(role: ProjectRole): boolean {
  return roleSatisfies(role, 'contributor');
}

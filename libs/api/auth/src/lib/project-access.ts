import type { ProjectRole } from '@orca/shared/domain';

/**
 * Answers "what role does this person hold on this project?" for the auth guard. The projects
 * feature provides the implementation, so auth never depends on it.
 */
export abstract class ProjectAccessResolver {
  abstract roleOf(
    projectId: string,
    userId: string,
  ): Promise<ProjectRole | null>;
}

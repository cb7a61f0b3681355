import { ProblemException } from '@orca/api/core';
import {
  filterByPriority,
  type Priority,
  PRIORITIES,
  type ProjectModel,
} from '@orca/shared/domain';

/**
 * The non-destructive "Now only" filter every read accepts: `?priority=now` (or `now,next`).
 * Nothing is deleted; the answer simply leaves out items planned for other phases.
 */
export function applyPriorityFilter(
  model: ProjectModel,
  priority: string | undefined,
): ProjectModel {
  if (priority === undefined || priority === '') return model;
  const phases = priority.split(',').map((phase) => phase.trim());
  const unknown = phases.filter(
    (phase) => !(PRIORITIES as readonly string[]).includes(phase),
  );
  if (unknown.length > 0) {
    throw new ProblemException(
      400,
      'validation_failed',
      'Unknown priority filter',
      `priority must be a comma-separated list of ${PRIORITIES.join(', ')}`,
      [{ field: 'priority', message: `Unknown phase: ${unknown.join(', ')}` }],
    );
  }
  return filterByPriority(model, phases as Priority[]);
}

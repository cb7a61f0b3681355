const key = (projectId: string) => `orca.nowOnly.${projectId}`;

/** Whether this person last looked at the project with the "Now only" filter on (per browser). */
export function readNowOnly(projectId: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key(projectId)) === 'true';
  } catch {
    return false;
  }
}

export function writeNowOnly(projectId: string, on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(key(projectId), 'true');
    else globalThis.localStorage?.removeItem(key(projectId));
  } catch {
    // Not remembered: the filter still applies for this visit.
  }
}

// Test-only entry point (`@orca/api/export/testing`): other libraries' tests that export for real
// (snapshots) build the worker the same way; kept out of the main index and the api bundle.
export { buildExportWorker } from './testing/export-worker-build';

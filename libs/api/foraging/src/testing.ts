// Test-only entry point (`@orca/api/foraging/testing`): tests of the whole api (the authorisation
// matrix) forage in real worker threads too; kept out of the main index and the api bundle.
export { buildForagingWorker } from './testing/foraging-worker-build';

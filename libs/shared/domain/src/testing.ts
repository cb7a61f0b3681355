/** Helpers for tests of any project that uses the domain (`@orca/shared/domain/testing`). */
export { sequentialTestIds, testId } from './testing/ids';
export { sampleModel } from './testing/sample-model';

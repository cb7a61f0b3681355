export * from './lib/project-role';
export * from './lib/password-policy';
export * from './lib/model';
export { normalizeName, sameName, textLength } from './lib/names';
export * from './lib/ordering';
export * from './lib/text-ops';
export * from './lib/problems';
export * from './lib/changes';
export {
  validateChange,
  validateModel,
  type ValidationOptions,
} from './lib/validation';
export { isUuid } from './lib/ids';
export * from './lib/apply-change';
export * from './lib/queries';
export * from './lib/item-labels';
export * from './lib/nested-object-matrix';
export * from './lib/cta-matrix';
export * from './lib/filters';
export * from './lib/checks';
export * from './lib/completeness';
export * from './lib/model-facts';
export * from './lib/orca-steps';
export * from './lib/interchange';
export * from './lib/concurrency';
export * from './lib/diff-models';
export * from './lib/inverse';
export * from './lib/fresh-ids';
export * from './lib/object-guide';
export * from './lib/storable-text';
export * from './lib/cdll';
export * from './lib/foraging';

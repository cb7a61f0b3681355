export * from './lib/shared/model-view';
export * from './lib/nom/nom-grid';
export * from './lib/cta/cta-matrix';
export * from './lib/attributes/attribute-list';
export * from './lib/priority/priority-board';
export { PresenceMarksComponent } from './lib/shared/presence-marks';
export {
  PresenceIndex,
  cellKey,
  focusKey,
  itemKey,
  type PresenceMarks,
} from './lib/shared/presence-index';

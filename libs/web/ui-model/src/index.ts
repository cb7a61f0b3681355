export * from './lib/shared/model-view';
export * from './lib/nom/nom-grid';
export * from './lib/cta/cta-matrix';
export * from './lib/attributes/attribute-list';
export * from './lib/priority/priority-board';
export { CdllCardComponent } from './lib/cdll/cdll-card';
export { CdllDetailComponent } from './lib/cdll/cdll-detail';
export { CdllListComponent } from './lib/cdll/cdll-list';
export { CdllLandingComponent } from './lib/cdll/cdll-landing';
export { PresenceMarksComponent } from './lib/shared/presence-marks';
export {
  PresenceIndex,
  cellKey,
  focusKey,
  itemKey,
  type PresenceMarks,
} from './lib/shared/presence-index';
export { ObjectMapViewComponent } from './lib/diagrams/object-map-view';
export {
  SystemGraphViewComponent,
  type NodeMove,
} from './lib/diagrams/system-graph-view';

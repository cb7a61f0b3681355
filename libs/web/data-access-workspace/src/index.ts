export * from './lib/activity-store';
export * from './lib/change-description';
export * from './lib/collab-connection';
export * from './lib/now-only-preference';
export * from './lib/tab-client-id';
export * from './lib/workspace-api';
export * from './lib/workspace-store';

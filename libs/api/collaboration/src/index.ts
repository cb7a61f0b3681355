export * from './lib/collaboration.module';
export * from './lib/collab-io.adapter';
export * from './lib/collab-state';
export * from './lib/collab.gateway';

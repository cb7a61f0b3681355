export * from './lib/problem';
export * from './lib/auth';
export * from './lib/projects';
export * from './lib/collab';
export * from './lib/foraging';

export * from './lib/collab-client';

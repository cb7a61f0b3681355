export * from './lib/generated';
export * from './lib/generated/functions';

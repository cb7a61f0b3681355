export * from './lib/generated';
export * from './lib/generated/functions';
export * from './lib/api-caller';

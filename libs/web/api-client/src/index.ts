export * from './lib/web-api-client';

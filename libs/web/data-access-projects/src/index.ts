export * from './lib/web-data-access-projects/web-data-access-projects';

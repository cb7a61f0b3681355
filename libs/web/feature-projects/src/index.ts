export * from './lib/web-feature-projects/web-feature-projects';

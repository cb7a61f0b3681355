export * from './lib/api-projects.module';

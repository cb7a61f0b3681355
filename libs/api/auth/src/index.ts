export * from './lib/api-auth.module';

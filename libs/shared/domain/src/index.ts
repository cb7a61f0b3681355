export * from './lib/project-role';
export * from './lib/password-policy';

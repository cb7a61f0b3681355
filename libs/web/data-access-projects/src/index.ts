export * from './lib/invitation-store';
export * from './lib/invitations-api';
export * from './lib/project-settings-store';
export * from './lib/projects-api';
export * from './lib/projects-store';

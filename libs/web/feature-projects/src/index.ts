export * from './lib/invitation/invitation-page';
export * from './lib/project-list/project-list-page';
export * from './lib/project-settings/project-members-table';
export * from './lib/project-settings/project-settings-page';
export * from './lib/projects.routes';

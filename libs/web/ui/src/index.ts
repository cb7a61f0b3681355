export * from './lib/alert/alert';
export * from './lib/confirm-dialog/confirm-dialog';
export * from './lib/copy-field/copy-field';
export * from './lib/empty-state/empty-state';
export * from './lib/form-field/form-field';
export * from './lib/forms/form-errors';
export * from './lib/loading/loading-indicator';
export * from './lib/role-badge/role-badge';

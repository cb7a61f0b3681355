export * from './lib/api-tokens/api-tokens-page';
export * from './lib/sign-in/sign-in-page';
export * from './lib/sign-up/sign-up-page';
export * from './lib/account/account.routes';
export * from './lib/account/account-shell';
export * from './lib/account/profile-page';
export * from './lib/account/password-page';
export * from './lib/account/sessions-page';

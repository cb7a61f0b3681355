export * from './lib/api-tokens/api-tokens-page';
export * from './lib/sign-in/sign-in-page';
export * from './lib/sign-up/sign-up-page';

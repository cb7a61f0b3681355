// Test-only entry point (`@orca/api/core/testing`): kept out of the main index so the
// production bundle never loads test helpers.
export * from './lib/testing/test-app';
export * from './lib/testing/browser-agent';
export * from './lib/testing/fail-statement';

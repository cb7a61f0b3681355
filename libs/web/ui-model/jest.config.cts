module.exports = {
  displayName: 'web-ui-model',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Rendering 100 × 100 matrices in jsdom is slow on a busy 2-core machine.
  testTimeout: 30_000,
  coverageDirectory: '../../../coverage/libs/web/ui-model',
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // Compile ES-module-only packages too (.mjs files; fractional-indexing, used by the shared domain).
  transformIgnorePatterns: [
    'node_modules/(?!(.*\\.mjs$|fractional-indexing/))',
  ],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};

module.exports = {
  displayName: 'web-feature-workspace',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Whole workspaces render in these tests; the first one also compiles them (slow on busy CI).
  testTimeout: 30_000,
  coverageDirectory: '../../../coverage/libs/web/feature-workspace',
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // Compile ES-module-only packages too (.mjs files; fractional-indexing, used by the shared
  // domain; marked, which renders definitions).
  transformIgnorePatterns: [
    'node_modules/(?!(.*\\.mjs$|fractional-indexing/|marked/))',
  ],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};

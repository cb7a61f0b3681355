// Shared Jest settings for projects whose tests talk to PostgreSQL (and Redis when REDIS_URL is set).
const path = require('node:path');

module.exports = function apiJestProject({ displayName, rootDir, coverageDirectory }) {
  return {
    ...require('../../jest.preset.js'),
    displayName,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(rootDir, 'tsconfig.spec.json') }],
      // fractional-indexing ships ESM only: compile its .js to CommonJS for Jest.
      '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true }],
    },
    transformIgnorePatterns: ['node_modules/(?!fractional-indexing/)'],
    moduleFileExtensions: ['ts', 'js', 'html'],
    coverageDirectory,
    globalSetup: path.join(__dirname, 'embedded-postgres.setup.cjs'),
    globalTeardown: path.join(__dirname, 'embedded-postgres.teardown.cjs'),
    // The embedded database is one PostgreSQL session shared by every connection: test files run
    // one after another there. Real PostgreSQL isolates sessions, so files run in parallel.
    maxWorkers: process.env.DATABASE_URL ? 2 : 1,
    testTimeout: 60_000,
  };
};

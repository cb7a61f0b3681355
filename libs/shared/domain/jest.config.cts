module.exports = {
  displayName: 'shared-domain',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // Transpile only (isolatedModules in tsconfig.spec.json): types are checked by `nx typecheck`.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // fractional-indexing ships ESM only: compile its .js to CommonJS for jest.
    '^.+\\.js$': [
      'ts-jest',
      {
        tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true },
      },
    ],
  },
  transformIgnorePatterns: ['node_modules/(?!fractional-indexing/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/shared/domain',
};

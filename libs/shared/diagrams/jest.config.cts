module.exports = {
  displayName: 'shared-diagrams',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    // Transpile only (isolatedModules in tsconfig.spec.json): types are checked by `nx typecheck`.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // fractional-indexing (through the domain) ships ESM only: compile its .js to CommonJS.
    '^.+\\.js$': [
      'ts-jest',
      {
        tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true },
      },
    ],
  },
  transformIgnorePatterns: ['node_modules/(?!fractional-indexing/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/shared/diagrams',
};

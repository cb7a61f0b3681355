const base = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-export',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/export',
});

module.exports = {
  ...base,
  // marked (used by a spec to render the Markdown export) ships ESM only, like fractional-indexing.
  transformIgnorePatterns: ['node_modules/(?!(fractional-indexing|marked)/)'],
};

module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-metrics',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/metrics',
});

module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-core',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/core',
});

module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-model',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/model',
});

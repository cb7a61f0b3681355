module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-collaboration',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/collaboration',
});

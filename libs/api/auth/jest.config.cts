module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-auth',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/auth',
});

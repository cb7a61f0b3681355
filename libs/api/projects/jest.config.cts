module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-projects',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/projects',
});

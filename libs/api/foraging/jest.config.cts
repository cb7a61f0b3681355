module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-foraging',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/foraging',
});

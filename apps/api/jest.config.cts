module.exports = require('../../tools/jest/api-project.cjs')({
  displayName: 'api',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/api',
});

module.exports = require('../../../tools/jest/api-project.cjs')({
  displayName: 'api-snapshots',
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api/snapshots',
});

// The designer's pure modules (flow commands, connection rules, diffs, rule models) and the
// registry check; screens are tested in the browser through Playwright.
const path = require('node:path');
const base = require('../jest.base.cjs')(__dirname);

module.exports = {
  displayName: 'designer',
  ...base,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.test.json') }],
  },
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '\\.css$': path.join(__dirname, 'test/style.stub.cjs'),
    '^@ant-design/icons$': path.join(__dirname, 'test/icons.stub.cjs'),
  },
};

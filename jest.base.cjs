// Shared jest settings: TypeScript through ts-jest, and the workspace packages read
// from their sources so tests never depend on a stale build.
const path = require('node:path');

module.exports = (dir, extra = {}) => ({
  rootDir: dir,
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(dir, 'tsconfig.json') }],
  },
  moduleNameMapper: {
    '^@liuyun/(logic|definitions|runtime|client)$': path.join(
      __dirname,
      'packages/$1/src/index.ts',
    ),
    '^@liuyun/templates$': path.join(__dirname, 'templates/src/index.ts'),
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});

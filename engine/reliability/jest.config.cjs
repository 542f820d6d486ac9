// The reliability suite (R1–R5 of QUALITY.md): real concurrency, several engine processes
// and kill -9. It needs a Postgres server, so the root config includes it only when
// DATABASE_URL is set (CI always sets it).
const path = require('node:path');

module.exports = {
  displayName: 'reliability',
  ...require('../../jest.base.cjs')(path.resolve(__dirname, '..'), {
    setupFilesAfterEnv: [
      '<rootDir>/test/support/jest.setup.ts',
      '<rootDir>/reliability/support/timeout.setup.ts',
    ],
  }),
  testMatch: ['<rootDir>/reliability/**/*.test.ts'],
};

module.exports = {
  displayName: 'engine',
  ...require('../jest.base.cjs')(__dirname, {
    setupFilesAfterEnv: ['<rootDir>/test/support/jest.setup.ts'],
  }),
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};

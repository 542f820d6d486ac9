module.exports = { displayName: 'templates', ...require('../jest.base.cjs')(__dirname) };

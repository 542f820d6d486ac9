module.exports = { displayName: 'client', ...require('../../jest.base.cjs')(__dirname) };

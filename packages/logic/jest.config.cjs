module.exports = { displayName: 'logic', ...require('../../jest.base.cjs')(__dirname) };

module.exports = { displayName: 'definitions', ...require('../../jest.base.cjs')(__dirname) };

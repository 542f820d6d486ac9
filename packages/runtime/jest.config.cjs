module.exports = { displayName: 'runtime', ...require('../../jest.base.cjs')(__dirname) };

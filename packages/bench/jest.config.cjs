module.exports = { displayName: 'bench', ...require('../../jest.base.cjs')(__dirname) };

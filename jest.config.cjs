// Every jest suite of the workspace; the browser tests run through Playwright instead.
module.exports = {
  projects: [
    '<rootDir>/packages/logic',
    '<rootDir>/packages/definitions',
    '<rootDir>/packages/runtime',
    '<rootDir>/packages/client',
    '<rootDir>/packages/bench',
    '<rootDir>/templates',
    '<rootDir>/engine',
    '<rootDir>/designer',
    // R1–R5 need a Postgres server (several processes on one database, kill -9).
    ...(process.env.DATABASE_URL ? ['<rootDir>/engine/reliability'] : []),
  ],
};

#!/usr/bin/env node
// Creates or drops one database on a Postgres server: `ci-database.mjs create|drop URL NAME`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../engine/package.json', import.meta.url)));
const { Client } = require('pg');

const [action, url, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action ?? '') || !url || !/^[a-z_][a-z0-9_]*$/.test(name ?? '')) {
  console.error('usage: ci-database.mjs create|drop postgres://… name');
  process.exit(2);
}
const client = new Client({ connectionString: url });
await client.connect();
await client.query(
  action === 'create' ? `CREATE DATABASE ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
);
await client.end();
console.log(`[ci] ${action === 'create' ? 'created' : 'dropped'} database ${name}`);

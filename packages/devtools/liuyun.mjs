#!/usr/bin/env node
// The one entry point behind the root scripts, so that `npm start` and `npm test`
// work on a machine that has only Node and npm: pnpm is fetched through npx when it
// is not the package manager running us, dependencies are installed when the lockfile
// changed, and the build is redone when a source file is newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = '10.34.8';
const buildStamp = join(root, 'engine', 'dist', '.build-stamp');

function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.error) throw res.error;
  if (res.status !== 0) process.exit(res.status ?? 1);
}

function pnpm(...args) {
  const [cmd, pre] = pnpmCommand();
  run(cmd, [...pre, ...args]);
}

// PGlite loads its WebAssembly through a dynamic import, which jest's module sandbox
// only allows with Node's VM modules switched on.
function jest(...args) {
  const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules']
    .filter(Boolean)
    .join(' ');
  const [cmd, pre] = pnpmCommand();
  run(cmd, [...pre, 'exec', 'jest', ...args], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
  });
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  const fresh =
    existsSync(marker) && (!existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs);
  if (fresh) return;
  console.log('[liuyun] installing dependencies with pnpm ...');
  pnpm('install', '--frozen-lockfile');
}

function sourcesNewerThanBuild() {
  if (!existsSync(buildStamp)) return true;
  const built = statSync(buildStamp).mtimeMs;
  const dirs = ['engine/src', 'designer/src', 'designer/index.html', 'templates'];
  for (const pkg of readdirSync(join(root, 'packages'))) dirs.push(`packages/${pkg}/src`);
  dirs.push('templates/src');
  return dirs.some((d) => {
    const p = join(root, d);
    if (!existsSync(p)) return false;
    return (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built;
  });
}

function build() {
  console.log('[liuyun] building ...');
  pnpm('-r', 'run', 'build');
  mkdirSync(dirname(buildStamp), { recursive: true });
  writeFileSync(buildStamp, new Date().toISOString());
}

function buildIfStale() {
  if (sourcesNewerThanBuild()) build();
}

const command = process.argv[2];
switch (command) {
  case 'start':
    ensureInstalled();
    buildIfStale();
    run(process.execPath, ['engine/dist/main.js', ...process.argv.slice(3)]);
    break;
  case 'build':
    ensureInstalled();
    build();
    break;
  case 'test:unit':
    ensureInstalled();
    jest(...process.argv.slice(3));
    break;
  case 'test:e2e':
    ensureInstalled();
    buildIfStale();
    // `npm run test:e2e -- automations.spec.ts` runs only the spec files named.
    pnpm('--filter', '@liuyun/designer', 'run', 'test:e2e', ...process.argv.slice(3));
    break;
  case 'test':
    ensureInstalled();
    buildIfStale();
    jest();
    pnpm('--filter', '@liuyun/designer', 'run', 'test:e2e');
    break;
  case 'lint':
    ensureInstalled();
    pnpm('exec', 'eslint', '.', '--max-warnings=0');
    pnpm('exec', 'prettier', '--check', '.');
    break;
  case 'typecheck':
    ensureInstalled();
    // The packages and what they depend on (the templates), built so their types exist.
    pnpm('--filter', '{./packages/*}...', 'run', 'build');
    pnpm('-r', 'run', 'typecheck');
    break;
  case 'bench':
    // Benchmarks run on the built packages; only the bench and what it imports are rebuilt.
    ensureInstalled();
    pnpm('--filter', '@liuyun/bench...', 'run', 'build');
    pnpm('--filter', '@liuyun/bench', 'run', 'bench', ...process.argv.slice(3));
    break;
  default:
    console.error('usage: liuyun.mjs start|build|test|test:unit|test:e2e|lint|typecheck|bench');
    process.exit(2);
}

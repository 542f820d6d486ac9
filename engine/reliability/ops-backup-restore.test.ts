import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database';
import { EngineProcess, sqlReader } from './support/engine-process';

// Issue 9: the backup and restore commands of docs/operations.md, run exactly as written
// there (read from the guide), against the local Postgres server: a backup taken while
// the engine runs, restored into an empty database, and the engine started on the copy.

const GUIDE = resolve(__dirname, '../../docs/operations.md');

/** The bash block that follows `<!-- tested: name -->` in the guide. */
function guideCommand(name: string): string {
  const text = readFileSync(GUIDE, 'utf8');
  const match = new RegExp(`<!-- tested: ${name} -->\\s*\`\`\`bash\\n([\\s\\S]*?)\`\`\``).exec(
    text,
  );
  if (!match?.[1]) throw new Error(`docs/operations.md has no tested "${name}" block`);
  return match[1].trim();
}

const TABLES = [
  'users',
  'apps',
  'forms',
  'form_versions',
  'records',
  'process_instances',
  'tasks',
  'jobs',
  'record_events',
  'audit_log',
  'settings',
];

async function snapshot(url: string): Promise<Record<string, string>> {
  const db = sqlReader(url);
  try {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const rows: { h: string | null }[] = await db.query(
        `SELECT md5(string_agg(to_jsonb(x)::text, ',' ORDER BY to_jsonb(x)::text)) AS h FROM ${t} x`,
      );
      out[t] = rows[0]!.h ?? 'empty';
    }
    return out;
  } finally {
    await db.end();
  }
}

let original: TestDatabase;
let restored: TestDatabase;
let engine: EngineProcess;
let copy: EngineProcess | null = null;

beforeAll(async () => {
  original = await createTestDatabase();
  restored = await createTestDatabase();
  engine = new EngineProcess(original.url!);
  await engine.start();
});

afterAll(async () => {
  await engine.stop();
  await copy?.stop();
  await original.drop();
  await restored.drop();
});

it('backs up with pg_dump while Liuyun runs and restores with pg_restore, as the guide says', async () => {
  // Some work first: a quote decided by the manager.
  const manager = await engine.login('manager1');
  const inbox = await engine.request<{ items: { id: string }[] }>('GET', '/api/tasks', {
    token: manager,
  });
  expect(
    (
      await engine.request('POST', `/api/tasks/${inbox.body.items[0]!.id}/actions`, {
        token: manager,
        body: { action: 'approve' },
      })
    ).status,
  ).toBe(200);

  const backupFile = join(mkdtempSync(join(tmpdir(), 'liuyun-backup-')), 'liuyun.dump');
  const backup = guideCommand('backup');
  const restore = guideCommand('restore');
  expect(backup).toMatch(/^pg_dump /);
  expect(restore).toMatch(/^pg_restore /);
  const env = {
    ...process.env,
    DATABASE_URL: original.url!,
    BACKUP_FILE: backupFile,
    RESTORE_URL: restored.url!,
  };

  execFileSync('bash', ['-euo', 'pipefail', '-c', backup], { env, stdio: 'pipe' });
  expect(statSync(backupFile).size).toBeGreaterThan(1000);
  const before = await snapshot(original.url!);
  execFileSync('bash', ['-euo', 'pipefail', '-c', restore], { env, stdio: 'pipe' });
  expect(await snapshot(restored.url!)).toEqual(before);

  // Liuyun runs on the restored copy: the same sign-ins, records and tasks.
  await engine.stop();
  copy = new EngineProcess(restored.url!);
  await copy.start();
  const again = await copy.login('manager1');
  const reader = sqlReader(restored.url!);
  const records: { id: string }[] = await reader.query(
    'SELECT id FROM records ORDER BY created_at LIMIT 1',
  );
  await reader.end();
  const read = await copy.request<{ id: string }>('GET', `/api/records/${records[0]!.id}`, {
    token: again,
  });
  expect(read.status).toBe(200);
  const ready = await copy.request<{ checks: { migrations: { state: string } } }>(
    'GET',
    '/api/ready',
  );
  expect(ready.body.checks.migrations.state).toBe('current');
});

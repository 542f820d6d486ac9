// Starts the real engine for the browser tests on a fresh, throw-away data folder, and
// removes the folder when the engine stops. Used by playwright.config.ts (webServer).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'liuyun-e2e-'));
const engine = spawn(process.execPath, [join(here, '../../engine/dist/main.js')], {
  stdio: 'inherit',
  // The specs count what they make on the demo's fixed records; the generated quarter of
  // CRM history (engine/test covers its loading) would shift those counts run to run.
  env: { LIUYUN_DEMO_HISTORY: '0', ...process.env, LIUYUN_DATA_DIR: dataDir },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => engine.kill(signal));
}

engine.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ENGINE_MAIN = resolve(__dirname, '../../dist/main.js');

export interface EngineExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built engine (`engine/dist/main.js`) with exactly `env` (plus PATH and HOME)
 * and `args`, and resolves when it exits. For start-up failures: they exit by themselves.
 */
export function runEngineUntilExit(
  env: Record<string, string>,
  args: string[] = [],
): Promise<EngineExit> {
  const child = spawn(process.execPath, [ENGINE_MAIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LIUYUN_DESIGNER_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((ok) => child.once('close', (code) => ok({ code, stdout, stderr })));
}

/** The JSON lines an engine wrote on stdout (non-JSON lines are dropped). */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

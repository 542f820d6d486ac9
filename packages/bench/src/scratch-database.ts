/**
 * A scratch database on the Postgres server for one benchmark, dropped afterwards. The
 * server is `DATABASE_URL`, or the local one at 127.0.0.1:5432 when it is unset.
 */
import { Client } from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const fromEnv = process.env.DATABASE_URL;
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : LOCAL_SERVER;
}

/** The URL of `database` on the same server as `url`. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates `liuyun_bench_<label>_<time>` on the server; `null` with the reason when the
 * server cannot be reached (the benchmark then prints a skip line).
 */
export async function createScratchDatabase(
  label: string,
): Promise<ScratchDatabase | { skip: string }> {
  const server = serverUrl();
  const admin = new Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const where = new URL(server).host;
    return { skip: `no Postgres server reachable at ${where} (${(error as Error).message})` };
  }
  const name = `liuyun_bench_${label}_${Date.now()}`.toLowerCase();
  try {
    // The name is built from a fixed prefix, a label from the code and a number.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server, name),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

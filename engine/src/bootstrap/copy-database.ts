import type { DataSource, EntityManager } from 'typeorm';
import { ConfigError, type AppConfig } from '../config/app-config';
import { createDataSource, probeDatabase, runMigrations } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

interface ForeignKey {
  tbl: string;
  ref: string;
  cols: string[];
}

export interface CopyReport {
  tables: { table: string; rows: number }[];
  rows: number;
}

const BATCH = 500;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables in an order that satisfies their foreign keys. A key that closes a cycle
 * (a table referring to itself, or departments ↔ users) is filled in afterwards:
 * those columns go in as NULL and get their values once every row is there.
 */
export function copyOrder(
  tables: string[],
  keys: ForeignKey[],
): { order: string[]; deferred: Map<string, Set<string>> } {
  const deferred = new Map<string, Set<string>>();
  const defer = (tbl: string, cols: string[]) => {
    const set = deferred.get(tbl) ?? new Set<string>();
    cols.forEach((c) => set.add(c));
    deferred.set(tbl, set);
  };
  for (const k of keys) if (k.tbl === k.ref) defer(k.tbl, k.cols);
  const order: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const ready = [...left].find((t) =>
      keys.every(
        (k) =>
          k.tbl !== t ||
          k.ref === t ||
          !left.has(k.ref) ||
          k.cols.every((c) => deferred.get(t)?.has(c)),
      ),
    );
    if (ready !== undefined) {
      order.push(ready);
      left.delete(ready);
      continue;
    }
    // A cycle: break it at its first table (by name), deferring only the keys on it.
    const open = (k: ForeignKey) =>
      k.tbl !== k.ref &&
      left.has(k.tbl) &&
      left.has(k.ref) &&
      !k.cols.every((c) => deferred.get(k.tbl)?.has(c));
    const reaches = (from: string, to: string): boolean => {
      const seen = new Set<string>();
      const stack = [from];
      while (stack.length > 0) {
        const at = stack.pop()!;
        if (at === to) return true;
        if (seen.has(at)) continue;
        seen.add(at);
        for (const k of keys) if (k.tbl === at && open(k)) stack.push(k.ref);
      }
      return false;
    };
    const onCycle = keys.filter((k) => open(k) && reaches(k.ref, k.tbl));
    const t = onCycle.map((k) => k.tbl).sort()[0];
    if (t === undefined) throw new Error('foreign keys that cannot be ordered');
    for (const k of onCycle) if (k.tbl === t) defer(t, k.cols);
  }
  return { order, deferred };
}

async function foreignKeys(q: (sql: string) => Promise<unknown[]>): Promise<ForeignKey[]> {
  return (await q(
    `SELECT c.conrelid::regclass::text AS tbl, c.confrelid::regclass::text AS ref,
            array_agg(a.attname::text ORDER BY a.attnum) AS cols
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      GROUP BY c.oid, c.conrelid, c.confrelid`,
  )) as ForeignKey[];
}

/** Columns that can be written (generated columns are left out). */
async function columnsOf(m: EntityManager, table: string): Promise<string[]> {
  const rows: { attname: string }[] = await m.query(
    `SELECT attname FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.attname);
}

async function primaryKey(m: EntityManager, table: string): Promise<string[]> {
  const rows: { attname: string }[] = await m.query(
    `SELECT a.attname FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r) => r.attname);
}

/**
 * Copies everything the embedded database holds into an empty database on a Postgres
 * server: both are brought to this build's migrations first, then every table's rows go
 * across in one transaction (all or nothing), json columns byte for byte, and the
 * sequences are moved past the copied values. Sign-ins, tokens, records, processes,
 * timers and the audit trail carry on there. Liuyun must be stopped meanwhile.
 */
export async function copyEmbeddedToServer(
  config: AppConfig,
  targetUrl: string,
  log: (line: string) => void,
): Promise<CopyReport> {
  await probeDatabase(targetUrl);
  const embedded = await startEmbeddedPostgres(config.dataDir);
  const source = createDataSource(embedded.url, true);
  const target = createDataSource(targetUrl, false, 2);
  try {
    await source.initialize();
    await runMigrations(source, true);
    await target.initialize();
    await runMigrations(target, false);
    const used: { n: string }[] = await target.query(
      'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM apps) + (SELECT count(*) FROM records) AS n',
    );
    if (Number(used[0]!.n) > 0)
      throw new ConfigError(
        'the database in --to already holds Liuyun data; copy into a new, empty database.',
      );
    return await copyRows(source, target, log);
  } finally {
    if (target.isInitialized) await target.destroy().catch(() => undefined);
    if (source.isInitialized) await source.destroy().catch(() => undefined);
    await embedded.stop().catch(() => undefined);
  }
}

async function copyRows(
  source: DataSource,
  target: DataSource,
  log: (line: string) => void,
): Promise<CopyReport> {
  const tables = (
    (await source.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    )) as { tablename: string }[]
  ).map((r) => r.tablename);
  const { order, deferred } = copyOrder(tables, await foreignKeys((sql) => source.query(sql)));
  const report: CopyReport = { tables: [], rows: 0 };
  await target.transaction(async (m) => {
    for (const table of order) {
      const t = quote(table);
      // Rows a migration put there (e.g. cache generations) make way for the copied ones.
      const seeded: { n: string }[] = await m.query(`SELECT count(*) AS n FROM ${t}`);
      if (Number(seeded[0]!.n) > 0) await m.query(`DELETE FROM ${t}`);
      const columns = await columnsOf(m, table);
      const later = deferred.get(table) ?? new Set<string>();
      const list = columns.map(quote).join(', ');
      const values = columns.map((c) => (later.has(c) ? 'NULL' : `x.${quote(c)}`)).join(', ');
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        // row_to_json keeps json columns exactly as stored (key order included).
        const rows: { r: string }[] = await source.query(
          `SELECT row_to_json(s)::text AS r FROM ${t} s ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}`,
        );
        if (rows.length === 0) break;
        await m.query(
          `INSERT INTO ${t} (${list}) OVERRIDING SYSTEM VALUE
           SELECT ${values} FROM json_populate_recordset(NULL::${t}, $1::json) AS x`,
          [`[${rows.map((r) => r.r).join(',')}]`],
        );
        copied += rows.length;
        if (rows.length < BATCH) break;
      }
      report.tables.push({ table, rows: copied });
      report.rows += copied;
      log(`${table}: ${copied} row(s)`);
    }
    // The keys that closed a cycle, now that every row they point to is there.
    for (const [table, cols] of deferred) {
      const t = quote(table);
      const pk = await primaryKey(m, table);
      const set = [...cols].map((c) => `${quote(c)} = x.${quote(c)}`).join(', ');
      const match = pk.map((c) => `${t}.${quote(c)} = x.${quote(c)}`).join(' AND ');
      for (let offset = 0; ; offset += BATCH) {
        const rows: { r: string }[] = await source.query(
          `SELECT row_to_json(s)::text AS r FROM ${t} s ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}`,
        );
        if (rows.length === 0) break;
        await m.query(
          `UPDATE ${t} SET ${set} FROM json_populate_recordset(NULL::${t}, $1::json) AS x WHERE ${match}`,
          [`[${rows.map((r) => r.r).join(',')}]`],
        );
        if (rows.length < BATCH) break;
      }
    }
    // Sequences (bigserial columns) continue after the copied values.
    const sequences: { seq: string; tbl: string; col: string }[] = await m.query(
      `SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, a.attname AS col
         FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace`,
    );
    for (const s of sequences) {
      await m.query(
        `SELECT setval($1::regclass, COALESCE((SELECT max(${quote(s.col)}) FROM ${s.tbl}), 1),
                (SELECT max(${quote(s.col)}) FROM ${s.tbl}) IS NOT NULL)`,
        [s.seq],
      );
    }
  });
  return report;
}

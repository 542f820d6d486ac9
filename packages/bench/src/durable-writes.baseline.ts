/**
 * The raw baseline of P4 and P7: per transaction, what a durable advance writes at the
 * least — UPDATE the instance (its state and version), INSERT the next task, INSERT a
 * history (audit) row — issued directly on `pg` connections or on PGlite.
 */
import { randomUUID } from 'node:crypto';

/** Anything that runs a parameterised query: a `pg` client or PGlite (or its transaction). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const BASELINE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bench_instances (
     id uuid PRIMARY KEY, state jsonb NOT NULL, version integer NOT NULL,
     status text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS bench_tasks (
     id uuid PRIMARY KEY, instance_id uuid NOT NULL REFERENCES bench_instances(id),
     node_id text NOT NULL, assignee text NOT NULL, status text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS bench_history (
     id bigserial PRIMARY KEY, instance_id uuid NOT NULL, actor text NOT NULL,
     action text NOT NULL, before jsonb, after jsonb, at timestamptz NOT NULL DEFAULT now())`,
];

/** A waiting instance's saved state, about the size the runtime saves (P3: ~900 bytes). */
function stateOf(step: number): string {
  return JSON.stringify({
    v: 1,
    status: 'running',
    step,
    tokens: [{ id: 't1', node: 'manager_approval', waiting: true }],
    record: { customer_name: 'Bench customer', discount_pct: 15, total: 850, status: 'pending' },
    tasks: [{ key: 'manager_approval#1', assignees: ['manager1'], mode: 'any' }],
    history: [{ node: 'start' }, { node: 'mark_pending' }, { node: 'route' }],
  });
}

/** Creates the tables and `count` instances to advance; returns their ids. */
export async function prepareBaseline(db: Queryable, count: number): Promise<string[]> {
  for (const statement of BASELINE_SCHEMA) await db.query(statement);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    await db.query(
      `INSERT INTO bench_instances (id, state, version, status) VALUES ($1, $2, 1, 'running')`,
      [id, stateOf(0)],
    );
  }
  return ids;
}

/** The three writes of one advance, inside the caller's transaction. */
export async function advanceWrites(
  tx: Queryable,
  instanceId: string,
  step: number,
): Promise<void> {
  await tx.query(
    'UPDATE bench_instances SET state = $2, version = version + 1, updated_at = now() WHERE id = $1',
    [instanceId, stateOf(step)],
  );
  await tx.query(
    `INSERT INTO bench_tasks (id, instance_id, node_id, assignee, status) VALUES ($1, $2, 'manager_approval', 'manager1', 'open')`,
    [randomUUID(), instanceId],
  );
  await tx.query(
    `INSERT INTO bench_history (instance_id, actor, action, before, after) VALUES ($1, 'manager1', 'task.approve', $2, $3)`,
    [instanceId, JSON.stringify({ status: 'open' }), JSON.stringify({ action: 'approve' })],
  );
}

/** One advance on a `pg` client: BEGIN, the three writes, COMMIT. */
export async function pgAdvance(
  client: Queryable,
  instanceId: string,
  step: number,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await advanceWrites(client, instanceId, step);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

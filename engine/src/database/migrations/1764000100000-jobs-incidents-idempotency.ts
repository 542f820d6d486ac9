import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable work queue (timers and outbox deliveries in one table, claimed with
 * FOR UPDATE SKIP LOCKED under leases), incidents that need a person, and the
 * idempotency keys of submissions.
 */
export class JobsIncidentsIdempotency1764000100000 implements MigrationInterface {
  name = 'JobsIncidentsIdempotency1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        instance_id uuid REFERENCES process_instances(id),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        run_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 8,
        locked_by text,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status = 'pending';
      CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        message text NOT NULL,
        job_id uuid REFERENCES jobs(id),
        instance_id uuid REFERENCES process_instances(id),
        record_id uuid REFERENCES records(id),
        node_id text,
        status text NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users(id)
      );
      CREATE INDEX incidents_open_idx ON incidents (status, created_at DESC);
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id),
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys; DROP TABLE incidents; DROP TABLE jobs;');
  }
}

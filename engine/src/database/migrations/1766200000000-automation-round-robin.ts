import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The turn counters of automations' `round_robin` steps: one row per automation, step and
 * bucket (e.g. a region), bumped with an upsert so concurrent runs take turns in order.
 */
export class AutomationRoundRobin1766200000000 implements MigrationInterface {
  name = 'AutomationRoundRobin1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE automation_round_robin (
        automation_id uuid NOT NULL REFERENCES automations(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        bucket text NOT NULL,
        turns bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (automation_id, node_id, bucket)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE automation_round_robin');
  }
}

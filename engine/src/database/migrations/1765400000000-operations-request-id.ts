import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs remember the request id of the step that enqueued them (their logs carry it),
 * and open tasks get a small index of their own so the open-tasks gauge stays cheap.
 */
export class OperationsRequestId1765400000000 implements MigrationInterface {
  name = 'OperationsRequestId1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jobs ADD COLUMN request_id text;
      CREATE INDEX tasks_open_idx ON tasks (created_at) WHERE status = 'open';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tasks_open_idx; ALTER TABLE jobs DROP COLUMN request_id;');
  }
}

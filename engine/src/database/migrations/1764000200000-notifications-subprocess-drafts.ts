import type { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications and channel preferences, sub-process links, task drafts. */
export class NotificationsSubprocessDrafts1764000200000 implements MigrationInterface {
  name = 'NotificationsSubprocessDrafts1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        idempotency_key text NOT NULL,
        record_id uuid REFERENCES records(id),
        instance_id uuid REFERENCES process_instances(id),
        node_id text,
        reason text NOT NULL,
        message jsonb NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, idempotency_key)
      );
      CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        channels jsonb NOT NULL,
        email text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE process_instances
        ADD COLUMN parent_instance_id uuid REFERENCES process_instances(id),
        ADD COLUMN parent_token_id text,
        ADD COLUMN wait_for_parent boolean NOT NULL DEFAULT false;
      ALTER TABLE tasks
        ADD COLUMN draft jsonb,
        ADD COLUMN origin text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks DROP COLUMN origin, DROP COLUMN draft;
      ALTER TABLE process_instances DROP COLUMN wait_for_parent, DROP COLUMN parent_token_id,
        DROP COLUMN parent_instance_id;
      DROP TABLE notification_preferences; DROP TABLE notifications;
    `);
  }
}

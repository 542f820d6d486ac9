import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dashboards per app (charts as JSON), and each user's preferences (their language). */
export class DashboardsUserPreferences1765700000000 implements MigrationInterface {
  name = 'DashboardsUserPreferences1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboards (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key text NOT NULL,
        name jsonb NOT NULL,
        -- json, like form_versions: kept exactly as saved (chart order is display order).
        definition json NOT NULL,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (app_id, key)
      );
      CREATE TABLE user_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        language text CHECK (language IN ('zh', 'en')),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tasks_form_node_idx ON tasks (form_id, node_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX tasks_form_node_idx;
      DROP TABLE user_preferences;
      DROP TABLE dashboards;
    `);
  }
}

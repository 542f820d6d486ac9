import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automations (智能助手) of an app and the log of their runs; records get a tombstone
 * (`deleted_at`) so a deletion keeps the record's timeline and can trigger automations.
 */
export class Automations1764000420000 implements MigrationInterface {
  name = 'Automations1764000420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE automations (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key text NOT NULL,
        name jsonb NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        trigger_kind text NOT NULL,
        -- The form whose records (or processes) trigger it; null for webhook and plain schedules.
        form_id uuid REFERENCES forms(id),
        trigger jsonb NOT NULL,
        -- json, like form versions: kept exactly as saved.
        flow json NOT NULL,
        webhook_secret text,
        revision integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (app_id, key)
      );
      CREATE INDEX automations_trigger_idx ON automations (form_id, trigger_kind) WHERE enabled;
      CREATE TABLE automation_runs (
        id uuid PRIMARY KEY,
        automation_id uuid NOT NULL REFERENCES automations(id) ON DELETE CASCADE,
        -- What started it, unique per automation: a replayed trigger runs nothing.
        event_key text NOT NULL,
        trigger jsonb NOT NULL,
        record_id uuid REFERENCES records(id),
        input jsonb NOT NULL,
        status text NOT NULL,
        effects jsonb NOT NULL DEFAULT '[]'::jsonb,
        error jsonb,
        depth integer NOT NULL,
        rerun_of uuid REFERENCES automation_runs(id),
        requested_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        UNIQUE (automation_id, event_key)
      );
      CREATE INDEX automation_runs_list_idx ON automation_runs (created_at DESC, id DESC);
      CREATE INDEX automation_runs_automation_idx ON automation_runs (automation_id, created_at DESC);
      ALTER TABLE records
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN deleted_by uuid REFERENCES users(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE records DROP COLUMN deleted_by, DROP COLUMN deleted_at;
      DROP TABLE automation_runs; DROP TABLE automations;
    `);
  }
}

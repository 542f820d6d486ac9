import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One working draft per form (form + flow), saved even with errors; publishing stays separate. */
export class FormDrafts1764000310000 implements MigrationInterface {
  name = 'FormDrafts1764000310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE form_drafts (
        form_id uuid PRIMARY KEY REFERENCES forms(id) ON DELETE CASCADE,
        -- json, like form_versions: kept exactly as saved, key order included.
        definition json NOT NULL,
        flow json,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        base_version integer NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE form_drafts;');
  }
}

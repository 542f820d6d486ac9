import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files of attachment, image and signature fields (and task comments), and the counters
 * of serial-number fields: one row per form, field and period, bumped inside the
 * submission's transaction so numbers are gapless and unique.
 */
export class FieldFilesSerials1765100000000 implements MigrationInterface {
  name = 'FieldFilesSerials1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        -- The field it was uploaded for (null: a task comment).
        form_id uuid REFERENCES forms(id) ON DELETE CASCADE,
        field text,
        -- Set when a submission or a comment takes the file: readers of the record may read it.
        record_id uuid REFERENCES records(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX files_record_idx ON files (record_id);
      CREATE INDEX files_uploader_idx ON files (uploaded_by, created_at);
      CREATE TABLE serial_counters (
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        field text NOT NULL,
        period text NOT NULL,
        last_value bigint NOT NULL,
        PRIMARY KEY (form_id, field, period)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE serial_counters; DROP TABLE files;');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Templates published from apps (one row per version, its content kept as published)
 * and what each app was installed from (the base an upgrade merges against).
 */
export class TemplatePublishing1766600000000 implements MigrationInterface {
  name = 'TemplatePublishing1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE template_versions (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        version text NOT NULL,
        name jsonb NOT NULL,
        description jsonb NOT NULL,
        source_app_id uuid REFERENCES apps(id) ON DELETE SET NULL,
        -- json, like form_versions: the definitions exactly as published.
        definition json NOT NULL,
        revision text NOT NULL,
        sample_records integer NOT NULL DEFAULT 0,
        published_by uuid REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (key, version)
      );
      CREATE INDEX template_versions_key_idx ON template_versions (key, published_at DESC);
      CREATE TABLE template_installs (
        app_id uuid PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
        template_key text NOT NULL,
        source text NOT NULL CHECK (source IN ('builtin', 'published')),
        version text NOT NULL,
        revision text NOT NULL,
        -- The template content as installed (or last upgraded to): the merge base.
        base json NOT NULL,
        installed_by uuid REFERENCES users(id),
        installed_at timestamptz NOT NULL DEFAULT now(),
        upgraded_at timestamptz
      );
      CREATE INDEX template_installs_key_idx ON template_installs (template_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE template_installs;
      DROP TABLE template_versions;
    `);
  }
}

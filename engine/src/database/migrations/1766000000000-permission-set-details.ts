import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Permission sets in use (issue 5): a description and who made each set (null: installed
 * with a template); assignments refuse unknown subject kinds already. Row scopes read the
 * record's owner and department fields, so both get an index per form.
 */
export class PermissionSetDetails1766000000000 implements MigrationInterface {
  name = 'PermissionSetDetails1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE permission_sets ADD COLUMN description jsonb;
      ALTER TABLE permission_sets ADD COLUMN created_by uuid REFERENCES users(id) ON DELETE SET NULL;
      ALTER TABLE permission_sets ADD CONSTRAINT permission_sets_forms_object
        CHECK (jsonb_typeof(forms) = 'object');
      CREATE INDEX records_owner_idx ON records (form_id, (data ->> 'owner')) WHERE deleted_at IS NULL;
      CREATE INDEX records_department_idx ON records (form_id, (data ->> 'department')) WHERE deleted_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX records_department_idx;
      DROP INDEX records_owner_idx;
      ALTER TABLE permission_sets DROP CONSTRAINT permission_sets_forms_object;
      ALTER TABLE permission_sets DROP COLUMN created_by;
      ALTER TABLE permission_sets DROP COLUMN description;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5: permission sets and builder permissions per app, sign-out and login
 * throttling that hold across engine processes, the admin-edited egress allow-list,
 * and an append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE, on the
 * embedded database and on a server alike).
 */
export class IdentityPermissionsAudit1765300000000 implements MigrationInterface {
  name = 'IdentityPermissionsAudit1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN email text;
      -- Tokens issued before this instant are refused (password reset, sign-out everywhere).
      ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz NOT NULL DEFAULT '-infinity';
      CREATE INDEX users_department_idx ON users (department_id);
      CREATE INDEX departments_parent_idx ON departments (parent_id);
      CREATE INDEX departments_head_idx ON departments (head_user_id);

      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX revoked_tokens_expiry_idx ON revoked_tokens (expires_at);

      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      );

      CREATE TABLE permission_sets (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key text NOT NULL,
        name jsonb NOT NULL,
        -- { "<form key>": { "actions": [...], "fields": { "<field>": "hidden" | "readonly" | "editable" }, "rows": ... } }
        forms jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (app_id, key)
      );
      -- Who holds a set: a role (by key), a department (by id, with its sub-departments), a user (by id).
      CREATE TABLE permission_assignments (
        set_id uuid NOT NULL REFERENCES permission_sets(id) ON DELETE CASCADE,
        subject_type text NOT NULL CHECK (subject_type IN ('role', 'department', 'user')),
        subject text NOT NULL,
        PRIMARY KEY (set_id, subject_type, subject)
      );
      CREATE INDEX permission_assignments_subject_idx ON permission_assignments (subject_type, subject);

      CREATE TABLE app_builders (
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        subject_type text NOT NULL CHECK (subject_type IN ('role', 'department', 'user')),
        subject text NOT NULL,
        ability text NOT NULL CHECK (ability IN ('build', 'publish')),
        PRIMARY KEY (app_id, subject_type, subject, ability)
      );

      CREATE TABLE egress_allow_hosts (
        host text PRIMARY KEY,
        note text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
      CREATE INDEX audit_log_at_idx ON audit_log (at);
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
      $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_log_no_truncate ON audit_log;
      DROP TRIGGER audit_log_no_change ON audit_log;
      DROP FUNCTION audit_log_append_only();
      DROP INDEX audit_log_at_idx; DROP INDEX audit_log_actor_idx; DROP INDEX audit_log_entity_idx;
      DROP TABLE egress_allow_hosts; DROP TABLE app_builders;
      DROP TABLE permission_assignments; DROP TABLE permission_sets;
      DROP TABLE login_throttle; DROP TABLE revoked_tokens;
      DROP INDEX departments_head_idx; DROP INDEX departments_parent_idx; DROP INDEX users_department_idx;
      ALTER TABLE users DROP COLUMN tokens_valid_after;
      ALTER TABLE users DROP COLUMN email;
    `);
  }
}

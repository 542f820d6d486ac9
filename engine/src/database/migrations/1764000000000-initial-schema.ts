import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, apps and form versions, records, process instances, tasks, timeline, audit. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL
      );
      CREATE TABLE departments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        parent_id uuid REFERENCES departments(id),
        head_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        department_id uuid REFERENCES departments(id),
        is_admin boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE departments ADD CONSTRAINT departments_head_fk
        FOREIGN KEY (head_user_id) REFERENCES users(id);
      CREATE TABLE roles (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name jsonb NOT NULL
      );
      CREATE TABLE user_roles (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      );
      CREATE TABLE apps (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name jsonb NOT NULL,
        description jsonb,
        template_key text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE forms (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key text NOT NULL,
        name jsonb NOT NULL,
        published_version integer NOT NULL DEFAULT 0,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (app_id, key)
      );
      CREATE TABLE form_versions (
        form_id uuid NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        version integer NOT NULL,
        -- json, not jsonb: a definition is kept exactly as published, key order included
        -- (the order of a sub-form's properties is the order of its columns).
        definition json NOT NULL,
        flow json,
        published_by uuid REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (form_id, version)
      );
      CREATE TABLE records (
        id uuid PRIMARY KEY,
        form_id uuid NOT NULL REFERENCES forms(id),
        form_version integer NOT NULL,
        data jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX records_form_created_idx ON records (form_id, created_at DESC, id DESC);
      CREATE TABLE process_instances (
        id uuid PRIMARY KEY,
        record_id uuid NOT NULL REFERENCES records(id),
        form_id uuid NOT NULL,
        form_version integer NOT NULL,
        state jsonb NOT NULL,
        status text NOT NULL,
        outcome text,
        version integer NOT NULL DEFAULT 1,
        started_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (form_id, form_version) REFERENCES form_versions(form_id, version)
      );
      CREATE INDEX process_instances_record_idx ON process_instances (record_id);
      CREATE INDEX process_instances_starter_idx ON process_instances (started_by, created_at DESC);
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instances(id),
        record_id uuid NOT NULL REFERENCES records(id),
        form_id uuid NOT NULL REFERENCES forms(id),
        task_key text NOT NULL,
        kind text NOT NULL DEFAULT 'approval',
        node_id text NOT NULL,
        node_name jsonb NOT NULL,
        assignee_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL,
        action text,
        comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (instance_id, task_key)
      );
      CREATE INDEX tasks_inbox_idx ON tasks (assignee_id, kind, status, created_at DESC, id DESC);
      CREATE INDEX tasks_record_idx ON tasks (record_id);
      CREATE TABLE record_events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        record_id uuid NOT NULL REFERENCES records(id),
        instance_id uuid REFERENCES process_instances(id),
        type text NOT NULL,
        actor_id uuid REFERENCES users(id),
        node_id text,
        node_name jsonb,
        comment text,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX record_events_record_idx ON record_events (record_id, seq);
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        actor_id uuid REFERENCES users(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log; DROP TABLE record_events; DROP TABLE tasks;
      DROP TABLE process_instances; DROP TABLE records; DROP TABLE form_versions;
      DROP TABLE forms; DROP TABLE apps; DROP TABLE user_roles; DROP TABLE roles;
      ALTER TABLE departments DROP CONSTRAINT departments_head_fk;
      DROP TABLE users; DROP TABLE departments; DROP TABLE settings;
    `);
  }
}

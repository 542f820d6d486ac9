import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generations of what engine processes cache (the directory of people, automations, the
 * business calendar). A statement-level trigger bumps a generation in the transaction
 * that changes its tables, so a process sees the change in the very statement that
 * reads the generation — whichever process made it — and drops its stale entries.
 */
export class CacheGenerations1765500000000 implements MigrationInterface {
  name = 'CacheGenerations1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cache_generations (
        name text PRIMARY KEY,
        generation bigint NOT NULL DEFAULT 0
      );
      INSERT INTO cache_generations (name) VALUES ('directory'), ('automations'), ('calendar');
      CREATE FUNCTION liuyun_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE cache_generations SET generation = generation + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
      END $$;
      CREATE TRIGGER users_directory AFTER INSERT OR DELETE OR TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('directory');
      CREATE TRIGGER users_directory_update
        AFTER UPDATE OF username, department_id, is_admin, disabled ON users
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('directory');
      CREATE TRIGGER departments_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('directory');
      CREATE TRIGGER roles_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('directory');
      CREATE TRIGGER user_roles_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('directory');
      CREATE TRIGGER automations_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON automations
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('automations');
      CREATE TRIGGER settings_calendar AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
        FOR EACH STATEMENT EXECUTE FUNCTION liuyun_bump_generation('calendar');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER settings_calendar ON settings;
      DROP TRIGGER automations_generation ON automations;
      DROP TRIGGER user_roles_directory ON user_roles;
      DROP TRIGGER roles_directory ON roles;
      DROP TRIGGER departments_directory ON departments;
      DROP TRIGGER users_directory_update ON users;
      DROP TRIGGER users_directory ON users;
      DROP FUNCTION liuyun_bump_generation();
      DROP TABLE cache_generations;
    `);
  }
}

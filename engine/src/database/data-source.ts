import { Client } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { AuditLogEntity } from '../common/audit/audit-log.entity';
import { AppEntity } from '../modules/apps/app.entity';
import { FormEntity, FormVersionEntity } from '../modules/apps/form.entity';
import { DepartmentEntity } from '../modules/identity/department.entity';
import { RoleEntity, UserRoleEntity } from '../modules/identity/role.entity';
import { SettingEntity } from '../modules/identity/setting.entity';
import { UserEntity } from '../modules/identity/user.entity';
import { ProcessInstanceEntity } from '../modules/processes/process-instance.entity';
import { TaskEntity } from '../modules/processes/task.entity';
import { RecordEntity, RecordEventEntity } from '../modules/records/record.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { JobsIncidentsIdempotency1764000100000 } from './migrations/1764000100000-jobs-incidents-idempotency';
import { NotificationsSubprocessDrafts1764000200000 } from './migrations/1764000200000-notifications-subprocess-drafts';
import { FormDrafts1764000310000 } from './migrations/1764000310000-form-drafts';
import { Automations1764000420000 } from './migrations/1764000420000-automations';
import { FieldFilesSerials1765100000000 } from './migrations/1765100000000-field-files-serials';
import { RecordLists1765200000000 } from './migrations/1765200000000-record-lists';
import { PublicFormTickets1765200100000 } from './migrations/1765200100000-public-form-tickets';
import { IdentityPermissionsAudit1765300000000 } from './migrations/1765300000000-identity-permissions-audit';
import { OperationsRequestId1765400000000 } from './migrations/1765400000000-operations-request-id';
import { CacheGenerations1765500000000 } from './migrations/1765500000000-cache-generations';
import { DashboardsUserPreferences1765700000000 } from './migrations/1765700000000-dashboards-user-preferences';
import { PermissionSetDetails1766000000000 } from './migrations/1766000000000-permission-set-details';
import { TemplatePublishing1766600000000 } from './migrations/1766600000000-template-publishing';

export const ENTITIES = [
  SettingEntity,
  DepartmentEntity,
  UserEntity,
  RoleEntity,
  UserRoleEntity,
  AppEntity,
  FormEntity,
  FormVersionEntity,
  RecordEntity,
  RecordEventEntity,
  ProcessInstanceEntity,
  TaskEntity,
  AuditLogEntity,
];

export const MIGRATIONS = [
  InitialSchema1764000000000,
  JobsIncidentsIdempotency1764000100000,
  NotificationsSubprocessDrafts1764000200000,
  FormDrafts1764000310000,
  Automations1764000420000,
  FieldFilesSerials1765100000000,
  RecordLists1765200000000,
  PublicFormTickets1765200100000,
  IdentityPermissionsAudit1765300000000,
  OperationsRequestId1765400000000,
  CacheGenerations1765500000000,
  DashboardsUserPreferences1765700000000,
  PermissionSetDetails1766000000000,
  TemplatePublishing1766600000000,
];

/**
 * One data source for both databases: the embedded PGlite is reached over the wire
 * protocol too, but it serves one connection, so its pool holds exactly one.
 */
export function createDataSource(url: string, embedded: boolean, poolMax = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
    extra: { max: embedded ? 1 : poolMax },
  });
}

const MIGRATION_LOCK = 7_100_001;

/**
 * Runs pending migrations once, whichever process gets there first: the others wait
 * on a Postgres advisory lock and then find nothing left to do.
 */
export async function runMigrations(ds: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    // A single process owns the embedded database, and its single connection.
    await ds.runMigrations({ transaction: 'all' });
    return;
  }
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // On the connection that holds the lock: a pool of one connection works too.
    const executor = new MigrationExecutor(ds, lock);
    executor.transaction = 'all';
    await executor.executePendingMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/**
 * One connection to the server before anything else, with a time limit: a server that
 * does not answer becomes a start-up error instead of a hang.
 */
export async function probeDatabase(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConfigError, type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { IdentityService } from '../modules/identity/identity.service';
import { PasswordHasher } from '../modules/identity/password.hasher';
import { RecordsService } from '../modules/records/records.service';
import { TemplatesService } from '../modules/templates/templates.service';
import { HistoricalRecordsWriter } from '../modules/records/historical-records.writer';
import { generatedSamples } from '@liuyun/templates';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo-org';

const SEED_LOCK = 7_100_002;
const DEFAULT_TEMPLATE = 'crm';

/**
 * What a first start puts in place: the CRM template, and in demo mode the demo
 * organisation and the template's sample records (submitted through the ordinary
 * record path, so their flows really run). Each step is claimed once, through a flag
 * in `settings` under an advisory lock, so restarts and parallel processes never
 * repeat it.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly templates: TemplatesService,
    private readonly hasher: PasswordHasher,
    private readonly identity: IdentityService,
    private readonly records: RecordsService,
    private readonly history: HistoricalRecordsWriter,
  ) {}

  async run(): Promise<void> {
    const adminPassword = this.config.adminPassword;
    if (adminPassword && !this.config.demo) {
      await this.once('admin_created', async (m) => {
        await this.createUser(m, 'admin', 'Admin', null, [], true, adminPassword);
      });
    }
    if (!this.config.demo) {
      // Never a built-in default: without an administrator nobody could sign in.
      const admins: unknown[] = await this.db.query(
        'SELECT 1 FROM users WHERE is_admin AND NOT disabled LIMIT 1',
      );
      if (admins.length === 0)
        throw new ConfigError(
          'There is no administrator yet: set LIUYUN_ADMIN_PASSWORD for the first start (the user is "admin").',
        );
    }
    const freshOrg =
      this.config.demo && (await this.once('demo_org', (m) => this.createDemoOrg(m)));
    // After the users: the template's automations belong to an administrator.
    await this.once('template_installed', async (m) => {
      await this.templates.installIn(m, this.templates.template(DEFAULT_TEMPLATE), null);
      this.logger.log(`Installed the ${DEFAULT_TEMPLATE} template.`);
    });
    if (!this.config.demo) return;
    // The history names this release's demo people: only over a demo org made just now
    // (never over a database an earlier release seeded, whose people differ).
    if (this.config.demoHistory && freshOrg)
      await this.once('demo_history', (m) => this.loadHistory(m));
    const seedSamples = await this.once('demo_samples', async () => undefined);
    if (seedSamples) await this.submitSamples();
  }

  /** Runs `work` if the flag was not yet claimed; true when this call claimed it. */
  private async once(flag: string, work: (m: EntityManager) => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      const claimed: unknown[] = await m.query(
        `INSERT INTO settings (key, value) VALUES ($1, 'true'::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [`seed:${flag}`],
      );
      if (claimed.length === 0) return false;
      await work(m);
      return true;
    });
  }

  private async createDemoOrg(m: EntityManager): Promise<void> {
    const deptIds = new Map<string, string>();
    for (const d of DEMO_DEPARTMENTS) {
      const id = randomUUID();
      deptIds.set(d.key, id);
      await m.query('INSERT INTO departments (id, name, parent_id) VALUES ($1, $2, $3)', [
        id,
        d.name,
        d.parent ? deptIds.get(d.parent) : null,
      ]);
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const id = await this.createUser(
        m,
        u.username,
        u.displayName,
        deptIds.get(u.department) ?? null,
        u.roles,
        u.isAdmin,
        DEMO_PASSWORD,
      );
      userIds.set(u.username, id);
    }
    for (const d of DEMO_DEPARTMENTS) {
      await m.query('UPDATE departments SET head_user_id = $2 WHERE id = $1', [
        deptIds.get(d.key),
        userIds.get(d.head),
      ]);
    }
    this.logger.log(`Created the demo users: ${DEMO_USERS.map((u) => u.username).join(', ')}.`);
  }

  private async createUser(
    m: EntityManager,
    username: string,
    displayName: string,
    departmentId: string | null,
    roles: string[],
    isAdmin: boolean,
    password: string,
  ): Promise<string> {
    const id = randomUUID();
    await m.query(
      `INSERT INTO users (id, username, display_name, password_hash, department_id, is_admin) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, username, displayName, await this.hasher.hash(password), departmentId, isAdmin],
    );
    for (const role of roles) {
      await m.query(
        `INSERT INTO roles (id, key, name) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
        [randomUUID(), role, { zh: role, en: role }],
      );
      await m.query(
        'INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = $2',
        [id, role],
      );
    }
    return id;
  }

  /**
   * The template's records of the past (generated for this install time, and shipped ones
   * with a creation time), stored as data in this one transaction.
   */
  private async loadHistory(m: EntityManager): Promise<void> {
    const started = Date.now();
    const template = this.templates.template(DEFAULT_TEMPLATE);
    const users: { id: string; username: string }[] = await m.query(
      'SELECT id, username FROM users',
    );
    const departments: { id: string; name: string }[] = await m.query(
      'SELECT id, name FROM departments',
    );
    const directory = {
      users: Object.fromEntries(users.map((u) => [u.username, u.id])),
      departments: Object.fromEntries(
        DEMO_DEPARTMENTS.flatMap((d) => {
          const row = departments.find((r) => r.name === d.name);
          return row ? [[d.key, row.id] as const] : [];
        }),
      ),
    };
    const samples = [
      ...generatedSamples(template.key, { now: new Date(), directory }),
      ...(template.samples ?? []).filter((s) => s.createdAt !== undefined),
    ];
    if (samples.length === 0) return;
    const apps: { id: string }[] = await m.query('SELECT id FROM apps WHERE key = $1', [
      template.app.key,
    ]);
    const appId = apps[0]?.id;
    if (!appId) return;
    const count = await this.history.write(
      m,
      appId,
      samples,
      new Map(users.map((u) => [u.username, u.id])),
      null,
    );
    this.logger.log(`Loaded ${count} sample records of the past in ${Date.now() - started} ms.`);
  }

  private async submitSamples(): Promise<void> {
    const template = this.templates.template(DEFAULT_TEMPLATE);
    const rows: { id: string; key: string }[] = await this.db.query(
      'SELECT f.id, f.key FROM forms f JOIN apps a ON a.id = f.app_id WHERE a.key = $1',
      [template.app.key],
    );
    for (const sample of (template.samples ?? []).filter((s) => s.createdAt === undefined)) {
      const formId = rows.find((r) => r.key === sample.form)?.id;
      const user = await this.identity.findByUsername(sample.submittedBy);
      const authUser = user ? await this.identity.authUserById(user.id) : null;
      if (!formId || !authUser) continue;
      await this.records.submit(formId, sample.data, authUser);
    }
    this.logger.log(`Submitted ${template.samples?.length ?? 0} sample records.`);
  }
}

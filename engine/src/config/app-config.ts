import { resolve } from 'node:path';
import {
  ConfigError,
  optional,
  parseArgs,
  parseChoice,
  parseDatabaseUrl,
  parseFlag,
  parsePositive,
  parsePort,
  parseUrl,
} from './config.parsers';

export { ConfigError } from './config.parsers';

/** What a process does: `all` serves the API and the designer and works the queue. */
export type ProcessRole = 'all' | 'api' | 'worker';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/** Settings read from the environment (and `--role`) once, at start. */
export interface AppConfig {
  port: number;
  /** Folder of the embedded database (and later files). */
  dataDir: string;
  /** A Postgres server; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Most connections this process holds to the Postgres server. */
  dbPoolMax: number;
  /** `NODE_ENV=production`: demo mode is refused and a first admin password is required. */
  production: boolean;
  /** Demo users and sample records: on by default when embedded, opt-in on a server. */
  demo: boolean;
  /** In demo mode: also the template's generated records of the past (a quarter of CRM work). */
  demoHistory: boolean;
  /** Where the built designer lives; served on `/` when present. */
  designerDir: string;
  /** Lifetime of sign-in tokens, in seconds. */
  tokenTtlSeconds: number;
  /** Outside demo mode: the first admin's password, for the first start. */
  adminPassword: string | null;
  role: ProcessRole;
  /** Whether this process serves the API and the designer (roles `all` and `api`). */
  servesApi: boolean;
  /** Whether this process works the job queue (timers, outbox, schedules). */
  workers: boolean;
  workerPollMs: number;
  jobLeaseSeconds: number;
  /** How long a stopping process waits for in-flight requests and jobs before it lets go. */
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  /** A bearer token that may read `/metrics` (administrators always may); null: admins only. */
  metricsToken: string | null;
  /** Hosts outbound webhooks may reach even though they resolve to non-public addresses. */
  egressAllowHosts: string[];
  /** SMTP server for e-mail notifications (`smtp://user:pass@host:port`); null: e-mail is off. */
  smtpUrl: string | null;
  /** The From of notification mails. */
  mailFrom: string;
  /** Chat-robot webhook per platform; null: that channel is off. */
  robotWebhooks: Record<RobotPlatform, string | null>;
  /** DingTalk's signing secret (加签): each call then carries `timestamp` and `sign`. */
  dingtalkSecret: string | null;
}

export type RobotPlatform = 'dingtalk' | 'wecom' | 'feishu';

function workersOf(role: ProcessRole, flag: boolean | null): boolean {
  if (role === 'api') {
    if (flag === true)
      throw new ConfigError(
        'LIUYUN_WORKERS=1 contradicts --role=api (an API process runs no workers).',
      );
    return false;
  }
  if (role === 'worker') {
    if (flag === false)
      throw new ConfigError('LIUYUN_WORKERS=0 leaves a --role=worker process nothing to do.');
    return true;
  }
  return flag ?? true;
}

/**
 * Reads and checks the environment and the command line; throws ConfigError with one
 * clear sentence. Settings that need the database (an admin password on a first
 * production start) are checked once it is reached.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): AppConfig {
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const production = (env.NODE_ENV ?? '').trim().toLowerCase() === 'production';
  const demoFlag = parseFlag(env.LIUYUN_DEMO, 'LIUYUN_DEMO');
  if (production && demoFlag === true)
    throw new ConfigError(
      'LIUYUN_DEMO=1 is refused with NODE_ENV=production: the demo users share the password "demo".',
    );
  const demo = production ? false : (demoFlag ?? databaseUrl === null);
  const adminPassword =
    env.LIUYUN_ADMIN_PASSWORD !== undefined && env.LIUYUN_ADMIN_PASSWORD.trim() !== ''
      ? env.LIUYUN_ADMIN_PASSWORD
      : null;
  if (production && adminPassword !== null && adminPassword.length < 8)
    throw new ConfigError('LIUYUN_ADMIN_PASSWORD must have at least 8 characters in production.');
  const args = parseArgs(argv);
  const role = parseChoice(
    args.role ?? env.LIUYUN_ROLE,
    args.role !== undefined ? '--role' : 'LIUYUN_ROLE',
    PROCESS_ROLES,
    'all',
  );
  const metricsToken = optional(env.LIUYUN_METRICS_TOKEN);
  if (metricsToken !== null && metricsToken.length < 16)
    throw new ConfigError('LIUYUN_METRICS_TOKEN must have at least 16 characters.');
  return {
    port: parsePort(env.PORT),
    dataDir: resolve(
      env.LIUYUN_DATA_DIR && env.LIUYUN_DATA_DIR !== '' ? env.LIUYUN_DATA_DIR : './data',
    ),
    databaseUrl,
    dbPoolMax: parsePositive(env.LIUYUN_DB_POOL_MAX, 'LIUYUN_DB_POOL_MAX', 10, 1000),
    production,
    demo,
    demoHistory: demo && (parseFlag(env.LIUYUN_DEMO_HISTORY, 'LIUYUN_DEMO_HISTORY') ?? true),
    designerDir: resolve(env.LIUYUN_DESIGNER_DIR ?? resolve(__dirname, '../../../designer/dist')),
    tokenTtlSeconds: 12 * 3600,
    adminPassword,
    role,
    servesApi: role !== 'worker',
    workers: workersOf(role, parseFlag(env.LIUYUN_WORKERS, 'LIUYUN_WORKERS')),
    workerPollMs: parsePositive(env.LIUYUN_WORKER_POLL_MS, 'LIUYUN_WORKER_POLL_MS', 500),
    jobLeaseSeconds: parsePositive(env.LIUYUN_JOB_LEASE_SECONDS, 'LIUYUN_JOB_LEASE_SECONDS', 60),
    shutdownTimeoutMs:
      1000 *
      parsePositive(
        env.LIUYUN_SHUTDOWN_TIMEOUT_SECONDS,
        'LIUYUN_SHUTDOWN_TIMEOUT_SECONDS',
        30,
        3600,
      ),
    logLevel: parseChoice(env.LIUYUN_LOG_LEVEL, 'LIUYUN_LOG_LEVEL', LOG_LEVELS, 'info'),
    metricsToken,
    egressAllowHosts: (env.LIUYUN_EGRESS_ALLOW_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== ''),
    smtpUrl: parseUrl(env.LIUYUN_SMTP_URL, 'LIUYUN_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: optional(env.LIUYUN_MAIL_FROM) ?? 'Liuyun <no-reply@localhost>',
    robotWebhooks: {
      dingtalk: parseUrl(env.LIUYUN_DINGTALK_WEBHOOK, 'LIUYUN_DINGTALK_WEBHOOK', [
        'http:',
        'https:',
      ]),
      wecom: parseUrl(env.LIUYUN_WECOM_WEBHOOK, 'LIUYUN_WECOM_WEBHOOK', ['http:', 'https:']),
      feishu: parseUrl(env.LIUYUN_FEISHU_WEBHOOK, 'LIUYUN_FEISHU_WEBHOOK', ['http:', 'https:']),
    },
    dingtalkSecret: optional(env.LIUYUN_DINGTALK_SECRET),
  };
}

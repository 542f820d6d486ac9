import { resolve } from 'node:path';

/** Settings read from the environment once, at start. */
export interface AppConfig {
  port: number;
  /** Folder of the embedded database (and later files). */
  dataDir: string;
  /** A Postgres server; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Demo users and sample records: on by default when embedded, opt-in on a server. */
  demo: boolean;
  /** Where the built designer lives; served on `/` when present. */
  designerDir: string;
  /** Lifetime of sign-in tokens, in seconds. */
  tokenTtlSeconds: number;
  /** Outside demo mode: the first admin's password, for the first start. */
  adminPassword: string | null;
  /** Whether this process works the job queue (timers, outbox). */
  workers: boolean;
  workerPollMs: number;
  jobLeaseSeconds: number;
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

export class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}

function parsePositive(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 86_400_000)
    throw new ConfigError(`${name} must be a positive whole number, not "${raw}".`);
  return n;
}

function parseFlag(raw: string | undefined, name: string): boolean | null {
  if (raw === undefined || raw === '') return null;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}".`);
}

const HTTP = ['http:', 'https:'];

/** A URL with one of `protocols`, or null when unset. */
function parseUrl(raw: string | undefined, name: string, protocols: string[]): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Not echoed: the URL may hold a password or an access token.
    throw new ConfigError(`${name} must be a URL.`);
  }
  if (!protocols.includes(url.protocol))
    throw new ConfigError(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}.`,
    );
  return raw.trim();
}

function optional(raw: string | undefined): string | null {
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

/** Reads and checks the environment; throws ConfigError with one clear sentence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  const demoFlag = parseFlag(env.LIUYUN_DEMO, 'LIUYUN_DEMO');
  return {
    port: parsePort(env.PORT),
    dataDir: resolve(
      env.LIUYUN_DATA_DIR && env.LIUYUN_DATA_DIR !== '' ? env.LIUYUN_DATA_DIR : './data',
    ),
    databaseUrl,
    demo: demoFlag ?? databaseUrl === null,
    designerDir: resolve(env.LIUYUN_DESIGNER_DIR ?? resolve(__dirname, '../../../designer/dist')),
    tokenTtlSeconds: 12 * 3600,
    adminPassword:
      env.LIUYUN_ADMIN_PASSWORD && env.LIUYUN_ADMIN_PASSWORD !== ''
        ? env.LIUYUN_ADMIN_PASSWORD
        : null,
    workers: parseFlag(env.LIUYUN_WORKERS, 'LIUYUN_WORKERS') ?? true,
    workerPollMs: parsePositive(env.LIUYUN_WORKER_POLL_MS, 'LIUYUN_WORKER_POLL_MS', 500),
    jobLeaseSeconds: parsePositive(env.LIUYUN_JOB_LEASE_SECONDS, 'LIUYUN_JOB_LEASE_SECONDS', 60),
    egressAllowHosts: (env.LIUYUN_EGRESS_ALLOW_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== ''),
    smtpUrl: parseUrl(env.LIUYUN_SMTP_URL, 'LIUYUN_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: optional(env.LIUYUN_MAIL_FROM) ?? 'Liuyun <no-reply@localhost>',
    robotWebhooks: {
      dingtalk: parseUrl(env.LIUYUN_DINGTALK_WEBHOOK, 'LIUYUN_DINGTALK_WEBHOOK', HTTP),
      wecom: parseUrl(env.LIUYUN_WECOM_WEBHOOK, 'LIUYUN_WECOM_WEBHOOK', HTTP),
      feishu: parseUrl(env.LIUYUN_FEISHU_WEBHOOK, 'LIUYUN_FEISHU_WEBHOOK', HTTP),
    },
    dingtalkSecret: optional(env.LIUYUN_DINGTALK_SECRET),
  };
}

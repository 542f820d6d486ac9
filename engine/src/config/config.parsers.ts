/** A bad setting: its message is the one sentence the process prints before it stops. */
export class ConfigError extends Error {}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}

export function parsePositive(
  raw: string | undefined,
  name: string,
  fallback: number,
  max = 86_400_000,
): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(`${name} must be a whole number from 1 to ${max}, not "${raw}".`);
  return n;
}

export function parseFlag(raw: string | undefined, name: string): boolean | null {
  if (raw === undefined || raw === '') return null;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}".`);
}

export function parseChoice<T extends string>(
  raw: string | undefined,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (!(choices as readonly string[]).includes(value))
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, not "${raw}".`);
  return value as T;
}

/** A URL with one of `protocols`, or null when unset. */
export function parseUrl(
  raw: string | undefined,
  name: string,
  protocols: string[],
): string | null {
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

/** The Postgres server URL, checked for shape (never echoed: it may hold a password). */
export function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  if (!/^postgres(ql)?:\/\//.test(value))
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL (write it as postgres://user:password@host:5432/database).',
    );
  }
  if (url.hostname === '')
    throw new ConfigError('DATABASE_URL must name a host (postgres://user@host:5432/database).');
  return value;
}

export function optional(raw: string | undefined): string | null {
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

/** `--role=api`, `--role api`; anything else on the command line is refused. */
export function parseArgs(argv: readonly string[]): { role: string | undefined } {
  let role: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = /^--role=(.*)$/.exec(arg);
    if (eq) role = eq[1];
    else if (arg === '--role' && argv[i + 1] !== undefined) role = argv[++i];
    else
      throw new ConfigError(`Unknown option "${arg}": the only option is --role=all|api|worker.`);
  }
  return { role };
}

import { ConfigError } from '../config/app-config';

interface CodedError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  path?: unknown;
  syscall?: unknown;
}

function where(databaseUrl: string | null): string {
  if (databaseUrl === null) return 'the database server';
  try {
    const u = new URL(databaseUrl);
    return `the database server in DATABASE_URL (${u.hostname}:${u.port || '5432'})`;
  } catch {
    return 'the database server in DATABASE_URL';
  }
}

function databaseName(databaseUrl: string | null): string {
  try {
    return databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) : '';
  } catch {
    return '';
  }
}

function userName(databaseUrl: string | null): string {
  try {
    return databaseUrl ? decodeURIComponent(new URL(databaseUrl).username) || 'postgres' : '';
  } catch {
    return '';
  }
}

/** Node groups several connection attempts (IPv4 and IPv6) into one AggregateError. */
function firstCode(e: CodedError): string | undefined {
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors as CodedError[])
      if (typeof inner?.code === 'string') return inner.code;
  }
  return undefined;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that could not be resolved',
  ETIMEDOUT: 'did not answer in time',
  EHOSTUNREACH: 'is unreachable',
  ENETUNREACH: 'is on an unreachable network',
  ECONNRESET: 'closed the connection',
};

/**
 * The one sentence a process prints when it cannot start: what is wrong and which
 * setting to change. Never a stack trace, never a password.
 */
export function describeStartupError(
  e: unknown,
  context: { databaseUrl: string | null; port: number | null; dataDir: string | null },
): string {
  if (e instanceof ConfigError) return e.message;
  const err = (typeof e === 'object' && e !== null ? e : {}) as CodedError;
  const code = firstCode(err);
  const message = typeof err.message === 'string' ? err.message : String(e);
  if (code === 'EADDRINUSE')
    return `port ${context.port ?? 3000} is already in use; stop what holds it or set PORT to another port.`;
  if (code === 'EACCES' && err.syscall === 'listen')
    return `port ${context.port ?? 3000} needs privileges this process does not have; set PORT to 1024 or above.`;
  if ((code === 'EACCES' || code === 'EROFS' || code === 'EPERM') && typeof err.path === 'string')
    return `${err.path} cannot be written (${code}); set LIUYUN_DATA_DIR to a folder this user may write.`;
  if (code && UNREACHABLE[code])
    return `${where(context.databaseUrl)} ${UNREACHABLE[code]}; check DATABASE_URL and that Postgres is running.`;
  if (/timeout expired|Connection terminated due to connection timeout/i.test(message))
    return `${where(context.databaseUrl)} did not answer within 10 seconds; check DATABASE_URL and the network.`;
  if (code === '3D000')
    return `the database "${databaseName(context.databaseUrl)}" does not exist on ${where(context.databaseUrl)}; create it (createdb) or fix DATABASE_URL.`;
  if (code === '28P01' || code === '28000')
    return `${where(context.databaseUrl)} refused user "${userName(context.databaseUrl)}" (wrong password or no access); fix DATABASE_URL.`;
  if (code === '42501' && /permission denied/i.test(message))
    return `the user in DATABASE_URL may not create tables in the database; grant it CREATE on the schema or use its owner.`;
  // Anything else: its message on one line, without a stack.
  return message.replace(/\s+/g, ' ').trim() || 'an unknown error occurred.';
}

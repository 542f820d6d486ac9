import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../../config/app-config';
import { currentContext } from './request-context';

/** Nest's own start-up chatter (modules loaded, routes mapped) is debug detail. */
const QUIET_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * One JSON line per event on stdout (pino): `time`, `level`, `msg`, the Nest context
 * as `context`, and the request id and job id of the work in progress.
 */
export function createRootLogger(level: LogLevel): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = currentContext();
        if (!ctx) return {};
        return {
          ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
          ...(ctx.jobId ? { jobId: ctx.jobId } : {}),
        };
      },
    },
    pino.destination({ fd: 1, sync: true }),
  );
}

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's LoggerService over pino: `new Logger('Ctx').log(...)` anywhere lands here. */
export class NestJsonLogger implements LoggerService {
  constructor(readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  private write(level: PinoLevel, message: unknown, params: unknown[], withStack = false): void {
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const effective = context && QUIET_CONTEXTS.has(context) && level === 'info' ? 'debug' : level;
    if (!this.root.isLevelEnabled(effective)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (withStack && typeof rest[0] === 'string') fields.stack = rest[0];
    if (message instanceof Error) {
      this.root[effective]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...more } = message as Record<string, unknown>;
      this.root[effective]({ ...fields, ...more }, typeof msg === 'string' ? msg : '');
    } else {
      this.root[effective](fields, String(message));
    }
  }
}

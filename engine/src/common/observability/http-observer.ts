import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from '../../modules/operations/metrics.service';
import type { ProcessLifecycle } from '../../modules/operations/process-lifecycle.service';
import { acceptedRequestId, runInContext } from './request-context';

const PROBES = new Set(['/api/health', '/api/ready', '/metrics']);
const logger = new Logger('HTTP');

/** The route pattern (`/api/records/:id`), never the raw path, so labels stay few. */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  if (PROBES.has(req.path)) return req.path;
  return req.originalUrl.startsWith('/api') ? 'unmatched' : 'designer';
}

interface Observed {
  requestId: string;
}

/**
 * First in the chain: takes the caller's `X-Request-Id` (or makes one) and answers with
 * it, times the request into the latency histogram, and logs one line when it ends.
 * While the process stops, answers ask clients to close their connections.
 */
export function observeRequests(metrics: MetricsService, lifecycle: ProcessLifecycle) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = acceptedRequestId(req.headers['x-request-id']) ?? randomUUID();
    (res.locals as Observed).requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (lifecycle.stopping) res.setHeader('Connection', 'close');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.observeHttp(req.method, route, res.statusCode, seconds);
      const line = {
        msg: 'request',
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
      };
      if (PROBES.has(req.path) && res.statusCode < 500) logger.debug(line);
      else logger.log(line);
    });
    runInContext({ requestId }, next);
  };
}

/**
 * Again after the body parser, whose stream events run outside the request's async
 * context: from here to the route handler, and into every step and job it enqueues,
 * logs carry the request id.
 */
export function carryRequestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = (res.locals as Partial<Observed>).requestId;
  if (requestId === undefined) return next();
  runInContext({ requestId }, next);
}

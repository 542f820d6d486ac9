import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a log line learns from where it was written: the HTTP request that started the
 * work (`X-Request-Id`, taken from the caller or made here) and, in a worker, the job
 * being run. Jobs keep the request id of the step that enqueued them, so a timer or a
 * webhook delivery minutes later logs under the request that caused it.
 */
export interface RequestContext {
  requestId?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a sane token, else null (a fresh one is made). */
export function acceptedRequestId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : null;
}

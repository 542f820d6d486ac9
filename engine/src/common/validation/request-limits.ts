import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { toEnvelope } from '../errors/error-envelope.filter';

/**
 * Bounds on every JSON body, checked right after parsing and before any route, schema
 * or rule sees it (S2). Generous enough for the largest definition a designer may
 * publish (see LIMITS in @liuyun/definitions), far below what hurts the server.
 */
export const REQUEST_LIMITS = {
  depth: 64,
  values: 250_000,
  arrayItems: 10_000,
  objectKeys: 10_000,
  stringLength: 100_000,
  keyLength: 200,
} as const;

// A lone UTF-16 surrogate cannot be stored as text (nor in jsonb); NUL neither.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refuse(code: string, path: string, message: string): AppError {
  return new AppError(400, code, `The request body is not acceptable: ${message}.`, [
    { instancePath: path, keyword: 'limit', message, params: {} },
  ]);
}

function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The first limit a parsed body breaks, or null. Iterative: a deep body cannot overflow the stack. */
export function requestLimitError(body: unknown): AppError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  let seen = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    seen += 1;
    if (seen > REQUEST_LIMITS.values)
      return refuse('limit_exceeded', '', `more than ${REQUEST_LIMITS.values} values`);
    if (typeof value === 'string') {
      if (value.length > REQUEST_LIMITS.stringLength)
        return refuse(
          'limit_exceeded',
          path,
          `a text longer than ${REQUEST_LIMITS.stringLength} characters`,
        );
      if (UNSTORABLE.test(value))
        return refuse('invalid_text', path, 'a text holds a NUL character or a lone surrogate');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= REQUEST_LIMITS.depth)
      return refuse('limit_exceeded', path, `nested deeper than ${REQUEST_LIMITS.depth} levels`);
    if (Array.isArray(value)) {
      if (value.length > REQUEST_LIMITS.arrayItems)
        return refuse(
          'limit_exceeded',
          path,
          `a list of more than ${REQUEST_LIMITS.arrayItems} items`,
        );
      value.forEach((v, i) => stack.push({ value: v, path: `${path}/${i}`, depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > REQUEST_LIMITS.objectKeys)
      return refuse(
        'limit_exceeded',
        path,
        `an object of more than ${REQUEST_LIMITS.objectKeys} keys`,
      );
    for (const key of keys) {
      if (key.length > REQUEST_LIMITS.keyLength)
        return refuse(
          'limit_exceeded',
          path,
          `a key longer than ${REQUEST_LIMITS.keyLength} characters`,
        );
      if (UNSTORABLE.test(key))
        return refuse('invalid_text', path, 'a key holds a NUL character or a lone surrogate');
      stack.push({
        value: (value as Record<string, unknown>)[key],
        path: `${path}/${token(key)}`,
        depth: depth + 1,
      });
    }
  }
  return null;
}

/** Express middleware: answers 400 in the envelope when a parsed JSON body breaks a limit. */
export function requestLimits(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  // Files (import bodies) are bytes, not JSON.
  if (
    body === undefined ||
    Buffer.isBuffer(body) ||
    typeof req.headers['content-type'] !== 'string'
  )
    return next();
  const error = requestLimitError(body);
  if (!error) return next();
  const envelope = toEnvelope(error);
  res.status(envelope.error.status).json(envelope);
}

import { ApiError, parseErrorEnvelope } from './api-error';
import { clearToken, readToken } from './token.store';

type UnauthenticatedHandler = () => void;

let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The app decides what a 401 means (back to sign-in); the client only reports it. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Leave the token off and do not treat a 401 as an expired session (sign-in itself). */
  anonymous?: boolean;
  signal?: AbortSignal;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Calls the engine under `/api`. Answers are trusted to match the documented shapes;
 * errors come back as {@link ApiError} parsed from the one error envelope.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.anonymous ? null : readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', message: String(cause) });
  }

  const body = await readJson(response);
  if (response.ok) return body as T;

  const error = parseErrorEnvelope(response.status, body);
  if (response.status === 401 && !options.anonymous) {
    clearToken();
    onUnauthenticated();
  }
  throw error;
}

import { ApiError, parseErrorEnvelope } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  /** JSON-encoded, unless it is a `FormData` (multipart upload), sent as it is. */
  body?: unknown;
  query?: Record<string, QueryValue | QueryValue[]>;
  headers?: Record<string, string>;
  /** Leave the token off and do not treat a 401 as an expired session (sign-in itself). */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** `json` (default) parses the body; `blob` and `text` hand it back as it is (downloads). */
  responseType?: 'json' | 'blob' | 'text';
}

/** An answer with its headers, for routes whose headers matter (ETag, Location). */
export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpClientOptions {
  /** Where the API lives: `/api` in the browser, `http://host:port/api` elsewhere. */
  baseUrl: string;
  /** The bearer token of the signed-in user, if any. */
  getToken?: () => string | null;
  /** Called on a 401 of an authenticated call: the session is over. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export interface Http {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  exchange<T>(path: string, options?: RequestOptions): Promise<HttpAnswer<T>>;
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

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null) continue;
      params.append(key, String(one));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Calls the engine. Answers are trusted to match the documented shapes; errors come back
 * as {@link ApiError} parsed from the one error envelope (status 0 for a network failure).
 */
export function createHttpClient(options: HttpClientOptions): Http {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function exchange<T>(path: string, req: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    const token = req.anonymous ? null : (options.getToken?.() ?? null);
    if (token) headers.Authorization = `Bearer ${token}`;
    const isForm = typeof FormData !== 'undefined' && req.body instanceof FormData;
    // A file (Blob) goes as the raw body with its own type (imports).
    const isBlob = typeof Blob !== 'undefined' && req.body instanceof Blob;
    if (isBlob) headers['Content-Type'] = (req.body as Blob).type || 'application/octet-stream';
    else if (req.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}${queryString(req.query)}`, {
        method: req.method ?? 'GET',
        headers,
        body:
          req.body === undefined
            ? undefined
            : isForm || isBlob
              ? (req.body as FormData | Blob)
              : JSON.stringify(req.body),
        signal: req.signal,
      });
    } catch (cause) {
      if (cause instanceof Error && cause.name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, code: 'network_error', message: String(cause) });
    }

    if (response.ok) {
      const type = req.responseType ?? 'json';
      const body =
        type === 'blob'
          ? await response.blob()
          : type === 'text'
            ? await response.text()
            : await readJson(response);
      return { status: response.status, headers: response.headers, body: body as T };
    }

    const error = parseErrorEnvelope(response.status, await readJson(response));
    if (response.status === 401 && !req.anonymous) options.onUnauthenticated?.();
    throw error;
  }

  return {
    exchange,
    request: async <T>(path: string, req?: RequestOptions) => (await exchange<T>(path, req)).body,
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createHttpClient, endpoint } from '../src';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url?.startsWith('/api/fail')) {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { status: 409, code: 'task_not_open', message: 'Done.' } }),
        );
        return;
      }
      if (req.url?.startsWith('/api/expired')) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { status: 401, code: 'unauthenticated', message: 'No.' } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: '"3"' });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

describe('http client', () => {
  it('fills path templates, encodes queries and sends the token and JSON body', async () => {
    const http = createHttpClient({ baseUrl, getToken: () => 'tok' });
    const update = endpoint<{ ok: boolean }>('PATCH', '/records/{recordId}');
    const answer = await update.exchange(http, {
      path: { recordId: 'a b/c' },
      query: { view: 'todo', tags: ['x', 'y'], skip: undefined },
      headers: { 'If-Match': '"2"' },
      body: { data: { n: 1 } },
    });
    expect(answer.body).toEqual({ ok: true });
    expect(answer.headers.get('etag')).toBe('"3"');
    expect(seen[0]?.method).toBe('PATCH');
    expect(seen[0]?.url).toBe('/api/records/a%20b%2Fc?view=todo&tags=x&tags=y');
    expect(seen[0]?.headers.authorization).toBe('Bearer tok');
    expect(seen[0]?.headers['if-match']).toBe('"2"');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ data: { n: 1 } });
  });

  it('refuses a template value that is missing', async () => {
    const http = createHttpClient({ baseUrl });
    const one = endpoint('GET', '/records/{recordId}');
    await expect(one(http)).rejects.toThrow('missing path value "recordId"');
    expect(seen).toHaveLength(0);
  });

  it('turns the error envelope into an ApiError and reports a 401 once', async () => {
    let expired = 0;
    const http = createHttpClient({
      baseUrl,
      getToken: () => 'tok',
      onUnauthenticated: () => (expired += 1),
    });
    const failure = await http.request('/fail', { method: 'POST' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 409, code: 'task_not_open', message: 'Done.' });
    expect(expired).toBe(0);
    await expect(http.request('/expired')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(expired).toBe(1);
    await expect(http.request('/expired', { anonymous: true })).rejects.toBeInstanceOf(ApiError);
    expect(expired).toBe(1);
    expect(seen[2]?.headers.authorization).toBeUndefined();
  });

  it('reports an unreachable server as a network error with status 0', async () => {
    const http = createHttpClient({ baseUrl: 'http://127.0.0.1:1/api' });
    await expect(http.request('/health')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});
